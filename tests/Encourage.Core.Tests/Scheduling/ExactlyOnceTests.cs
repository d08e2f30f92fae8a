using Encourage.Delivery;
using Encourage.Scheduling;

namespace Encourage.Core.Tests.Scheduling;

public sealed class ExactlyOnceTests
{
    private const string Zone = "America/New_York";

    private static DateTimeOffset L(int d, int h, int min = 0) => SchedulingSteps.Utc(Zone, 2027, 5, d, h, min);

    [Fact]
    public async Task Two_dispatchers_ticking_at_once_for_a_week_send_each_of_twenty_subscribers_exactly_seven_messages()
    {
        await using var s = await EncourageServices.StartAsync(L(10, 0));
        var times = new[] { new LocalTime(9, 0), new LocalTime(18, 45) };
        var subs = new List<(string Id, string Phone)>();
        for (var i = 0; i < 20; i++)
        {
            var phone = SchedulingSteps.Phone(20 + i);
            subs.Add((await SchedulingSteps.SubscribeSmsAsync(s, phone, Zone, times[i % times.Length]), phone));
        }
        await s.Get<SendQueueDrainer>().DrainAsync(SchedulingSteps.Ct);
        var baseline = (await s.Get<Outbox>().ListAsync(null, SchedulingSteps.Ct)).Count;

        var a = ActivatorUtilities.CreateInstance<Dispatcher>(s.Provider);
        var b = ActivatorUtilities.CreateInstance<Dispatcher>(s.Provider);
        var drainA = ActivatorUtilities.CreateInstance<SendQueueDrainer>(s.Provider);
        var drainB = ActivatorUtilities.CreateInstance<SendQueueDrainer>(s.Provider);
        for (var day = 10; day <= 16; day++)
        {
            foreach (var t in times)
            {
                // Idle ticks in between are skipped: the cursor overlap re-reads the recent slots anyway.
                s.Clock.Set(L(day, t.Hour, t.Minute));
                await Task.WhenAll(a.TickAsync(SchedulingSteps.Ct), b.TickAsync(SchedulingSteps.Ct));
                await Task.WhenAll(drainA.DrainAsync(SchedulingSteps.Ct), drainB.DrainAsync(SchedulingSteps.Ct));
            }
        }

        var outbox = (await s.Get<Outbox>().ListAsync(null, SchedulingSteps.Ct)).Where(e => e.Channel == "sms").ToList();
        Assert.Equal(baseline + 20 * 7, outbox.Count);
        var dupes = outbox.GroupBy(e => (e.To, e.Text)).Where(g => g.Count() > 1).ToList();
        Assert.Empty(dupes);
        foreach (var (id, phone) in subs)
        {
            var sent = await SchedulingSteps.DailySentAsync(s, id);
            Assert.Equal(Enumerable.Range(1, 7), sent.Select(r => r.Entry));
            Assert.Equal(7, sent.Select(r => SchedulingSteps.Local(r.SentUtc!.Value, Zone).Date).Distinct().Count());
        }
    }

    [Fact]
    public async Task The_same_daily_job_delivered_twice_sends_one_message()
    {
        await using var s = await EncourageServices.StartAsync(L(10, 0));
        var phone = SchedulingSteps.Phone(50);
        var id = await SchedulingSteps.SubscribeSmsAsync(s, phone, Zone, new LocalTime(9, 0));
        await s.Get<SendQueueDrainer>().DrainAsync(SchedulingSteps.Ct);
        var baseline = await SchedulingSteps.OutboxSmsCountAsync(s, phone);

        s.Clock.Set(L(10, 9));
        var queue = s.Get<SendJobQueue>();
        var job = new SendJob(SendJobKind.Daily, id, L(10, 9));
        await queue.EnqueueAsync(job, null, SchedulingSteps.Ct);
        await queue.EnqueueAsync(job, null, SchedulingSteps.Ct);
        await s.Get<SendQueueDrainer>().DrainAsync(SchedulingSteps.Ct);
        // And once more after the first has been fully handled (a late redelivery).
        s.Clock.Set(L(10, 9, 2));
        await queue.EnqueueAsync(job, null, SchedulingSteps.Ct);
        await s.Get<SendQueueDrainer>().DrainAsync(SchedulingSteps.Ct);

        Assert.Equal(baseline + 1, await SchedulingSteps.OutboxSmsCountAsync(s, phone));
        var sent = await SchedulingSteps.DailySentAsync(s, id);
        Assert.Single(sent);
        Assert.Equal(L(11, 9), (await s.Get<Encourage.Subscriptions.SubscriberStore>().GetAsync(id, SchedulingSteps.Ct))!.NextDueUtc);
        Assert.Equal([L(11, 9)], (await SchedulingSteps.DueRowsAsync(s, id)).Select(r => r.DueUtc));
    }
}
