using System.Net;
using Encourage.TestSupport;

namespace Encourage.Faults.Tests;

/// <summary>
/// Two local hosts on the same tables and queue (as two Functions instances would be) both dispatch at the same moment
/// every day for a week, and both drain the queue at once (each /dev/clock/advance dispatches, then drains). Each subscriber must get exactly one daily message per local date: none doubled,
/// none missed.
/// </summary>
public sealed class OverlapTests
{
    private const int Subscribers = 6;
    private const int Days = 7;

    [Fact]
    public async Task Two_hosts_dispatching_together_for_a_week_send_one_message_per_subscriber_per_day()
    {
        // Each host drains only inside its own /dev/clock/advance, after moving its own clock: the two clocks are
        // separate processes jumping 24 h at slightly different moments, and a background worker whose clock has not
        // jumped yet would see the other host's job as not due (a skew of a day, which real instances never have).
        var settings = new Dictionary<string, string?> { ["Local:DrainQueue"] = "false" };
        await using var a = await LocalHostProcess.StartAsync(settings);
        await using var b = await LocalHostProcess.StartAsync(settings, prefix: a.Prefix);
        await Task.WhenAll(a.AlignClockAsync(), b.AlignClockAsync());
        var phones = Enumerable.Range(0, Subscribers).Select(i => "+1212555" + (2100 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        foreach (var phone in phones)
        {
            await a.SubscribeAsync(phone);
            using (await a.Client.PostAsync("/dev/dispatch", null)) { }
            await HostSupport.WaitAsync(() => a.OutboxAsync(phone).Result, l => l.Count == 1, "the confirmation text");
            using var yes = await b.PostInboundAsync(phone, "YES");
            Assert.Equal(HttpStatusCode.OK, yes.StatusCode);
            using (await b.Client.PostAsync("/dev/dispatch", null)) { }
            await HostSupport.WaitAsync(() => a.OutboxAsync(phone).Result, l => l.Count == 2, "the welcome text");
        }

        for (var day = 0; day < Days; day++)
        {
            await Task.WhenAll(a.AdvanceAsync(24), b.AdvanceAsync(24));
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(FaultSteps.Zone);
        foreach (var phone in phones)
        {
            var daily = (await a.OutboxAsync(phone)).Where(m => m.Channel == "sms").Skip(2).ToList();
            Assert.True(daily.Count == Days, $"{phone}: {daily.Count} daily texts, expected {Days}:\n" + string.Join("\n", daily.Select(m => m.Text)));
            Assert.Equal(Days, daily.Select(m => m.Text).Distinct().Count());
            Assert.Equal(Days, daily.Select(m => TimeZoneInfo.ConvertTime(m.CreatedUtc, zone).Date).Distinct().Count());
        }
    }
}
