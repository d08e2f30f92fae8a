using System.Text.Json;
using Encourage.TestSupport;

namespace Encourage.Hosts.Tests;

/// <summary>The local host's dev clock: it survives a restart on the same store, and delayed jobs follow it.</summary>
public sealed class DevClockTests
{
    private static async Task<DateTimeOffset> ClockAsync(LocalHostProcess host)
    {
        using var doc = JsonDocument.Parse(await host.Client.GetStringAsync("/dev/clock"));
        return doc.RootElement.GetProperty("utc").GetDateTimeOffset();
    }

    private static int Dispatched(string advanceJson) => JsonDocument.Parse(advanceJson).RootElement.GetProperty("dispatched").GetInt32();

    private static int Daily(List<OutboxMessage> list) =>
        list.Count(m => m.Channel == "sms" && !m.Text.Contains("YES", StringComparison.Ordinal) && !m.Text.Contains("Welcome", StringComparison.Ordinal));

    [Fact]
    public async Task A_restarted_host_keeps_its_clock_and_next_day_still_brings_the_next_message()
    {
        const string phone = "+12125550171";
        var prefix = TestSettings.NewPrefix();
        DateTimeOffset before;
        await using (var first = await LocalHostProcess.StartAsync(prefix: prefix))
        {
            await first.AlignClockAsync();
            await first.SubscribeAndConfirmSmsAsync(phone);
            Assert.Equal(1, Dispatched(await first.AdvanceAsync(24)));
            await first.WaitForOutboxAsync(phone, l => Daily(l) == 1);
            before = await ClockAsync(first);
        }

        await using var second = await LocalHostProcess.StartAsync(prefix: prefix);
        var after = await ClockAsync(second);
        Assert.True(after >= before && after - before < TimeSpan.FromMinutes(5), $"clock was {before:o} before the restart and {after:o} after it");

        Assert.Equal(1, Dispatched(await second.AdvanceAsync(24)));
        var list = await second.WaitForOutboxAsync(phone, l => Daily(l) == 2);
        Assert.Equal(2, Daily(list));
    }

    [Fact]
    public async Task The_urge_check_back_follows_the_dev_clock()
    {
        const string phone = "+12125550172";
        await using var host = await LocalHostProcess.StartAsync();
        await host.AlignClockAsync();
        await host.SubscribeAndConfirmSmsAsync(phone);
        using (var urge = await host.PostInboundAsync(phone, "URGE")) urge.EnsureSuccessStatusCode();

        await Task.Delay(1000);
        Assert.DoesNotContain(await host.OutboxAsync(phone), m => m.Text.Contains("Checking in", StringComparison.Ordinal));
        await host.AdvanceAsync(0.1); // six minutes: not yet
        Assert.DoesNotContain(await host.OutboxAsync(phone), m => m.Text.Contains("Checking in", StringComparison.Ordinal));

        await host.AdvanceAsync(0.25); // past the 15 minutes
        var list = await host.WaitForOutboxAsync(phone, l => l.Any(m => m.Text.Contains("Checking in", StringComparison.Ordinal)));
        Assert.Single(list, m => m.Text.Contains("Checking in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Simulate_says_on_stderr_what_it_moved_and_prints_one_message_a_day_at_eight()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(TestSettings.NewPrefix(),
            "simulate", "--tz", "Asia/Kathmandu", "--send-time", "07:30", "--start", "2027-01-01", "--days", "5", "--format", "csv");
        Assert.True(code == 0, stderr);
        Assert.Contains("07:30 is before quiet hours (08:00-21:00); messages go at 08:00", stderr, StringComparison.Ordinal);
        var rows = stdout.Trim().Split('\n').Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(["2027-01-01T08:00", "2027-01-02T08:00", "2027-01-03T08:00", "2027-01-04T08:00", "2027-01-05T08:00"], rows.Select(r => r[1]));

        var narrowed = await CliProcess.RunAsync(TestSettings.NewPrefix(),
            "simulate", "--tz", "Asia/Kathmandu", "--send-time", "07:30", "--start", "2027-01-01", "--days", "2", "--quiet-start", "10:00", "--quiet-end", "20:00");
        Assert.True(narrowed.ExitCode == 0, narrowed.Stderr);
        Assert.Contains("messages go at 10:00", narrowed.Stderr, StringComparison.Ordinal);
        Assert.Equal(["2027-01-01T10:00", "2027-01-02T10:00"], narrowed.Stdout.Trim().Split('\n').Skip(1).Select(l => l.Split(',')[1]));

        var refused = await CliProcess.RunAsync(TestSettings.NewPrefix(),
            "simulate", "--start", "2027-01-01", "--quiet-start", "20:00", "--quiet-end", "08:00");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Encourage__QuietHoursEnd", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal("", refused.Stdout);
    }
}
