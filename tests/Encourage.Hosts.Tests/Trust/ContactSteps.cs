using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Encourage.Hosting;
using Encourage.Subscriptions;
using Encourage.Web;
using Microsoft.Extensions.Options;

namespace Encourage.Hosts.Tests.Trust;

/// <summary>Steps for the "each contact is its own person" attacks: email replies, links out of messages, stored rows.</summary>
public static partial class ContactSteps
{
    private static readonly ContactKeys Keys = new(Options.Create(new EncourageOptions { PublicBaseUrl = TestSettings.PublicBaseUrl, TokenSecret = TestSettings.TokenSecret }));

    public static async Task<HttpResponseMessage> SignUpAsync(this LocalHostProcess host, string channel, string? phone, string? email, string firstName, string pronoun,
        string timeZone = "America/New_York", string sendTime = "09:00")
    {
        var body = new Dictionary<string, string?>
        {
            ["firstName"] = firstName, ["channel"] = channel, ["timeZone"] = timeZone, ["sendTime"] = sendTime, ["pronoun"] = pronoun,
        };
        if (phone is not null) body["phone"] = phone;
        if (email is not null) body["email"] = email;
        return await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(host.Client, "/api/subscribe", body);
    }

    /// <summary>Follows the newest confirmation link sent to <paramref name="email"/> (POST, as the button does).</summary>
    public static async Task ConfirmEmailAsync(this LocalHostProcess host, string email)
    {
        var path = await host.ConfirmPathAsync(email);
        using var confirmed = await host.Client.PostAsync(path, TrustSteps.TokenForm(path));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
    }

    /// <summary>An email reply as SendGrid Inbound Parse posts it (SPF and DKIM pass for the sender's domain).</summary>
    public static async Task<HttpResponseMessage> ReplyByEmailAsync(this LocalHostProcess host, string from, string to, string body, string secret)
    {
        var domain = from[(from.IndexOf('@', StringComparison.Ordinal) + 1)..];
        var fields = new Dictionary<string, string>
        {
            ["headers"] = $"Message-ID: <{Guid.NewGuid():N}@{domain}>\r\nFrom: <{from}>\r\nTo: {to}\r\nSubject: Re: Encourage\r\n",
            ["dkim"] = "{@" + domain + " : pass}",
            ["to"] = $"Encourage <{to}>",
            ["from"] = $"<{from}>",
            ["text"] = body + "\r\n",
            ["sender_ip"] = "209.85.220.41",
            ["envelope"] = $$"""{"to":["{{to}}"],"from":"{{from}}"}""",
            ["attachments"] = "0",
            ["subject"] = "Re: Encourage",
            ["charsets"] = """{"to":"UTF-8","subject":"UTF-8","from":"UTF-8","text":"UTF-8"}""",
            ["SPF"] = "pass",
        };
        var content = new MultipartFormDataContent();
        foreach (var (k, v) in fields) content.Add(new StringContent(v, Encoding.UTF8), k);
        using var request = new HttpRequestMessage(HttpMethod.Post, Routes.SendGridInbound) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("sendgrid:" + secret)));
        return await host.Client.SendAsync(request);
    }

    /// <summary>The first link to <paramref name="route"/> in a message's text, as a local path and query.</summary>
    public static string? LinkTo(string text, string route)
    {
        var match = AnyLink().Matches(text).FirstOrDefault(m => m.Value.Contains(route + "?token=", StringComparison.Ordinal));
        return match is null ? null : HostExtensions.LocalPath(match.Value);
    }

    /// <summary>Every link to <paramref name="route"/> in everything sent to <paramref name="to"/>.</summary>
    public static async Task<List<string>> LinksToAsync(this LocalHostProcess host, string to, string route) =>
        [.. (await host.OutboxAsync(to)).SelectMany(m => AnyLink().Matches(m.Text).Select(x => x.Value))
            .Where(l => l.Contains(route + "?token=", StringComparison.Ordinal)).Select(HostExtensions.LocalPath).Distinct()];

    public static TableClient Subscribers(this LocalHostProcess host) => new(Azurite.ConnectionString, host.Prefix + "Subscribers");

    public static async Task<TableEntity?> ProfileByPhoneAsync(this LocalHostProcess host, string phone)
    {
        var found = await host.Subscribers().GetEntityIfExistsAsync<TableEntity>(Keys.ForPhone(phone), Subscriber.ProfileRowKey);
        return found.HasValue ? found.Value : null;
    }

    public static async Task<TableEntity?> ProfileByEmailAsync(this LocalHostProcess host, string email)
    {
        var found = await host.Subscribers().GetEntityIfExistsAsync<TableEntity>(Keys.ForEmail(email), Subscriber.ProfileRowKey);
        return found.HasValue ? found.Value : null;
    }

    public static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    [GeneratedRegex(@"https?://[^\s)""<>\]]+")]
    private static partial Regex AnyLink();
}
