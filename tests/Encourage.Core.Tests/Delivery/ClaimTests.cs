using Encourage.Core.Tests.Scheduling;
using Encourage.Delivery;

namespace Encourage.Core.Tests.Delivery;

/// <summary>
/// The claim on Azurite: a claim whose answer was lost (the storage call timed out after it was done) is known as the
/// run's own, so the run sends instead of standing down for the lease; another run's live claim still stands.
/// </summary>
public sealed class ClaimTests
{
    private static async Task<(EncourageServices S, string Id)> StartAsync()
    {
        var s = await EncourageServices.StartAsync(SchedulingSteps.Utc("America/New_York", 2027, 5, 10, 10, 0));
        var id = await SchedulingSteps.SubscribeSmsAsync(s, SchedulingSteps.Phone(70), "America/New_York", new LocalTime(9, 0));
        return (s, id);
    }

    private static async Task<Subscriber> ProfileAsync(EncourageServices s, string id) => (await s.Get<SubscriberStore>().GetAsync(id, SchedulingSteps.Ct))!;

    [Fact]
    public async Task A_runs_own_claim_whose_answer_was_lost_is_taken_again_after_a_fresh_read_and_nothing_was_sent()
    {
        var (s, id) = await StartAsync();
        await using var _ = s;
        var log = s.Get<DeliveryLog>();
        var stale = await ProfileAsync(s, id);
        var before = stale.ETag;

        // The first try: done in storage, its answer "lost" (the caller keeps the profile as it read it).
        var first = await log.ClaimAsync(stale, "g1-entry-001-sms", "daily", 1, Channels.Sms, "run-a", SchedulingSteps.Ct);
        Assert.Equal(ClaimOutcome.Claimed, first.Outcome);
        stale.ETag = before;

        // The same run tries again with what it holds: the row is its own, the profile moved (its own touch).
        Assert.Equal(ClaimOutcome.ProfileChanged, (await log.ClaimAsync(stale, "g1-entry-001-sms", "daily", 1, Channels.Sms, "run-a", SchedulingSteps.Ct)).Outcome);
        var again = await log.ClaimAsync(await ProfileAsync(s, id), "g1-entry-001-sms", "daily", 1, Channels.Sms, "run-a", SchedulingSteps.Ct);
        Assert.Equal(ClaimOutcome.Claimed, again.Outcome);
        Assert.False(again.MayHaveBeenSent); // this run never called the provider for it
        Assert.Equal(2, again.Row!.Attempts);
    }

    [Fact]
    public async Task Another_runs_live_claim_still_stands()
    {
        var (s, id) = await StartAsync();
        await using var _ = s;
        var log = s.Get<DeliveryLog>();
        Assert.Equal(ClaimOutcome.Claimed, (await log.ClaimAsync(await ProfileAsync(s, id), "g1-entry-001-sms", "daily", 1, Channels.Sms, "run-a", SchedulingSteps.Ct)).Outcome);

        var other = await log.ClaimAsync(await ProfileAsync(s, id), "g1-entry-001-sms", "daily", 1, Channels.Sms, "run-b", SchedulingSteps.Ct);
        Assert.Equal(ClaimOutcome.HeldByAnother, other.Outcome);
        Assert.Equal("run-a", (await log.GetAsync(id, "g1-entry-001-sms", SchedulingSteps.Ct))!.ClaimToken);
    }
}
