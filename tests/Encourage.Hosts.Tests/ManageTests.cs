using System.Net;
using System.Text.RegularExpressions;
using Encourage.TestSupport;

namespace Encourage.Hosts.Tests;

/// <summary>The page HELP links to, and the pages that say which channel stopped, over real HTTP to the local host.</summary>
public sealed partial class ManageTests(ManageTests.PatientHostFixture fixture) : IClassFixture<ManageTests.PatientHostFixture>
{
    /// <summary>
    /// The usual host, with more time per storage call: the Azurite these tests share can take longer than the
    /// 5-second default to create a table on a busy machine. Nothing here depends on storage being fast.
    /// </summary>
    public sealed class PatientHostFixture : HostFixture
    {
        protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?> { ["Encourage__StorageTimeout"] = "00:00:30" };
    }

    private LocalHostProcess Host => fixture.Host;

    [Fact]
    public async Task Help_links_to_a_page_that_pauses_changes_the_time_and_stops_and_refuses_bad_choices_kindly()
    {
        const string phone = "+12125550170";
        await Host.SubscribeAndConfirmSmsAsync(phone);
        var help = (await (await Host.PostInboundAsync(phone, "HELP")).TwimlAsync()).Single(m => m.Contains("/api/manage", StringComparison.Ordinal));
        var path = new Uri(Link(help, "manage")).PathAndQuery;
        var token = HostExtensions.TokenOf(path);

        var page = await GetAsync(path, HttpStatusCode.OK);
        Assert.Contains("You get texts each day at 09:00", page, StringComparison.Ordinal);

        // Bad input: a kind error, and nothing changes.
        var tooLong = await PostAsync(token, HttpStatusCode.BadRequest, ("do", "pause"), ("days", "31"));
        Assert.Contains("Please choose from 1 to 30 days.", tooLong, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", tooLong, StringComparison.Ordinal);
        Assert.Contains("Please give a time like 09:00.", await PostAsync(token, HttpStatusCode.BadRequest, ("do", "time"), ("sendTime", "25:99")), StringComparison.Ordinal);
        Assert.Contains("Please choose what should stop.", await PostAsync(token, HttpStatusCode.BadRequest, ("do", "stop"), ("stop", "email")), StringComparison.Ordinal);
        Assert.Contains("Please choose one of the options", await PostAsync(token, HttpStatusCode.BadRequest, ("do", "explode")), StringComparison.Ordinal);
        Assert.Contains("You get texts each day at 09:00", await GetAsync(path, HttpStatusCode.OK), StringComparison.Ordinal);

        var paused = await PostAsync(token, HttpStatusCode.OK, ("do", "pause"), ("days", "3"));
        Assert.Contains("Your texts are paused until", paused, StringComparison.Ordinal);
        Assert.Contains("are paused until", await GetAsync(path, HttpStatusCode.OK), StringComparison.Ordinal);
        Assert.Contains("will start again at 09:00", await PostAsync(token, HttpStatusCode.OK, ("do", "resume")), StringComparison.Ordinal);

        // 07:00 is before quiet hours end, so the nearest allowed time is kept instead.
        var early = await PostAsync(token, HttpStatusCode.OK, ("do", "time"), ("sendTime", "07:00"));
        Assert.Contains("will now arrive at 08:00", early, StringComparison.Ordinal);
        Assert.Contains("nearest time", early, StringComparison.Ordinal);
        Assert.Contains("will now arrive at 10:30", await PostAsync(token, HttpStatusCode.OK, ("do", "time"), ("sendTime", "10:30")), StringComparison.Ordinal);
        Assert.Contains("You get texts each day at 10:30", await GetAsync(path, HttpStatusCode.OK), StringComparison.Ordinal);

        var stopped = await PostAsync(token, HttpStatusCode.OK, ("do", "stop"), ("stop", "all"));
        Assert.Contains("Your texts have stopped.", stopped, StringComparison.Ordinal);
        // Issue 20: a STOP gives the profile a new link version, so every link sent before it (this one too) is spent.
        Assert.Contains("This link is from an older message", await GetAsync(path, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        await PostAsync(token, HttpStatusCode.BadRequest, ("do", "pause"), ("days", "3"));

        // A manage token is not an unsubscribe token, and an altered one is refused.
        await GetAsync("/api/unsubscribe?token=" + Uri.EscapeDataString(token), HttpStatusCode.BadRequest);
        await GetAsync("/api/manage?token=" + Uri.EscapeDataString(token[..^2] + (token[^2] == 'A' ? "BB" : "AA")), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_email_unsubscribe_from_a_both_sign_up_stops_the_emails_and_the_texts_carry_on()
    {
        const string phone = "+12125550171", email = "both-171@example.org";
        using (var response = await Host.SubscribeJsonAsync(phone, "both", email)) Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Host.WaitForOutboxAsync(phone, l => l.Any(m => m.Channel == "sms" && m.Text.Contains("YES", StringComparison.Ordinal)));
        using (var yes = await Host.PostInboundAsync(phone, "YES")) Assert.Equal(HttpStatusCode.OK, yes.StatusCode);

        var confirmMail = (await Host.WaitForOutboxAsync(email, l => l.Any(m => m.Channel == "email"))).First(m => m.Channel == "email");
        var confirmToken = HostExtensions.TokenOf(Link(confirmMail.Text, "confirm"));
        await PostFormAsync("/api/confirm", HttpStatusCode.OK, ("token", confirmToken));
        var mails = await Host.WaitForOutboxAsync(email, l => l.Count(m => m.Channel == "email" && m.Text.Contains("/api/unsubscribe", StringComparison.Ordinal)) > 0, 15);
        var unsubscribe = new Uri(HostExtensions.UnsubscribeLink(mails.Last(m => m.Text.Contains("/api/unsubscribe", StringComparison.Ordinal)).Text)).PathAndQuery;

        // Issue 20: the email is a profile of its own (each contact its own person), so its link speaks of emails only,
        // and the texts carry on because the phone's own profile is untouched.
        var prompt = await GetAsync(unsubscribe, HttpStatusCode.OK);
        Assert.Contains("We&#x27;ll stop sending you emails.", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("texts", prompt, StringComparison.Ordinal);

        var done = await PostFormAsync(unsubscribe, HttpStatusCode.OK, ("token", HostExtensions.TokenOf(unsubscribe)));
        Assert.Contains("emails have stopped", done, StringComparison.OrdinalIgnoreCase);
        var texts = (await Host.OutboxAsync(phone)).Count("sms");
        await Host.AdvanceAsync(24);
        await Host.WaitForOutboxAsync(phone, l => l.Count("sms") > texts);
    }

    [Fact]
    public async Task The_form_needs_a_pronoun_and_says_so_kindly_while_json_clients_may_leave_it_out()
    {
        var form = await PostFormAsync("/api/subscribe", HttpStatusCode.BadRequest,
            ("firstName", "Sam"), ("channel", "sms"), ("phone", "+12125550172"), ("timeZone", "America/New_York"), ("sendTime", "09:00"));
        Assert.Contains("id=\"pronoun-error\"", form, StringComparison.Ordinal);
        Assert.Contains("Please choose him, her or them", form, StringComparison.Ordinal);
        await Task.Delay(1000);
        Assert.Empty(await Host.OutboxAsync("+12125550172"));

        await PostFormAsync("/api/subscribe", HttpStatusCode.Accepted,
            ("firstName", "Sam"), ("channel", "sms"), ("phone", "+12125550172"), ("timeZone", "America/New_York"), ("sendTime", "09:00"), ("pronoun", "them"));
    }

    [Theory]
    [InlineData("/api/terms", "Terms of use")]
    [InlineData("/api/privacy", "Privacy notice")]
    public async Task Terms_and_privacy_are_served_as_pages(string path, string title)
    {
        using var response = await Host.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"<title>{title} – Encourage</title>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<string> GetAsync(string path, HttpStatusCode expected)
    {
        using var response = await Host.Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {path}: {(int)response.StatusCode}\n{body}");
        return body;
    }

    private Task<string> PostAsync(string token, HttpStatusCode expected, params (string Name, string Value)[] fields) =>
        PostFormAsync("/api/manage", expected, [("token", token), .. fields]);

    private async Task<string> PostFormAsync(string path, HttpStatusCode expected, params (string Name, string Value)[] fields)
    {
        using var content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        using var response = await Host.Client.PostAsync(path, content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"POST {path}: {(int)response.StatusCode}\n{body}");
        return body;
    }

    private static string Link(string text, string route)
    {
        var match = Regex.Match(text, $@"https?://[^\s)""<>]+/api/{route}\?token=[A-Za-z0-9_\-\.%]+");
        Assert.True(match.Success, $"No {route} link in: {text}");
        return match.Value;
    }
}
