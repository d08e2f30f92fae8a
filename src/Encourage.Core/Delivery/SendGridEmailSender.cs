using System.Net;
using Encourage.Hosting;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Encourage.Delivery;

/// <summary>Sends email through SendGrid's SDK; 429 and 5xx are retried by the HttpClient's resilience pipeline.</summary>
public sealed class SendGridEmailSender : IEmailSender
{
    public const string HttpClientName = "sendgrid";
    private readonly SendGridClient _client;
    private readonly SendGridOptions _options;

    public SendGridEmailSender(IHttpClientFactory httpClientFactory, IOptions<SendGridOptions> options)
    {
        _options = options.Value;
        var clientOptions = new SendGridClientOptions { ApiKey = _options.ApiKey };
        if (!string.IsNullOrWhiteSpace(_options.ApiHost)) clientOptions.Host = _options.ApiHost;
        _client = new SendGridClient(httpClientFactory.CreateClient(HttpClientName), clientOptions);
    }

    public async Task<ProviderReceipt> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var mail = MailHelper.CreateSingleEmail(
            new EmailAddress(_options.FromEmail, _options.FromName), new EmailAddress(message.To),
            message.Subject, message.Text, message.Html);
        foreach (var (name, value) in message.Headers) mail.AddHeader(name, value);
        if (message.ReplyTo is { Length: > 0 } replyTo) mail.SetReplyTo(new EmailAddress(replyTo));
        foreach (var (name, value) in message.CustomArgs) mail.AddCustomArg(name, value);
        if (message.Categories.Count > 0) mail.AddCategories(message.Categories.ToList());
        // Privacy: no link rewriting (links carry personal tokens) and no open pixel, whatever the account's defaults.
        mail.SetClickTracking(false, false);
        mail.SetOpenTracking(false);

        var response = await _client.SendEmailAsync(mail, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            var id = response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null;
            return new ProviderReceipt(id ?? "sendgrid-accepted");
        }
        if (response.StatusCode is HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
        {
            throw new HttpRequestException($"SendGrid answered {(int)response.StatusCode} after retries.", null, response.StatusCode);
        }
        throw new PermanentDeliveryException($"SendGrid refused the message ({(int)response.StatusCode}).", ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
