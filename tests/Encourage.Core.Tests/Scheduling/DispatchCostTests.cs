using Encourage.Delivery;
using Encourage.Scheduling;

namespace Encourage.Core.Tests.Scheduling;

public sealed class DispatchCostTests
{
    private const string Zone = "America/New_York";

    private static DateTimeOffset L(int d, int h, int min = 0) => SchedulingSteps.Utc(Zone, 2027, 5, d, h, min);

    [Fact]
    public async Task A_tick_reads_only_the_due_rows_not_the_whole_index()
    {
        await using var s = await EncourageServices.StartAsync(L(10, 0));
        // 10 due at 09:00; 190 due later today or on later dates.
        var due = new List<string>();
        for (var i = 0; i < 10; i++) due.Add(await SchedulingSteps.SubscribeSmsAsync(s, SchedulingSteps.Phone(i), Zone, new LocalTime(9, 0)));
        var others = Enumerable.Range(0, 190).ToList();
        await Parallel.ForEachAsync(others, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var time = new LocalTime(10 + i % 10, 5 * (i % 12)); // 10:00..19:55, never 09:00
            if (i < 90) await SchedulingSteps.SubscribeSmsAsync(s, SchedulingSteps.Phone(10 + i), Zone, time);
            else await SchedulingSteps.SubscribeEmailAsync(s, $"cost{i}@example.com", Zone, time);
        });
        await s.Get<SendQueueDrainer>().DrainAsync(SchedulingSteps.Ct);

        var dispatcher = s.Get<Dispatcher>();
        s.Clock.Set(L(10, 8, 55));
        var before = await dispatcher.TickAsync(SchedulingSteps.Ct);
        Assert.Equal(0, before.RowsRead);

        s.Clock.Set(L(10, 9));
        var tick = await dispatcher.TickAsync(SchedulingSteps.Ct);
        Assert.Equal(10, tick.RowsRead);
        Assert.Equal(10, tick.Enqueued);
        await s.Get<SendQueueDrainer>().DrainAsync(SchedulingSteps.Ct);
        foreach (var id in due) Assert.Single(await SchedulingSteps.DailySentAsync(s, id));

        // Those rows moved to tomorrow: the next tick reads nothing.
        s.Clock.Set(L(10, 9, 5));
        Assert.Equal(0, (await dispatcher.TickAsync(SchedulingSteps.Ct)).RowsRead);
    }
}
