using Encourage.Delivery;
using Encourage.Scheduling;

namespace Encourage.Core.Tests.Scheduling;

/// <summary>
/// Send times outside quiet hours, through the real dispatcher and handler on Azurite with a manual clock: a stored
/// time in quiet hours goes at the nearest allowed time of that date, every day, and new settings apply from the next
/// send without touching the stored rows.
/// </summary>
public sealed class QuietHoursTests
{
    private const string Zone = "America/New_York";

    private static DateTimeOffset L(int d, int h, int min = 0) => SchedulingSteps.Utc(Zone, 2027, 5, d, h, min);

    /// <summary>Ticks every half hour from <paramref name="from"/> to <paramref name="to"/> inclusive, draining after each.</summary>
    private static async Task TickEveryHalfHourAsync(EncourageServices s, DateTimeOffset from, DateTimeOffset to)
    {
        for (var t = from; t <= to; t = t.AddMinutes(30)) await SchedulingSteps.TickAndDrainAsync(s, t);
    }

    /// <summary>Writes a send time and next due straight into the stored profile and index, as an older version or a hand edit would.</summary>
    private static async Task StoreAsync(EncourageServices s, string id, string sendTime, DateTimeOffset due)
    {
        var store = s.Get<SubscriberStore>();
        var p = (await store.GetAsync(id, SchedulingSteps.Ct))!;
        p.SendTime = sendTime;
        p.NextDueUtc = due;
        Assert.True(await store.TrySaveAsync(p, SchedulingSteps.Ct)); // moves the due-index row too
    }

    [Fact]
    public async Task A_row_with_six_am_stored_sends_at_eight_every_day_under_quiet_hours_eight_to_nine_pm()
    {
        await using var s = await EncourageServices.StartAsync(L(10, 0), new Dictionary<string, string?>
        {
            ["Encourage:QuietHoursStart"] = "08:00",
            ["Encourage:QuietHoursEnd"] = "21:00",
        });
        var phone = SchedulingSteps.Phone(20);
        var id = await SchedulingSteps.SubscribeSmsAsync(s, phone, Zone, new LocalTime(9, 0));
        await s.Get<SendQueueDrainer>().DrainAsync(SchedulingSteps.Ct);
        await StoreAsync(s, id, "06:00", L(10, 6));

        await TickEveryHalfHourAsync(s, L(10, 0, 30), L(13, 0));

        var sent = await SchedulingSteps.DailySentAsync(s, id);
        Assert.Equal(new[] { L(10, 8), L(11, 8), L(12, 8) }, sent.Select(r => r.SentUtc!.Value).ToArray());
        Assert.Equal(new[] { 1, 2, 3 }, sent.Select(r => r.Entry).ToArray());
        Assert.Equal("06:00", (await s.Get<SubscriberStore>().GetAsync(id, SchedulingSteps.Ct))!.SendTime); // the preference is kept, not migrated
        Assert.Single(await SchedulingSteps.DueRowsAsync(s, id));
    }

    [Fact]
    public async Task A_stored_time_after_the_window_goes_at_its_latest_start_on_each_date()
    {
        await using var s = await EncourageServices.StartAsync(L(10, 0));
        // 23:30 straight into the store (an older version's row): confirmation already schedules it at 20:30.
        var id = await SchedulingSteps.SubscribeSmsAsync(s, SchedulingSteps.Phone(21), Zone, new LocalTime(23, 30));
        await s.Get<SendQueueDrainer>().DrainAsync(SchedulingSteps.Ct);
        Assert.Equal(L(10, 20, 30), (await s.Get<SubscriberStore>().GetAsync(id, SchedulingSteps.Ct))!.NextDueUtc);

        await TickEveryHalfHourAsync(s, L(10, 12), L(12, 23, 30));

        var sent = await SchedulingSteps.DailySentAsync(s, id);
        Assert.Equal(new[] { L(10, 20, 30), L(11, 20, 30), L(12, 20, 30) }, sent.Select(r => r.SentUtc!.Value).ToArray());
    }

    [Fact]
    public async Task Narrowing_quiet_hours_to_ten_to_eight_pm_moves_a_nine_am_subscriber_to_ten_from_the_next_send()
    {
        await using var s = await EncourageServices.StartAsync(L(10, 0));
        var id = await SchedulingSteps.SubscribeSmsAsync(s, SchedulingSteps.Phone(22), Zone, new LocalTime(9, 0));
        await s.Get<SendQueueDrainer>().DrainAsync(SchedulingSteps.Ct);
        await SchedulingSteps.TickAndDrainAsync(s, L(10, 9));
        Assert.Equal(L(11, 9), (await s.Get<SubscriberStore>().GetAsync(id, SchedulingSteps.Ct))!.NextDueUtc);

        // The operator narrows the window and restarts: a new process on the same store, nothing migrated.
        await using var narrowed = await EncourageServices.StartAsync(L(10, 9, 5), new Dictionary<string, string?>
        {
            ["Encourage:StoragePrefix"] = s.Prefix,
            ["Encourage:SendQueueName"] = s.Prefix + "-send",
            ["Encourage:QuietHoursStart"] = "10:00",
            ["Encourage:QuietHoursEnd"] = "20:00",
        });
        await TickEveryHalfHourAsync(narrowed, L(10, 9, 30), L(13, 10, 30));

        var sent = await SchedulingSteps.DailySentAsync(narrowed, id);
        Assert.Equal(new[] { L(10, 9), L(11, 10), L(12, 10), L(13, 10) }, sent.Select(r => r.SentUtc!.Value).ToArray());
        Assert.Equal(new[] { 1, 2, 3, 4 }, sent.Select(r => r.Entry).ToArray());
        Assert.Equal(L(14, 10), (await narrowed.Get<SubscriberStore>().GetAsync(id, SchedulingSteps.Ct))!.NextDueUtc);
    }

