using System.Net;
using Azure.Storage.Queues;

namespace Encourage.Hosts.Tests.Trust;

/// <summary>
/// Issue 20, findings 8 and 9: after STOP or erasure, the web form cannot make us contact that person again for a while;
/// a confirmation keeps quiet hours; asking again and again is not harassment by proxy; and a sign-up does the same work
/// whether or not the contact is already enrolled.
/// </summary>
public sealed class NoContactAfterStopTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private LocalHostProcess Host => fixture.Host;

    [Fact]
    public async Task After_STOP_a_web_sign_up_for_that_number_sends_nothing_and_answers_as_always()
    {
        const string phone = "+12125550167";
        await Host.AlignClockAsync();
        await Host.SubscribeAndConfirmSmsAsync(phone);
        using (var stop = await Host.PostInboundAsync(phone, "STOP")) Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        var texts = (await Host.OutboxAsync(phone)).Count("sms");

        using var again = await Host.SignUpAsync("sms", phone, null, "Sam", "him");
        using var fresh = await Host.SignUpAsync("sms", "+12125550168", null, "Sam", "him");
        Assert.Equal(fresh.StatusCode, again.StatusCode);
        Assert.Equal(await fresh.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        await Host.WaitForOutboxAsync("+12125550168", l => l.Count("sms") == 1);
        await Task.Delay(1500);
        Assert.Equal(texts, (await Host.OutboxAsync(phone)).Count("sms"));
    }

    [Fact]
    public async Task After_erasure_a_web_sign_up_for_that_number_sends_nothing()
    {
        const string phone = "+12125550169";
        await Host.AlignClockAsync();
        var link = HostExtensions.LocalPath(HostExtensions.UnsubscribeLink((await Host.SubscribeAndConfirmSmsAsync(phone)).Text));
        using (var erase = await Host.Client.PostAsync(link, TrustSteps.TokenForm(link, erase: true))) Assert.Equal(HttpStatusCode.OK, erase.StatusCode);
        var texts = (await Host.OutboxAsync(phone)).Count("sms");

        using (var again = await Host.SignUpAsync("sms", phone, null, "Sam", "him")) Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        await Task.Delay(2500);
        Assert.Equal(texts, (await Host.OutboxAsync(phone)).Count("sms"));
    }

    [Fact]
    public async Task A_confirmation_asked_for_at_night_waits_for_the_morning()
    {
        const string phone = "+12125550170";
        await Host.AlignClockAsync(); // 10:00 in New York
        await Host.AdvanceAsync(12.5); // 22:30
        using (var r = await Host.SignUpAsync("sms", phone, null, "Ana", "him")) Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        await Task.Delay(2500);
        Assert.Empty(await Host.OutboxAsync(phone));
        await Host.AdvanceAsync(10); // 08:30
        await Host.WaitForOutboxAsync(phone, l => l.Count("sms") == 1);
    }

    [Fact]
    public async Task Signing_a_number_up_again_and_again_sends_it_at_most_three_requests()
    {
        const string phone = "+12125550171";
        await Host.AlignClockAsync();
        for (var i = 0; i < 6; i++)
        {
            using var r = await Host.SignUpAsync("sms", phone, null, "Ana", "him");
            Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
            await Task.Delay(400);
        }
        await Task.Delay(2500);
        var texts = (await Host.OutboxAsync(phone)).Count("sms");
        Assert.InRange(texts, 1, 3);
    }

    [Fact]
    public async Task A_sign_up_queues_the_same_work_whether_or_not_the_number_is_enrolled()
    {
        await using var quiet = await LocalHostProcess.StartAsync(new Dictionary<string, string?> { ["Local:DrainQueue"] = "false" });
        await quiet.AlignClockAsync();
        var queue = new QueueClient(Azurite.ConnectionString, quiet.Prefix + "-send");
        const string enrolled = "+12125550172", fresh = "+12125550173";
        using (var r = await quiet.SignUpAsync("sms", enrolled, null, "Ana", "him")) Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        using (var yes = await quiet.PostInboundAsync(enrolled, "YES")) Assert.Equal(HttpStatusCode.OK, yes.StatusCode);

        async Task<int> QueuedAsync() => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        var before = await QueuedAsync();
        using (var r = await quiet.SignUpAsync("sms", enrolled, null, "Sam", "him")) Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        var forEnrolled = await QueuedAsync() - before;
        before = await QueuedAsync();
        using (var r = await quiet.SignUpAsync("sms", fresh, null, "Sam", "him")) Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        var forFresh = await QueuedAsync() - before;
        Assert.Equal(1, forFresh);
        Assert.Equal(forFresh, forEnrolled);
    }
}
