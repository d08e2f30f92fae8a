using Encourage.Simulation;

namespace Encourage.Core.Tests.Scheduling;

/// <summary>The issue's three simulate commands, at the simulator (the CLI's own test runs one as a process).</summary>
public sealed class SimulateQuietHoursTests
{
    private static async Task<(IReadOnlyList<SimulatedSend> Sends, List<string> Notices)> RunAsync(string zone, string sendTime, LocalDate start, int days,
        IDictionary<string, string?>? settings = null)
    {
        await using var s = await EncourageServices.StartAsync(DateTimeOffset.UnixEpoch, settings);
        var sim = ActivatorUtilities.CreateInstance<Simulator>(s.Provider, s.Clock);
        var notices = new List<string>();
        var sends = await sim.RunAsync(new SimulationPlan(zone, sendTime, start, days, Channels.Sms, Pronoun.Him), SchedulingSteps.Ct, notices.Add);
        return (sends, notices);
    }

    private static void AssertDaily(IReadOnlyList<SimulatedSend> sends, LocalDate start, int days, LocalTime at)
    {
        Assert.Equal(days, sends.Count);
        Assert.Equal(Enumerable.Range(0, days).Select(start.PlusDays), sends.Select(x => x.Local.Date)); // exactly once per local date
        Assert.All(sends, x => Assert.Equal(at, x.Local.TimeOfDay));
        Assert.Equal(Enumerable.Range(1, days), sends.Select(x => x.Entry));
    }

    [Theory]
    [InlineData("Asia/Kathmandu", "07:30", 2027, 1, 1, 8, 0, "07:30 is before quiet hours (08:00-21:00); messages go at 08:00")]
    [InlineData("Europe/London", "02:30", 2027, 3, 26, 8, 0, "02:30 is before quiet hours (08:00-21:00); messages go at 08:00")] // crosses 2027-03-28
    [InlineData("America/Los_Angeles", "21:30", 2027, 6, 1, 20, 30, "21:30 is too late for quiet hours (08:00-21:00); messages go at 20:30")]
    public async Task The_issues_three_commands_print_one_message_a_day_at_the_windows_edge(string zone, string sendTime, int y, int m, int d, int h, int min, string notice)
    {
        var start = new LocalDate(y, m, d);
        var (sends, notices) = await RunAsync(zone, sendTime, start, 5);

        AssertDaily(sends, start, 5, new LocalTime(h, min));
        Assert.Equal(new[] { notice }, notices);
    }

    [Fact]
    public async Task Quiet_hours_given_to_the_simulator_move_a_nine_am_time_to_ten_and_say_so()
    {
        var start = new LocalDate(2027, 1, 1);
        var (sends, notices) = await RunAsync("Europe/London", "09:00", start, 4, new Dictionary<string, string?>
        {
            ["Encourage:QuietHoursStart"] = "10:00",
            ["Encourage:QuietHoursEnd"] = "20:00",
        });

        AssertDaily(sends, start, 4, new LocalTime(10, 0));
        Assert.Equal(new[] { "09:00 is before quiet hours (10:00-20:00); messages go at 10:00" }, notices);
    }

    [Fact]
    public async Task A_time_inside_the_window_is_kept_and_nothing_is_said()
    {
        var start = new LocalDate(2027, 1, 1);
        var (sends, notices) = await RunAsync("America/New_York", "09:00", start, 3);
        AssertDaily(sends, start, 3, new LocalTime(9, 0));
        Assert.Empty(notices);
    }

    [Fact]
    public async Task A_plan_sign_up_would_refuse_is_refused_with_sign_ups_words()
    {
        await using var s = await EncourageServices.StartAsync(DateTimeOffset.UnixEpoch);
        var sim = ActivatorUtilities.CreateInstance<Simulator>(s.Provider, s.Clock);
        var e = await Assert.ThrowsAsync<ArgumentException>(() =>
            sim.RunAsync(new SimulationPlan("Europe/London", "25:99", new LocalDate(2027, 1, 1), 3, Channels.Sms, Pronoun.Him), SchedulingSteps.Ct));
        Assert.Contains("Please give a time like 09:00.", e.Message, StringComparison.Ordinal);
    }
}