    [Fact]
    public async Task A_due_time_written_behind_the_dispatch_cursor_goes_at_the_next_tick()
    {
        await using var s = await EncourageServices.StartAsync(L(10, 0));
        var id = await SchedulingSteps.SubscribeSmsAsync(s, SchedulingSteps.Phone(23), Zone, new LocalTime(14, 0));
        await s.Get<SendQueueDrainer>().DrainAsync(SchedulingSteps.Ct);
        await TickEveryHalfHourAsync(s, L(10, 9), L(10, 12));

        // A host whose clock is two hours behind writes a due time far behind the cursor (past its overlap).
        await StoreAsync(s, id, "10:00", L(10, 10));
        var tick = await SchedulingSteps.TickAndDrainAsync(s, L(10, 12, 5));

        Assert.Equal(1, tick.Enqueued);
        var sent = await SchedulingSteps.DailySentAsync(s, id);
        Assert.Equal(new[] { L(10, 12, 5) }, sent.Select(r => r.SentUtc!.Value).ToArray());
        Assert.Equal(L(11, 10), (await s.Get<SubscriberStore>().GetAsync(id, SchedulingSteps.Ct))!.NextDueUtc);

        // Read once, sent once: later ticks do not send it again.
        await TickEveryHalfHourAsync(s, L(10, 12, 30), L(10, 15));
        Assert.Single(await SchedulingSteps.DailySentAsync(s, id));
    }

    [Fact]
    public async Task A_row_left_more_than_26_hours_behind_is_logged_once_counted_on_the_dashboard_and_taken_off_once_it_sends()
    {
        await using var s = await EncourageServices.StartAsync(L(10, 0));
        var id = await SchedulingSteps.SubscribeSmsAsync(s, SchedulingSteps.Phone(24), Zone, new LocalTime(9, 0));
        await s.Get<SendQueueDrainer>().DrainAsync(SchedulingSteps.Ct);
        var queue = s.Get<Encourage.Storage.EncourageStorage>().SendQueue;
        var dispatcher = s.Get<Dispatcher>();

        // Its jobs are lost (as if each ended in the poison queue): the row stays at 09:00 on the 10th.
        s.Clock.Set(L(10, 9));
        await dispatcher.TickAsync(SchedulingSteps.Ct);
        await queue.ClearMessagesAsync();
        s.Clock.Set(L(10, 12));
        await dispatcher.TickAsync(SchedulingSteps.Ct);
        await queue.ClearMessagesAsync();
        s.Clock.Set(L(11, 10, 55));
        Assert.Equal(0, (await dispatcher.TickAsync(SchedulingSteps.Ct)).LateOrStuck); // 25 h 55 behind: not yet late
        await queue.ClearMessagesAsync();

        s.Clock.Set(L(11, 11, 5));
        var first = await dispatcher.TickAsync(SchedulingSteps.Ct);
        s.Clock.Set(L(11, 11, 10));
        var second = await dispatcher.TickAsync(SchedulingSteps.Ct);
        Assert.Equal(1, first.LateOrStuck);
        Assert.Equal(1, second.LateOrStuck);
        Assert.Equal(1, (await s.Get<Encourage.Insights.Dashboard>().FiguresAsync(1, SchedulingSteps.Ct)).LateOrStuck);
        var logged = s.Logs.Lines.Where(l => l.Id.Id == 2002).ToList();
        Assert.Single(logged);
        Assert.Contains(id, logged[0].Message, StringComparison.Ordinal);
        Assert.Contains("late", logged[0].Message, StringComparison.Ordinal);

        // The report gave it one more try: it sends now, and the next tick takes it off the list.
        await s.Get<SendQueueDrainer>().DrainAsync(SchedulingSteps.Ct);
        Assert.Equal(new[] { L(11, 11, 10) }, (await SchedulingSteps.DailySentAsync(s, id)).Select(r => r.SentUtc!.Value).ToArray());
        s.Clock.Set(L(11, 11, 15));
        Assert.Equal(0, (await dispatcher.TickAsync(SchedulingSteps.Ct)).LateOrStuck);
        Assert.Equal(0, (await s.Get<Encourage.Insights.Dashboard>().FiguresAsync(1, SchedulingSteps.Ct)).LateOrStuck);
    }
}
