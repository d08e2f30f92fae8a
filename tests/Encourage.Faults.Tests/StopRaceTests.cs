using System.Net;
using Encourage.TestSupport;

namespace Encourage.Faults.Tests;

/// <summary>
/// A signed STOP arrives while that subscriber's daily text is in flight: Twilio (the fake) holds the POST for 2 s
/// and records when it arrived. The text may go only if it was handed to Twilio before the STOP was stored; nothing
/// may reach Twilio for that number after the STOP's 200, then or on later days.
/// </summary>
public sealed class StopRaceTests
{
    [Fact]
    public async Task A_STOP_while_the_daily_text_is_in_flight_lets_nothing_reach_Twilio_after_it()
    {
        await using var twilio = await FakeTwilio.StartAsync();
        await using var host = await LocalHostProcess.StartAsync(FaultSteps.Providers(twilio, null));
        await host.AlignClockAsync();
        const string phone = "+12125550177";
        const string other = "+12125550178";
        foreach (var p in new[] { phone, other })
        {
            await host.SubscribeAsync(p);
            await HostSupport.WaitAsync(() => twilio.To(p), l => l.Count == 1, "the confirmation text");
            using (var yes = await host.PostInboundAsync(p, "YES")) Assert.Equal(HttpStatusCode.OK, yes.StatusCode);
            await HostSupport.WaitAsync(() => twilio.To(p), l => l.Count == 2, "the welcome text");
        }
        var before = twilio.Arrivals.Count(a => a.To == phone);

        twilio.Delay[phone] = TimeSpan.FromSeconds(2);
        var advance = host.AdvanceAsync(24);
        var arrival = (await HostSupport.WaitAsync(() => twilio.Arrivals.Where(a => a.To == phone).ToList(), l => l.Count > before, "the daily POST")).Last();
        DateTimeOffset stopStored;
        using (var stop = await host.PostInboundAsync(phone, "STOP"))
        {
            Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
            stopStored = DateTimeOffset.UtcNow;
        }
        Assert.True(arrival.At < stopStored);
        await advance;
        await Task.Delay(2500); // anything still held by the fake lands now

        // Later days: nothing more for the stopped number; the other subscriber goes on.
        await host.AdvanceAsync(24);
        await host.AdvanceAsync(24);
        await HostSupport.WaitAsync(() => twilio.To(other), l => l.Count == 2 + 3, "the other subscriber's three daily texts");
        await Task.Delay(1000);

        var late = twilio.Arrivals.Where(a => a.To == phone && a.At > stopStored).ToList();
        Assert.True(late.Count == 0, $"{late.Count} POST(s) for the stopped number reached Twilio after the STOP's 200");
        // At most the one text that was already with Twilio when the STOP came.
        Assert.InRange(twilio.To(phone).Count - 2, 0, 1);
        Assert.All(twilio.To(phone), m => Assert.True(m.ArrivedUtc <= arrival.At));
    }
}
