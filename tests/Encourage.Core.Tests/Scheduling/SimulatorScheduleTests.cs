using Encourage.Arc;
using Encourage.Simulation;

namespace Encourage.Core.Tests.Scheduling;

public sealed class SimulatorScheduleTests
{
    private const int Days = 60;

    private static async Task<IReadOnlyList<SimulatedSend>> RunAsync(string zone, LocalDate start, Channels channels)
    {
        await using var s = await EncourageServices.StartAsync(DateTimeOffset.UnixEpoch);
        var sim = ActivatorUtilities.CreateInstance<Simulator>(s.Provider, s.Clock);
        return await sim.RunAsync(new SimulationPlan(zone, "09:00", start, Days, channels, Pronoun.Her), SchedulingSteps.Ct);
    }

    /// <summary>Day number (1-based) of each entry from the programme's own spacing, for entries inside the window.</summary>
    private static List<(int Entry, int Day)> ExpectedSchedule()
    {
        var programme = Programme.LoadEmbedded();
        var result = new List<(int, int)>();
        var day = 1;
        foreach (var e in programme.Entries)
        {
            day += e.DaysAfterPrevious;
            if (day > Days) break;
            result.Add((e.Number, day));
        }
        return result;
    }

    private static void AssertSchedule(IReadOnlyList<SimulatedSend> sends, LocalDate start, string channel)
    {
        var programme = Programme.LoadEmbedded();
        var expected = ExpectedSchedule();
        var mine = sends.Where(x => x.Channel == channel).ToList();

        Assert.Equal(expected.Count, mine.Count);
        Assert.All(mine, x => Assert.Equal(new LocalTime(9, 0), x.Local.TimeOfDay));
        Assert.Equal(mine.Count, mine.Select(x => x.Local.Date).Distinct().Count()); // one per local date
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Entry, mine[i].Entry);
            Assert.Equal(start.PlusDays(expected[i].Day - 1), mine[i].Local.Date);
        }
        // The daily part runs on consecutive local dates.
        for (var i = 1; i < mine.Count; i++)
        {
            var gap = Period.Between(mine[i - 1].Local.Date, mine[i].Local.Date, PeriodUnits.Days).Days;
            Assert.Equal(programme.Entry(mine[i].Entry)!.DaysAfterPrevious, gap);
        }
        // Phases never go backwards.
        var order = programme.Phases.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i);
        for (var i = 1; i < mine.Count; i++) Assert.True(order[mine[i].Phase] >= order[mine[i - 1].Phase], $"phase went back at entry {mine[i].Entry}");
    }

    [Theory]
    [InlineData("Europe/London", 2027, 3, 20)]     // crosses 2027-03-28
    [InlineData("America/New_York", 2027, 10, 20)] // crosses 2027-11-07
    [InlineData("Asia/Kathmandu", 2027, 3, 20)]
    [InlineData("Australia/Lord_Howe", 2027, 3, 20)] // crosses 2027-04-04
    public async Task Sixty_days_of_sms_go_at_nine_local_once_per_date_in_programme_order_one_segment_each(string zone, int y, int m, int d)
    {
        var start = new LocalDate(y, m, d);
        var sends = await RunAsync(zone, start, Channels.Sms);

        AssertSchedule(sends, start, "sms");
        Assert.All(sends, x => Assert.Equal("sms", x.Channel));
        Assert.All(sends, x => Assert.False(string.IsNullOrEmpty(x.Text)));
        Assert.All(sends, x => Assert.True(x.Segments == 1, $"entry {x.Entry}: {x.Segments} segments: {x.Text}"));
    }

    [Fact]
    public async Task Sixty_days_of_email_go_once_per_day_at_nine_local()
    {
        var start = new LocalDate(2027, 3, 20);
        var sends = await RunAsync("Europe/London", start, Channels.Email);

        AssertSchedule(sends, start, "email");
        Assert.All(sends, x => Assert.Equal("email", x.Channel));
    }
}
