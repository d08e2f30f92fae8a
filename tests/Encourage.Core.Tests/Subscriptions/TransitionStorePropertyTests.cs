using CsCheck;
using Encourage.Core.Tests.Scheduling;
using Encourage.Delivery;
using Encourage.Scheduling;

namespace Encourage.Core.Tests.Subscriptions;

/// <summary>
/// Random sequences of what happens to a subscription, through the real services on Azurite: sign-ups, confirmations,
/// STOP and START, pauses, graduations, a new send time, erasing one contact, and the clock moving on with the
/// dispatcher ticking and the queue drained. After every step: one due-index row (at the profile's due time) for a
/// subscriber who is pending, active or paused, none for anyone else, and never active without a confirmed channel.
/// </summary>
public sealed class TransitionStorePropertyTests
{
    private const string Zone = "America/New_York";

    public sealed record Step(string Name, int Arg)
    {
        public override string ToString() => $"{Name}({Arg})";
    }

    private static readonly Gen<Step> AnyStep = Gen.Select(
        Gen.Frequency(
            (3, Gen.Const("signup")), (4, Gen.Const("confirm-sms")), (3, Gen.Const("confirm-email")), (2, Gen.Const("stop-sms")),
            (2, Gen.Const("stop-email")), (2, Gen.Const("start")), (2, Gen.Const("pause")), (2, Gen.Const("resume")),
            (1, Gen.Const("graduate")), (2, Gen.Const("time")), (1, Gen.Const("erase-email")), (1, Gen.Const("erase-phone")),
            (5, Gen.Const("tick"))),
        Gen.Int[0, 100], (name, arg) => new Step(name, arg));

    private static int _people;

    [Fact]
    public async Task Random_sequences_leave_one_due_row_per_receiving_subscriber_and_none_for_others()
    {
        await using var s = await EncourageServices.StartAsync(new DateTimeOffset(2027, 4, 1, 4, 0, 0, TimeSpan.Zero));
        await AnyStep.Array[1, 14].SampleAsync(async steps =>
        {
            // Each walk is a new person (a new phone and email), so walks do not share profiles.
            var n = Interlocked.Increment(ref _people);
            var area = new[] { "646", "718", "917" }[n / 100 % 3];
            var phone = "+1" + area + "555" + (100 + n % 100).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
            var email = $"walk{n}-{Guid.NewGuid():N}@example.com";
            var ids = new HashSet<string>();
            foreach (var step in steps)
            {
                await ApplyAsync(s, step, phone, email, ids);
                foreach (var id in ids) await AssertInvariantsAsync(s, id, step);
            }
            // Leave nothing due behind for the next walk's ticks.
            foreach (var id in ids) await s.Get<SubscriptionLifecycle>().EraseAsync(id, CancellationToken.None);
        }, iter: 12, threads: 1);
    }

    private static async Task ApplyAsync(EncourageServices s, Step step, string phone, string email, HashSet<string> ids)
    {
        var life = s.Get<SubscriptionLifecycle>();
        var store = s.Get<SubscriberStore>();
        var ct = CancellationToken.None;
        var byPhone = await store.GetByPhoneAsync(phone, ct);
        var byEmail = await store.GetByEmailAsync(email, ct);
        var main = byPhone ?? byEmail;
        switch (step.Name)
        {
            case "signup":
                var channels = (step.Arg % 3) switch { 0 => Channels.Sms, 1 => Channels.Email, _ => Channels.Both };
                await life.SubscribeAsync(new ValidSubscription("Ana", channels.HasFlag(Channels.Sms) ? phone : null,
                    channels.HasFlag(Channels.Email) ? email : null, channels, Zone, new LocalTime(8 + step.Arg % 12, 0), null, Pronoun.Her),
                    sendConfirmation: step.Arg % 2 == 0, ct);
                break;
            case "confirm-sms" when byPhone is not null:
                await life.ConfirmAsync(byPhone.Id, Channels.Sms, ct);
                break;
            case "confirm-email" when main is not null:
                await life.ConfirmAsync(main.Id, Channels.Email, ct);
                break;
            case "stop-sms" when byPhone is not null:
                await life.StopChannelAsync(byPhone.Id, Channels.Sms, "stop", ct);
                break;
            case "stop-email" when main is not null:
                await life.StopChannelAsync(main.Id, Channels.Email, "unsubscribe-link", ct);
                break;
            case "start" when byPhone is not null:
                await life.RestartSmsAsync(byPhone.Id, ct);
                break;
            case "pause" when main is not null:
                await life.PauseAsync(main.Id, 1 + step.Arg % 7, ct);
                break;
            case "resume" when main is not null:
                await life.ResumeAsync(main.Id, ct);
                break;
            case "graduate" when main is not null:
                await life.GraduateAsync(main.Id, "done", ct);
                break;
            case "time" when main is not null:
                await life.ChangeSendTimeAsync(main.Id, new LocalTime(8 + step.Arg % 12, 30), ct);
                break;
            case "erase-email" when main is not null:
                await life.EraseContactAsync(main.Id, Channels.Email, ct);
                break;
            case "erase-phone" when byPhone is not null:
                await life.EraseContactAsync(byPhone.Id, Channels.Sms, ct);
                break;
            case "tick":
                // Anything from an hour to four days later, the dispatcher ticking every few hours on the way.
                var until = s.Clock.GetUtcNow().AddHours(1 + step.Arg);
                for (var at = s.Clock.GetUtcNow().AddHours(4); at < until; at = at.AddHours(4)) await SchedulingSteps.TickAndDrainAsync(s, at);
                await SchedulingSteps.TickAndDrainAsync(s, until);
                break;
        }
        foreach (var p in new[] { await store.GetByPhoneAsync(phone, ct), await store.GetByEmailAsync(email, ct) }) if (p is not null) ids.Add(p.Id);
    }

    private static async Task AssertInvariantsAsync(EncourageServices s, string id, Step after)
    {
        var profile = await s.Get<SubscriberStore>().GetAsync(id, CancellationToken.None);
        var rows = await SchedulingSteps.DueRowsAsync(s, id);
        if (profile is null || profile.HasEnded)
        {
            Assert.True(rows.Count == 0, $"{profile?.Status.ToString() ?? "erased"} subscriber has {rows.Count} due rows after {after}");
            return;
        }
        var row = Assert.Single(rows);
        Assert.True(row.DueUtc == profile.NextDueUtc, $"{profile.Status}: row due {row.DueUtc:o}, profile due {profile.NextDueUtc:o} after {after}");
        if (profile.IsReceiving) Assert.True(profile.ConfirmedOn(profile.Channel), $"{profile.Status} without a confirmed channel after {after}");
    }
}
