using Encourage.Delivery;
using Encourage.Scheduling;

namespace Encourage.Core.Tests.Scheduling;

public sealed class StopRaceTests
{
    private const string Zone = "America/New_York";

    private static DateTimeOffset L(int d, int h, int min = 0) => SchedulingSteps.Utc(Zone, 2027, 5, d, h, min);

    [Fact]
    public async Task Stop_after_the_job_is_enqueued_but_before_it_runs_sends_nothing_and_clears_the_due_index()
    {
        await using var s = await EncourageServices.StartAsync(L(10, 0));
        var phone = SchedulingSteps.Phone(10);
        var id = await SchedulingSteps.SubscribeSmsAsync(s, phone, Zone, new LocalTime(9, 0));
        await s.Get<SendQueueDrainer>().DrainAsync(SchedulingSteps.Ct);
        var baseline = await SchedulingSteps.OutboxSmsCountAsync(s, phone);

        s.Clock.Set(L(10, 9));
        var tick = await s.Get<Dispatcher>().TickAsync(SchedulingSteps.Ct);
        Assert.Equal(1, tick.Enqueued);

        Assert.Equal(LifecycleOutcome.Done, await s.Get<SubscriptionLifecycle>().StopChannelAsync(id, Channels.Sms, "stop", SchedulingSteps.Ct));
        await s.Get<SendQueueDrainer>().DrainAsync(SchedulingSteps.Ct);

        Assert.Empty(await SchedulingSteps.DailySentAsync(s, id));
        Assert.Equal(baseline, await SchedulingSteps.OutboxSmsCountAsync(s, phone));
        var profile = await s.Get<SubscriberStore>().GetAsync(id, SchedulingSteps.Ct);
        Assert.Equal(SubscriberStatus.Unsubscribed, profile!.Status);
        Assert.Null(profile.NextDueUtc);
        Assert.Empty(await SchedulingSteps.DueRowsAsync(s, id));

        // Nothing later either.
        await SchedulingSteps.TickAndDrainAsync(s, L(11, 9));
        Assert.Equal(baseline, await SchedulingSteps.OutboxSmsCountAsync(s, phone));
    }

    [Fact]
    public async Task Pause_three_days_skips_three_local_dates_then_resumes_at_send_time()
    {
        await using var s = await EncourageServices.StartAsync(L(10, 0));
        var id = await SchedulingSteps.SubscribeSmsAsync(s, SchedulingSteps.Phone(11), Zone, new LocalTime(9, 0));
        await SchedulingSteps.TickAndDrainAsync(s, L(10, 9));
        Assert.Single(await SchedulingSteps.DailySentAsync(s, id));

        s.Clock.Set(L(11, 7));
        Assert.Equal(LifecycleOutcome.Done, await s.Get<SubscriptionLifecycle>().PauseAsync(id, 3, SchedulingSteps.Ct));
        Assert.Equal([L(14, 9)], (await SchedulingSteps.DueRowsAsync(s, id)).Select(r => r.DueUtc));

        for (var day = 11; day <= 15; day++)
        {
            await SchedulingSteps.TickAndDrainAsync(s, L(day, 9));
            await SchedulingSteps.TickAndDrainAsync(s, L(day, 9, 5));
            await SchedulingSteps.TickAndDrainAsync(s, L(day, 15));
        }

        var sent = await SchedulingSteps.DailySentAsync(s, id);
        Assert.Equal(new[] { L(10, 9), L(14, 9), L(15, 9) }, sent.Select(r => r.SentUtc!.Value).ToArray());
        Assert.Equal(new[] { 1, 2, 3 }, sent.Select(r => r.Entry).ToArray());
        Assert.Equal(SubscriberStatus.Active, (await s.Get<SubscriberStore>().GetAsync(id, SchedulingSteps.Ct))!.Status);
    }

    [Fact]
    public async Task Resume_early_sends_at_the_next_send_time_and_drops_the_pause_row()
    {
        await using var s = await EncourageServices.StartAsync(L(10, 0));
        var id = await SchedulingSteps.SubscribeSmsAsync(s, SchedulingSteps.Phone(12), Zone, new LocalTime(9, 0));
        await SchedulingSteps.TickAndDrainAsync(s, L(10, 9));

        s.Clock.Set(L(11, 7));
        Assert.Equal(LifecycleOutcome.Done, await s.Get<SubscriptionLifecycle>().PauseAsync(id, 3, SchedulingSteps.Ct));
        await SchedulingSteps.TickAndDrainAsync(s, L(11, 9));

        s.Clock.Set(L(12, 7));
        Assert.Equal(LifecycleOutcome.Done, await s.Get<SubscriptionLifecycle>().ResumeAsync(id, SchedulingSteps.Ct));
        Assert.Equal([L(12, 9)], (await SchedulingSteps.DueRowsAsync(s, id)).Select(r => r.DueUtc));

        for (var day = 12; day <= 14; day++)
        {
            await SchedulingSteps.TickAndDrainAsync(s, L(day, 9));
            await SchedulingSteps.TickAndDrainAsync(s, L(day, 9, 5));
        }

        var sent = await SchedulingSteps.DailySentAsync(s, id);
        Assert.Equal(new[] { L(10, 9), L(12, 9), L(13, 9), L(14, 9) }, sent.Select(r => r.SentUtc!.Value).ToArray());
        Assert.Equal(new[] { 1, 2, 3, 4 }, sent.Select(r => r.Entry).ToArray());
    }
}
