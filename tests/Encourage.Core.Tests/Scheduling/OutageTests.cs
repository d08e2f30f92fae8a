namespace Encourage.Core.Tests.Scheduling;

public sealed class OutageTests
{
    private const string Zone = "America/New_York";

    private static DateTimeOffset L(int d, int h, int min = 0) => SchedulingSteps.Utc(Zone, 2027, 5, d, h, min);

    [Fact]
    public async Task After_an_outage_until_two_pm_the_day_goes_once_at_two_and_next_day_is_back_at_nine()
    {
        await using var s = await EncourageServices.StartAsync(L(10, 0));
        var phone = SchedulingSteps.Phone(0);
        var id = await SchedulingSteps.SubscribeSmsAsync(s, phone, Zone, new LocalTime(9, 0));
        await s.Get<Encourage.Delivery.SendQueueDrainer>().DrainAsync(SchedulingSteps.Ct);
        var baseline = await SchedulingSteps.OutboxSmsCountAsync(s, phone);

        // No ticks from 00:00 to 14:00: the outage.
        await SchedulingSteps.TickAndDrainAsync(s, L(10, 14));
        var afterOutage = await SchedulingSteps.DailySentAsync(s, id);
        Assert.Single(afterOutage);
        Assert.Equal(L(10, 14), afterOutage[0].SentUtc);
        Assert.Equal(1, afterOutage[0].Entry);
        Assert.Equal(baseline + 1, await SchedulingSteps.OutboxSmsCountAsync(s, phone));

        // Later ticks the same day send nothing more.
        await SchedulingSteps.TickAndDrainAsync(s, L(10, 14, 5));
        await SchedulingSteps.TickAndDrainAsync(s, L(10, 18));
        await SchedulingSteps.TickAndDrainAsync(s, L(11, 8, 55));
        Assert.Single(await SchedulingSteps.DailySentAsync(s, id));
        Assert.Equal(L(11, 9), (await s.Get<SubscriberStore>().GetAsync(id, SchedulingSteps.Ct))!.NextDueUtc);

        await SchedulingSteps.TickAndDrainAsync(s, L(11, 9));
        var sent = await SchedulingSteps.DailySentAsync(s, id);
        Assert.Equal(2, sent.Count);
        Assert.Equal(L(11, 9), sent[1].SentUtc);
        Assert.Equal(2, sent[1].Entry);
        Assert.Equal(baseline + 2, await SchedulingSteps.OutboxSmsCountAsync(s, phone));
    }

    [Fact]
    public async Task An_outage_until_ten_thirty_pm_sends_nothing_that_night_and_no_burst_afterwards()
    {
        await using var s = await EncourageServices.StartAsync(L(10, 0));
        var phone = SchedulingSteps.Phone(1);
        var id = await SchedulingSteps.SubscribeSmsAsync(s, phone, Zone, new LocalTime(9, 0));
        await s.Get<Encourage.Delivery.SendQueueDrainer>().DrainAsync(SchedulingSteps.Ct);
        var baseline = await SchedulingSteps.OutboxSmsCountAsync(s, phone);

        await SchedulingSteps.TickAndDrainAsync(s, L(10, 22, 30));
        Assert.Empty(await SchedulingSteps.DailySentAsync(s, id));
        Assert.Equal(baseline, await SchedulingSteps.OutboxSmsCountAsync(s, phone));
        Assert.Equal(L(11, 9), (await s.Get<SubscriberStore>().GetAsync(id, SchedulingSteps.Ct))!.NextDueUtc);

        // Every tick through the night: still nothing (quiet hours) until 09:00.
        for (var t = L(10, 22, 35); t < L(11, 9); t = t.AddMinutes(30)) await SchedulingSteps.TickAndDrainAsync(s, t);
        Assert.Empty(await SchedulingSteps.DailySentAsync(s, id));

        await SchedulingSteps.TickAndDrainAsync(s, L(11, 9));
        await SchedulingSteps.TickAndDrainAsync(s, L(11, 9, 5));
        await SchedulingSteps.TickAndDrainAsync(s, L(12, 9));
        await SchedulingSteps.TickAndDrainAsync(s, L(12, 9, 5));

        var sent = await SchedulingSteps.DailySentAsync(s, id);
        Assert.Equal(new[] { L(11, 9), L(12, 9) }, sent.Select(r => r.SentUtc!.Value).ToArray());
        Assert.Equal(new[] { 1, 2 }, sent.Select(r => r.Entry).ToArray()); // no day skipped, none doubled
        Assert.Equal(baseline + 2, await SchedulingSteps.OutboxSmsCountAsync(s, phone));
    }
}
