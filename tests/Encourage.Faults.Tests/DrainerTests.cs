using Encourage.Delivery;
using Encourage.TestSupport;
using NodaTime;

namespace Encourage.Faults.Tests;

/// <summary>
/// The local host's and the tests' queue drainer behaves as host.json tells the Functions queue trigger to: a new batch
/// at 8 jobs still running (a slow send holds one slot, not a batch), and a failed job back after
/// Encourage:SendRetryDelay, then the poison queue on the fifth failure.
/// </summary>
public sealed class DrainerTests
{
    [Fact]
    public async Task A_slow_send_holds_one_slot_and_the_jobs_behind_it_go_on()
    {
        await using var twilio = await FakeTwilio.StartAsync();
        await using var s = await EncourageServices.StartAsync(FaultSteps.L(10, 10), FaultSteps.Providers(twilio, null));
        var slow = FaultSteps.Phone(900);
        // Held until the other 39 have arrived (well inside the product's 15 s per attempt), however busy the machine.
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        twilio.Hold[slow] = held;
        // The slow one's welcome is first in the queue, so it is in the first batch; 39 more come after it.
        var phones = new[] { slow }.Concat(Enumerable.Range(901, 39).Select(FaultSteps.Phone)).ToList();
        foreach (var phone in phones) await FaultSteps.SubscribeAsync(s, phone, null, new LocalTime(9, 0));

        var drain = Task.Run(() => s.Get<SendQueueDrainer>().DrainAsync(FaultSteps.Ct));
        var others = await HostSupport.WaitAsync(() => twilio.Accepted.Where(m => m.To != slow).Select(m => m.To).Distinct().Count(), n => n == 39,
            "the 39 welcomes behind the slow one", seconds: 60);
        Assert.Equal(39, others);
        Assert.Empty(twilio.To(slow)); // still held by the fake: the others did not wait for it
        held.SetResult();
        Assert.Equal(40, await drain);
        Assert.Single(twilio.To(slow));
    }

    [Fact]
    public async Task A_failed_job_comes_back_after_the_retry_delay_and_the_fifth_failure_is_poisoned_in_one_drain()
    {
        await using var twilio = await FakeTwilio.StartAsync();
        await using var s = await EncourageServices.StartAsync(FaultSteps.L(10, 10), FaultSteps.Providers(twilio, null)); // SendRetryDelay 0
        var refused = FaultSteps.Phone(950);
        twilio.AlwaysFail[refused] = true;
        await FaultSteps.SubscribeAsync(s, refused, null, new LocalTime(9, 0));

        await s.Get<SendQueueDrainer>().DrainAsync(FaultSteps.Ct);

        Assert.Equal(SendQueueDrainer.MaxDequeueCount, twilio.Posts.Count(p => p.To == refused));
        var poisoned = Assert.Single(await FaultSteps.PoisonAsync(s));
        Assert.Equal(SendJobKind.Welcome, poisoned.Kind);
    }
}
