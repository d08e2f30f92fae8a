using System.Net;
using Encourage.Replies;
using Encourage.TestSupport;

namespace Encourage.Hosts.Tests;

public sealed class InboundTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private LocalHostProcess Host => fixture.Host;

    private async Task<List<string>> SayAsync(string phone, string body, string? sid = null)
    {
        using var response = await Host.PostInboundAsync(phone, body, sid);
        var replies = await response.TwimlAsync();
        HostExtensions.NoBareKeywordLines(replies);
        return replies;
    }

    private async Task<string> SayOneAsync(string phone, string body)
    {
        var replies = await SayAsync(phone, body);
        var reply = Assert.Single(replies);
        Assert.False(string.IsNullOrWhiteSpace(reply), $"empty reply to '{body}'");
        return reply;
    }

    [Fact]
    public async Task Forged_or_missing_signatures_are_refused_and_change_nothing()
    {
        const string phone = "+12125550110";
        await Host.SubscribeAndConfirmSmsAsync(phone);
        var before = await Host.OutboxAsync(phone);

        using (var forged = await Host.PostInboundAsync(phone, "STOP", signature: "bm90LWEtc2lnbmF0dXJl"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        }
        var fields = TwilioFields.Inbound(phone, "STOP", TwilioFields.NewSid());
        using (var unsigned = await Host.Client.PostAsync("/api/twilio/inbound", new FormUrlEncodedContent(fields)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
        }
        // Signed for another URL (a replay against a different endpoint) is also refused.
        var wrongUrl = TwilioSignature.Sign(TestSettings.TwilioAuthToken, TestSettings.PublicBaseUrl + "/api/twilio/status", fields);
        using (var replay = await Host.PostInboundAsync(phone, "STOP", signature: wrongUrl))
        {
            Assert.Equal(HttpStatusCode.Forbidden, replay.StatusCode);
        }

        await Task.Delay(1000);
        Assert.Equal(before.Count, (await Host.OutboxAsync(phone)).Count);
        // Still subscribed: a stopped subscriber gets no answer to STATUS.
        Assert.Contains("Days since you contacted", await SayOneAsync(phone, "STATUS"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_MessageSid_twice_is_answered_the_same_and_logged_once()
    {
        const string phone = "+12125550111";
        await Host.SubscribeAndConfirmSmsAsync(phone);
        var sid = TwilioFields.NewSid();
        using var first = await Host.PostInboundAsync(phone, "TEXTED", sid);
        var firstXml = await first.Content.ReadAsStringAsync();
        using var second = await Host.PostInboundAsync(phone, "TEXTED", sid);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(firstXml, await second.Content.ReadAsStringAsync());
        Assert.Contains("<Message>", firstXml, StringComparison.Ordinal);

        var status = await SayOneAsync(phone, "STATUS");
        Assert.Contains("Slips this week: 1.", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_keyword_gets_its_reply_through_the_real_webhook()
    {
        const string phone = "+12125550112";
        await Host.SubscribeAndConfirmSmsAsync(phone);

        await SayOneAsync(phone, "TEXTED");
        await SayOneAsync(phone, "texted him :(");
        Assert.Contains("drove", await SayOneAsync(phone, "i drove past his place last night"), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("check", await SayOneAsync(phone, "looked at his instagram"), StringComparison.OrdinalIgnoreCase);

        var status = await SayOneAsync(phone, "STATUS");
        Assert.Contains("Days since you contacted", status, StringComparison.Ordinal);
        Assert.Contains("Slips this week: 4.", status, StringComparison.Ordinal);

        Assert.Contains("Breathe", await SayOneAsync(phone, "URGE"), StringComparison.Ordinal);
        Assert.Contains("You rode that wave", await SayOneAsync(phone, "OK"), StringComparison.Ordinal);
        Assert.Contains("He texted", await SayOneAsync(phone, "HETEXTED"), StringComparison.Ordinal);
        Assert.Contains("Paused", await SayOneAsync(phone, "PAUSE 3"), StringComparison.Ordinal);
        Assert.Contains("Welcome back", await SayOneAsync(phone, "RESUME"), StringComparison.Ordinal);

        // HELP names the support contact and fits two segments; a ~160-character tokenised link would not fit too.
        var helps = await SayAsync(phone, "HELP");
        Assert.Equal(2, helps.Count);
        var help = helps[0];
        Assert.Contains(TestSettings.SupportEmail, help, StringComparison.Ordinal);
        Assert.True(Encourage.Arc.Gsm7.Segments(help) <= 2, help);
        help = helps[1];
        // HELP's link opens the page to manage the subscription, not straight to "Stop your messages?".
        var link = System.Text.RegularExpressions.Regex.Match(help, @"https?://\S+/api/manage\?token=\S+").Value;
        Assert.NotEqual("", link);
        using (var page = await Host.Client.GetAsync(HostExtensions.LocalPath(link)))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        var safety = await SayAsync(phone, "I want to die");
        Assert.Contains(safety, r => r.Contains("988", StringComparison.Ordinal));

        // Odd bodies never break the webhook.
        await SayAsync(phone, "");
        await SayAsync(phone, new string('x', 1600));
        await SayAsync(phone, "他给我发短信了");
        await SayAsync(phone, "😭😭😭 💔");
    }

    [Fact]
    public async Task Stop_stops_the_daily_texts_and_start_brings_them_back()
    {
        const string phone = "+12125550113";
        await Host.SubscribeAndConfirmSmsAsync(phone);

        var stop = await SayOneAsync(phone, "STOP");
        Assert.Contains("won't get any more texts", stop, StringComparison.Ordinal);
        var before = (await Host.OutboxAsync(phone)).Count("sms");
        await Host.AdvanceAsync(24);
        await Task.Delay(2500);
        Assert.Equal(before, (await Host.OutboxAsync(phone)).Count("sms"));
        // Nothing but HELP gets an answer after STOP.
        Assert.Empty(await SayAsync(phone, "TEXTED"));

        var start = await SayOneAsync(phone, "START");
        Assert.Contains("Welcome back", start, StringComparison.Ordinal);
        await Host.AdvanceAsync(24);
        await Host.WaitForOutboxAsync(phone, l => l.Count("sms") > before);
    }

    [Fact]
    public async Task Strangers_get_join_or_help_text()
    {
        var join = await SayOneAsync("+12125550114", "JOIN");
        Assert.Contains("YES", join, StringComparison.Ordinal);

        var other = await SayOneAsync("+12125550115", "hello who is this");
        Assert.Contains("To join, reply JOIN", other, StringComparison.Ordinal);

        var safety = await SayAsync("+12125550116", "I want to die");
        Assert.Contains(safety, r => r.Contains("988", StringComparison.Ordinal));
    }
}
