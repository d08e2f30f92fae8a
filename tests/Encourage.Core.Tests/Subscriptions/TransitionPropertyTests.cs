using System.Text.Json;
using CsCheck;

namespace Encourage.Core.Tests.Subscriptions;

/// <summary>
/// Random sequences of transitions on the subscriber model (no storage): every move keeps the invariants, and a move
/// that is refused or finds nothing to do changes nothing at all.
/// </summary>
public sealed class TransitionPropertyTests
{
    private static readonly DateTimeOffset Start = new(2027, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>One step of a random walk: a transition with its arguments, and how far the clock moves first.</summary>
    public sealed record Step(string Name, Channels Channel, int Hours)
    {
        public override string ToString() => $"{Name}({Channel}, +{Hours}h)";
    }

    private static readonly Gen<Channels> AnyChannel = Gen.OneOf(Channels.Sms, Channels.Email, Channels.Both);

    private static readonly Gen<Step> AnyStep = Gen.Select(
        Gen.OneOf("signup", "confirm", "stop", "restart", "pause", "resume", "pause-ended", "graduate", "no-channel", "advance", "reschedule", "retime", "erase-contact"),
        AnyChannel, Gen.Int[0, 72], (n, c, h) => new Step(n, c, h));

    public static readonly Gen<Step[]> Walks = AnyStep.Array[1, 30];

    /// <summary>Applies a step the way the services do (they work out due times; the model checks the move).</summary>
    internal static Move Apply(Subscriber p, Step step, DateTimeOffset now)
    {
        DateTimeOffset Next(Subscriber _) => now.AddHours(24);
        return step.Name switch
        {
            "signup" => p.SignUp(new ValidSubscription("Ana", step.Channel.HasFlag(Channels.Sms) ? "+12125550150" : null,
                step.Channel.HasFlag(Channels.Email) ? "ana@example.com" : null, step.Channel, "America/New_York", new LocalTime(9, 0), null, Pronoun.Her), now),
            "confirm" => p.Confirm(step.Channel == Channels.Both ? Channels.Sms : step.Channel, now, Next),
            "stop" => p.Stop(step.Channel, "stop", now),
            "restart" => p.RestartSms(now, Next),
            "pause" => p.Pause(now.AddDays(step.Hours % 5 + 1)),
            "resume" => p.Resume(Next),
            "pause-ended" => p.PauseEnded(now),
            "graduate" => p.Graduate("done", now),
            "no-channel" => p.EndWithoutChannel(now),
            "advance" => p.Advance(LocalDate.FromDateTime(now.UtcDateTime), now.AddDays(1)),
            "reschedule" => p.Reschedule(now.AddHours(step.Hours + 1)),
            "retime" => p.Reschedule(step.Hours % 2 == 0 ? "Europe/London" : "America/New_York", $"{step.Hours % 12 + 8:D2}:00", Next),
            "erase-contact" => p.EraseContact(step.Channel),
            _ => throw new ArgumentOutOfRangeException(nameof(step)),
        };
    }

    /// <summary>The invariants, written out again here rather than trusted to the model's own check.</summary>
    internal static void AssertInvariants(Subscriber p, string after)
    {
        var receiving = p.Status is SubscriberStatus.Active or SubscriberStatus.Paused;
        if (receiving)
        {
            Assert.True((p.Channel.HasFlag(Channels.Sms) && p.SmsConfirmed) || (p.Channel.HasFlag(Channels.Email) && p.EmailConfirmed),
                $"{p.Status} without a confirmed channel after {after}");
        }
        if (receiving || p.Status == SubscriberStatus.Pending) Assert.True(p.NextDueUtc is not null, $"{p.Status} without a due time after {after}");
        else Assert.True(p.NextDueUtc is null, $"{p.Status} with a due time after {after}");
        if (p.Status == SubscriberStatus.Paused) Assert.Equal(p.PausedUntilUtc, p.NextDueUtc);
        Assert.True(p.Channel != Channels.None, $"no channel after {after}");
    }

    private static string Snapshot(Subscriber p) => JsonSerializer.Serialize(p);

    [Fact]
    public void Random_walks_keep_the_invariants_and_a_move_not_made_changes_nothing() =>
        Walks.Sample(steps =>
        {
            var p = Subscriber.NewContact("p0123456789abcdef0123456789abcdef");
            var now = Start;
            foreach (var step in steps)
            {
                now = now.AddHours(step.Hours);
                var before = Snapshot(p);
                var move = Apply(p, step, now);
                if (move != Move.Done) Assert.Equal(before, Snapshot(p));
                AssertInvariants(p, step.ToString());
            }
        }, iter: 3_000);

    [Fact]
    public void Never_active_before_a_confirmation_and_never_again_after_a_graduation() =>
        Walks.Sample(steps =>
        {
            var p = Subscriber.NewContact("p0123456789abcdef0123456789abcdef");
            var now = Start;
            var confirmedSinceSignup = false;
            var graduatedGeneration = -1;
            foreach (var step in steps)
            {
                now = now.AddHours(step.Hours);
                var move = Apply(p, step, now);
                if (step.Name == "signup" && move == Move.Done) confirmedSinceSignup = false;
                if (step.Name is "confirm" or "restart" && move == Move.Done) confirmedSinceSignup = true;
                if (p.Status == SubscriberStatus.Graduated) graduatedGeneration = p.Generation;
                if (p.Status is SubscriberStatus.Active or SubscriberStatus.Paused)
                {
                    Assert.True(confirmedSinceSignup, $"receiving without a confirmation after {step}");
                    Assert.NotEqual(graduatedGeneration, p.Generation); // a graduation ends that programme for good
                }
            }
        }, iter: 3_000);

    [Theory]
    [InlineData(SubscriberStatus.Pending)]
    [InlineData(SubscriberStatus.Graduated)]
    [InlineData(SubscriberStatus.Unsubscribed)]
    public void Only_a_receiving_profile_can_pause_or_graduate(SubscriberStatus status)
    {
        var p = new Subscriber { Status = status, Channel = Channels.Sms, SmsConfirmed = true, NextDueUtc = status == SubscriberStatus.Pending ? Start : null };
        Assert.Equal(Move.Refused, p.Pause(Start.AddDays(2)));
        Assert.Equal(Move.Refused, p.Graduate("done", Start));
        Assert.Equal(status, p.Status);
    }

    [Fact]
    public void A_move_that_would_break_an_invariant_throws_rather_than_saving_it()
    {
        // A profile already wrong (active, nothing confirmed): the next move refuses to carry the fault on.
        var p = new Subscriber { Status = SubscriberStatus.Active, Channel = Channels.Sms, NextDueUtc = Start };
        Assert.Throws<InvalidOperationException>(() => p.Reschedule(Start.AddHours(1)));
    }
}
