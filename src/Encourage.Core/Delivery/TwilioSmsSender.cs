using Encourage.Hosting;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace Encourage.Delivery;

/// <summary>Sends SMS through Twilio's SDK, on an HttpClient that carries the resilience pipeline.</summary>
public sealed class TwilioSmsSender : ISmsSender
{
    public const string HttpClientName = "twilio";
    private readonly TwilioRestClient _client;
    private readonly TwilioOptions _options;

    public TwilioSmsSender(IHttpClientFactory httpClientFactory, IOptions<TwilioOptions> options)
    {
        _options = options.Value;
        _client = new TwilioRestClient(_options.AccountSid!, _options.AuthToken!,
            httpClient: new SystemNetHttpClient(httpClientFactory.CreateClient(HttpClientName)));
    }

    public TwilioRestClient Client => _client;

    public async Task<ProviderReceipt> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        var create = new CreateMessageOptions(new PhoneNumber(message.To)) { Body = message.Body };
        if (!string.IsNullOrWhiteSpace(_options.MessagingServiceSid)) create.MessagingServiceSid = _options.MessagingServiceSid;
        else create.From = new PhoneNumber(_options.FromNumber);
        if (message.StatusCallbackUrl is { } callback) create.StatusCallback = new Uri(callback);
        try
        {
            var sent = await MessageResource.CreateAsync(create, _client);
            return new ProviderReceipt(sent.Sid);
        }
        catch (ApiException e) when (e.Status is >= 400 and < 500 && e.Status != 429)
        {
            // 21610: the recipient replied STOP to the carrier; 21211/21614: not a number that can get texts.
            throw new PermanentDeliveryException($"Twilio refused the message ({e.Code}).", e.Code.ToString(System.Globalization.CultureInfo.InvariantCulture), e);
        }
    }

    public async Task<ProviderReceipt?> FindSentAsync(SmsMessage message, DateTimeOffset since, CancellationToken cancellationToken)
    {
        // Twilio lists messages by recipient and date sent; the day before is included so a send just after midnight
        // UTC still finds one made just before it.
        var read = new ReadMessageOptions
        {
            To = new PhoneNumber(message.To),
            DateSentAfter = since.UtcDateTime.Date.AddDays(-1),
            PageSize = 50,
        };
        var page = await MessageResource.ReadAsync(read, _client);
        var match = page.FirstOrDefault(m => string.Equals(m.Body, message.Body, StringComparison.Ordinal)
            && m.Status != MessageResource.StatusEnum.Failed && m.Status != MessageResource.StatusEnum.Undelivered);
        return match is null ? null : new ProviderReceipt(match.Sid);
    }
}

/// <summary>Points Twilio's SDK at another base address (a loopback fake in tests) by rewriting the request URI.</summary>
public sealed class BaseAddressRewriter(Uri target) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri)
        {
            request.RequestUri = new UriBuilder(uri) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
        }
        return base.SendAsync(request, cancellationToken);
    }
}
