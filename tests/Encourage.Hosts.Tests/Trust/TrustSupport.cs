using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Encourage.TestSupport;

namespace Encourage.Hosts.Tests.Trust;

/// <summary>A local host with the product's default sign-up limits (10 per address, 20 per range, 500 in total).</summary>
public sealed class DefaultLimitsFixture : HostFixture
{
    protected override IDictionary<string, string?>? Settings => TestSettings.DefaultLimits;
}

public static partial class TrustSteps
{
    public static Dictionary<string, string> SignupForm(string phone, string? email = null, string channel = "sms") => new()
    {
        ["firstName"] = "Ana",
        ["phone"] = phone,
        ["email"] = email ?? "",
        ["channel"] = channel,
        ["timeZone"] = "America/New_York",
        ["sendTime"] = "09:00",
        ["pronoun"] = "him",
    };

    public static async Task<HttpResponseMessage> PostSignupFormAsync(this LocalHostProcess host, Dictionary<string, string> form, Action<HttpRequestMessage>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/subscribe") { Content = new FormUrlEncodedContent(form) };
        headers?.Invoke(request);
        return await host.Client.SendAsync(request);
    }

    /// <summary>The confirmation link in an email's text.</summary>
    public static string ConfirmLink(string text)
    {
        var match = ConfirmPattern().Match(text);
        Assert.True(match.Success, "No confirm link in: " + text);
        return match.Value;
    }

    /// <summary>Waits for the confirmation email to <paramref name="email"/> and returns its link's local path.</summary>
    public static async Task<string> ConfirmPathAsync(this LocalHostProcess host, string email)
    {
        var list = await host.WaitForOutboxAsync(email, l => l.Any(m => m.Channel == "email" && ConfirmPattern().IsMatch(m.Text)));
        return HostExtensions.LocalPath(ConfirmLink(list.First(m => m.Channel == "email" && ConfirmPattern().IsMatch(m.Text)).Text));
    }

    public static FormUrlEncodedContent TokenForm(string path, bool erase = false)
    {
        var fields = new Dictionary<string, string> { ["token"] = HostExtensions.TokenOf(path) };
        if (erase) fields["erase"] = "yes";
        return new FormUrlEncodedContent(fields);
    }

    /// <summary>A message as a stranger could compare it: the link tokens and the address itself taken out.</summary>
    public static string Comparable(OutboxMessage m, string address) =>
        TokenPattern().Replace($"{m.Channel}|{m.Subject}|{m.Text}", "token=*").Replace(address, "*", StringComparison.OrdinalIgnoreCase);

    public static Task<HttpResponseMessage> PostJsonAsync(this LocalHostProcess host, object body) =>
        host.Client.PostAsJsonAsync("/api/subscribe", body);

    [GeneratedRegex(@"https?://[^\s)""<>]+/api/confirm\?token=[A-Za-z0-9_\-\.%]+")]
    private static partial Regex ConfirmPattern();

    [GeneratedRegex(@"token=[A-Za-z0-9_\-\.%]+")]
    private static partial Regex TokenPattern();
}
