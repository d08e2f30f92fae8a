using Azure.Data.Tables;
using Encourage.Arc;
using Encourage.Replies;
using Encourage.Subscriptions;
using Encourage.TestSupport;

namespace Encourage.Hosts.Tests;

/// <summary>The reply rules of issues 12 and 14 through the signed webhook of the real local host.</summary>
public sealed class ReplyRulesWebhookTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private LocalHostProcess Host => fixture.Host;

    private async Task<List<string>> SayAsync(string phone, string body)
    {
        using var response = await Host.PostInboundAsync(phone, body);
        var replies = await response.TwimlAsync();
        HostExtensions.NoBareKeywordLines(replies);
        return replies;
    }

    private async Task<string> SayOneAsync(string phone, string body) => Assert.Single(await SayAsync(phone, body));

    private TableClient Subscribers => new TableServiceClient(Azurite.ConnectionString).GetTableClient(Host.Prefix + "Subscribers");

    private async Task<Subscriber> ProfileAsync(string phone)
    {
        await foreach (var p in Subscribers.QueryAsync<Subscriber>(TableClient.CreateQueryFilter($"RowKey eq {Subscriber.ProfileRowKey} and Phone eq {phone}")))
        {
            return p;
        }
        throw new InvalidOperationException("no profile");
    }

    [Fact]
    public async Task A_crisis_text_is_answered_with_the_safety_text_alone_and_leaves_no_check_back()
    {
        const string phone = "+12125550130";
        await Host.SubscribeAndConfirmSmsAsync(phone);

        Assert.Contains("Breathe", await SayOneAsync(phone, "URGE"), StringComparison.Ordinal);
        Assert.NotNull((await ProfileAsync(phone)).PendingUrgeSid);

        foreach (var text in new[] { "I miss him so much I want to die", "I want to die", "texted him and i want to die" })
        {
            var only = await SayOneAsync(phone, text);
            Assert.Contains("988", only, StringComparison.Ordinal);
        }

        var profile = await ProfileAsync(phone);
        Assert.Null(profile.PendingUrgeSid);
        Assert.Equal(SubscriberStatus.Active, profile.Status);
        Assert.Contains("Slips this week: 1.", await SayOneAsync(phone, "STATUS"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Im_done_gets_a_check_in_with_the_crisis_line_and_only_DONE_graduates()
    {
        const string phone = "+12125550131";
        await Host.SubscribeAndConfirmSmsAsync(phone);

        foreach (var text in new[] { "I'm done", "I give up", "I can't do this anymore" })
        {
            var check = await SayOneAsync(phone, text);
            Assert.Contains("988", check, StringComparison.Ordinal);
            Assert.Contains("automated", check, StringComparison.Ordinal);
            Assert.Contains("reply DONE", check, StringComparison.Ordinal);
            Assert.Equal(SubscriberStatus.Active, (await ProfileAsync(phone)).Status);
        }

        Assert.Contains("graduated", await SayOneAsync(phone, "DONE"), StringComparison.Ordinal);
        Assert.Equal(SubscriberStatus.Graduated, (await ProfileAsync(phone)).Status);
    }

    [Fact]
    public async Task Good_news_reach_outs_and_several_slips_are_each_heard()
    {
        const string phone = "+12125550132";
        await Host.SubscribeAndConfirmSmsAsync(phone);

        Assert.Contains("You didn't text", await SayOneAsync(phone, "didn't text him today!!"), StringComparison.Ordinal);
        Assert.Contains("You didn't call", await SayOneAsync(phone, "I didnt call him"), StringComparison.Ordinal);
        Assert.Contains("real time", await SayOneAsync(phone, "made it a whole week"), StringComparison.Ordinal);
        Assert.Contains("stronger", await SayOneAsync(phone, "feeling stronger"), StringComparison.Ordinal);
        Assert.Contains("called", await SayOneAsync(phone, "she called"), StringComparison.Ordinal);
        Assert.Contains("texted", await SayOneAsync(phone, "SHETEXTED"), StringComparison.Ordinal);
        Assert.Contains("texted", await SayOneAsync(phone, "REACHEDOUT"), StringComparison.Ordinal);
        await SayOneAsync(phone, "Texted him. Also drove by.");

        var status = await SayOneAsync(phone, "STATUS");
        Assert.Contains("Slips this week: 2.", status, StringComparison.Ordinal);
        Assert.Contains("Wins: 4.", status, StringComparison.Ordinal);

        // The fallback is for what is truly not understood, and invites plain words.
        var fallback = await SayOneAsync(phone, "the weather is strange today");
        Assert.Contains("plain words", fallback, StringComparison.Ordinal);
        Assert.DoesNotContain("Sorry", fallback, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_number_stops_everything_at_once_with_no_reply()
    {
        const string phone = "+12125550133";
        await Host.SubscribeAndConfirmSmsAsync(phone);

        Assert.Empty(await SayAsync(phone, "wrong number"));
        var profile = await ProfileAsync(phone);
        Assert.True(profile.SmsStopped);
        Assert.Equal("wrong-number", profile.EndReason);
        Assert.Empty(await SayAsync(phone, "STATUS"));
    }

    [Fact]
    public async Task Urge_then_a_slip_then_stop_and_start_leaves_no_check_back_pending()
    {
        const string phone = "+12125550134";
        await Host.SubscribeAndConfirmSmsAsync(phone);

        await SayOneAsync(phone, "URGE");
        await SayOneAsync(phone, "I texted him");
        await SayOneAsync(phone, "STOP");
        await SayOneAsync(phone, "START");

        var profile = await ProfileAsync(phone);
        Assert.Equal(SubscriberStatus.Active, profile.Status);
        // The check-back job re-reads this and sends only for the urge still pending (see ReplyRuleFlowTests).
        Assert.Null(profile.PendingUrgeSid);
    }

    [Fact]
    public async Task Status_fits_one_segment_on_day_99_with_99_slips_for_a_twenty_letter_name()
    {
        const string phone = "+12125550135";
        using (var response = await Host.SubscribeJsonAsync(phone, firstName: "Maximiliana-Cordelia")) Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        await Host.WaitForOutboxAsync(phone, l => l.Any(m => m.Text.Contains("YES", StringComparison.Ordinal)));
        await SayAsync(phone, "YES");
        await Host.WaitForOutboxAsync(phone, l => l.Any(m => m.Text.Contains("Welcome", StringComparison.Ordinal)));

        // 98 days on, with 99 slips this week: set on the stored profile, then asked through the webhook.
        using var clock = System.Text.Json.JsonDocument.Parse(await Host.Client.GetStringAsync("/dev/clock"));
        var now = clock.RootElement.GetProperty("utc").GetDateTimeOffset();
        for (var attempt = 0; ; attempt++)
        {
            var profile = await ProfileAsync(phone);
            profile.ConfirmedUtc = now.AddDays(-98);
            profile.LastSlipUtc = now.AddDays(-99);
            profile.LongestStreakDays = 99;
            profile.RecentEventsJson = ReplyHistory.With(profile, now.AddMinutes(-5), Enumerable.Repeat("TEXTED", 99));
            try
            {
                await Subscribers.UpdateEntityAsync(profile, profile.ETag, TableUpdateMode.Replace);
                break;
            }
            catch (Azure.RequestFailedException e) when (e.Status == 412 && attempt < 5)
            {
                await Task.Delay(200); // the welcome's send was still writing the profile
            }
        }

        var status = await SayOneAsync(phone, "STATUS");
        Assert.Equal(1, Gsm7.Segments(status));
        Assert.Contains("Day 99 ", status, StringComparison.Ordinal);
        Assert.Contains("Slips this week: 99.", status, StringComparison.Ordinal);
        Assert.Contains("Maximiliana-Cordelia", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Time_by_text_changes_the_send_time_and_name_and_pronoun_change_too()
    {
        const string phone = "+12125550136";
        await Host.SubscribeAndConfirmSmsAsync(phone);

        Assert.Contains("7:30pm", await SayOneAsync(phone, "TIME 7:30pm"), StringComparison.Ordinal);
        Assert.Equal("19:30", (await ProfileAsync(phone)).SendTime);
        Assert.Contains("8am", await SayOneAsync(phone, "time 6am"), StringComparison.Ordinal);
        Assert.Equal("08:00", (await ProfileAsync(phone)).SendTime);

        Assert.Contains("Sam", await SayOneAsync(phone, "NAME Sam"), StringComparison.Ordinal);
        Assert.Contains("them", await SayOneAsync(phone, "PRONOUN them"), StringComparison.Ordinal);
        var profile = await ProfileAsync(phone);
        Assert.Equal(("Sam", Pronoun.Them), (profile.FirstName, profile.Pronoun));
    }
}
