using Encourage.Scheduling;
using NodaTime;

namespace Encourage.Subscriptions;

/// <summary>Whether a confirmation request may go to a contact now, and if not, why or until when.</summary>
public enum ConfirmationVerdict { Send, Wait, Skip }

/// <summary>What the send path knows about a confirmation request when it is about to go.</summary>
/// <param name="Profile">The profile as read now (null: gone).</param>
/// <param name="Channel">The contact's channel (Sms or Email).</param>
/// <param name="SuppressedSinceUtc">When the contact went on the suppression list (erased), or null.</param>
public sealed record ConfirmationFacts(Subscriber? Profile, Channels Channel, DateTimeOffset? SuppressedSinceUtc, DateTimeOffset Now);

/// <summary>
/// The rules for contacting someone who has not said yes, as pure functions (no storage, no clock): the sign-up path and
/// the send path call them. After STOP or erasure a contact gets no confirmation through the web form for a cooling-off
/// period; a confirmation respects the suppression list and quiet hours like every text; a pending sign-up asked again
/// and again gets at most <see cref="MaxConfirmationsWhilePending"/> requests.
/// </summary>
public static class ContactRules
{
    /// <summary>After STOP or erasure, no new confirmation through the web form for this long.</summary>
    public static readonly TimeSpan CoolingOff = TimeSpan.FromDays(30);

    /// <summary>Confirmation requests one pending sign-up may cause (each new sign-up is one); then silence until it expires.</summary>
    public const int MaxConfirmationsWhilePending = 3;

    /// <summary>
    /// Whether a web sign-up for this contact must be left alone: it stopped (STOP, an unsubscribe link, a bounce) or
    /// was erased less than <see cref="CoolingOff"/> ago. A graduation is not a stop.
    /// </summary>
    public static bool InCoolingOff(Subscriber? profile, DateTimeOffset? suppressedSinceUtc, DateTimeOffset now)
    {
        if (suppressedSinceUtc is { } erased && now - erased < CoolingOff) return true;
        if (profile is null) return false;
        if (profile.Status == SubscriberStatus.Unsubscribed && profile.EndedUtc is { } ended && now - ended < CoolingOff) return true;
        return false;
    }

    /// <summary>
    /// Whether a confirmation request goes now: only to a contact still pending on that channel, never to a suppressed
    /// contact inside the cooling-off, never past the request limit, and a text only inside quiet hours (else it waits
    /// for the window's start, see <see cref="WaitUntil"/>).
    /// </summary>
    public static ConfirmationVerdict Confirmation(ConfirmationFacts facts, LocalTime quietStart, LocalTime quietEnd)
    {
        var p = facts.Profile;
        if (p is not { Status: SubscriberStatus.Pending } || !p.Channel.HasFlag(facts.Channel)) return ConfirmationVerdict.Skip;
        if (facts.SuppressedSinceUtc is { } erased && facts.Now - erased < CoolingOff) return ConfirmationVerdict.Skip;
        if (p.SignupsWhilePending > MaxConfirmationsWhilePending) return ConfirmationVerdict.Skip;
        if (facts.Channel == Channels.Sms && !InQuietWindow(p, facts.Now, quietStart, quietEnd)) return ConfirmationVerdict.Wait;
        return ConfirmationVerdict.Send;
    }

    /// <summary>When a text held back by quiet hours may go: the window's next start in the profile's zone.</summary>
    public static DateTimeOffset WaitUntil(Subscriber p, DateTimeOffset now, LocalTime quietStart) =>
        SendSchedule.ToDateTimeOffset(SendSchedule.NextOccurrence(SendSchedule.ToInstant(now), quietStart, SendSchedule.Zone(p.TimeZone)));

    private static bool InQuietWindow(Subscriber p, DateTimeOffset now, LocalTime quietStart, LocalTime quietEnd)
    {
        var local = SendSchedule.LocalOf(now, SendSchedule.Zone(p.TimeZone)).TimeOfDay;
        return local >= quietStart && local < quietEnd;
    }
}
