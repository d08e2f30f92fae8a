using Encourage.Arc;
using Encourage.Delivery;
using Encourage.Hosting;
using Encourage.Insights;
using Encourage.Scheduling;
using NodaTime;

namespace Encourage.Subscriptions;

/// <summary>What a lifecycle change did, for the caller's reply.</summary>
public enum LifecycleOutcome { Done, NoChange, NotFound, OlderLink, Expired }

/// <summary>
/// Every change to a subscription: sign-up, confirmation, pause, resume, stop, start, graduation, expiry, erasure.
/// Each one that moves the next send writes the new due-index row first, then the profile (If-Match), then removes
/// the old row: a crash in between leaves a stale row the sender drops, never a subscriber with no row.
/// </summary>
public sealed partial class SubscriptionLifecycle(
    SubscriberStore store,
    DueIndex dueIndex,
    SendJobQueue queue,
    DeliveryLog deliveries,
    ContactKeys keys,
    Suppressions suppressions,
    LinkToken tokens,
    Programme programme,
    Counters counters,
    EncourageStorage storage,
    TimeProvider time,
    ILogger<SubscriptionLifecycle> logger,
    IOptions<EncourageOptions> options)
{
    /// <summary>The stored send time through the quiet-hours settings of the moment (see <see cref="SendWindow"/>).</summary>
    private LocalTime SendTimeOf(Subscriber p) => SendWindow.From(options.Value).Apply(p.SendTime);

    public static TimeSpan PendingExpiry => Subscriber.PendingExpiry;

    /// <summary>
    /// Records a sign-up and asks for confirmation. Whatever is already there, the caller answers the same way, so
    /// nobody can learn from the answer whether someone is subscribed.
    /// </summary>
    /// <remarks>
    /// Each contact is its own person: a "both" sign-up is two sign-ups, a profile for the phone and one for the email,
    /// each pending until that contact itself confirms, each with its own data and links. Every contact gets the same
    /// work whatever its state (a read, a write, a queued confirmation job the send path decides on), so neither the
    /// answer, nor its timing, nor the submitter's own inbox says whether the other contact is enrolled.
    /// <paramref name="sendConfirmation"/> false is JOIN by text: the contact itself, so no cooling-off applies.
    /// </remarks>
    public async Task SubscribeAsync(ValidSubscription sub, bool sendConfirmation, CancellationToken cancellationToken)
    {
        if (sub.Phone is { } phone && sub.Channels.HasFlag(Channels.Sms))
        {
            await SignUpContactAsync(sub with { Email = null, Channels = Channels.Sms }, keys.ForPhone(phone), phone, fromTheContact: !sendConfirmation, cancellationToken);
        }
        if (sub.Email is { } email && sub.Channels.HasFlag(Channels.Email))
        {
            await SignUpContactAsync(sub with { Phone = null, Channels = Channels.Email }, keys.ForEmail(email), email, fromTheContact: !sendConfirmation, cancellationToken);
        }
    }

    private async Task SignUpContactAsync(ValidSubscription sub, string id, string contact, bool fromTheContact, CancellationToken cancellationToken)
    {
        // A suppressed (erased) contact is not lifted here: whoever fills in the form may not own it. Only that
        // contact's own confirmation lifts it (ConfirmAsync, START).
        var suppressedSince = await suppressions.SuppressedSinceAsync(contact, cancellationToken);
        var signedUp = await OptimisticRetry.RunAsync(async () =>
        {
            var now = time.GetUtcNow();
            var profile = await store.GetAsync(id, cancellationToken);
            var coolingOff = !fromTheContact && ContactRules.InCoolingOff(profile, suppressedSince, now);
            profile ??= Subscriber.NewContact(id);
            if (coolingOff || profile.SignUp(sub, now) != Move.Done)
            {
                // Enrolled (the first confirmation won) or cooling off: nothing changes, but the same write is made,
                // so the request takes as long as any other sign-up.
                return (profile.ETag == default || await store.TrySaveAsync(profile, cancellationToken), (Subscriber?)null);
            }
            return (await store.TrySaveAsync(profile, cancellationToken), profile);
        }, "signed up");
        if (signedUp is not null)
        {
            await counters.AddAsync(CounterNames.Signups, 1, cancellationToken);
            Log.SignedUp(logger, id, signedUp.Channel.ToString());
        }
        if (fromTheContact) return;
        // Always queued: the send path decides (ContactRules.Confirmation) and sends nothing to a contact not pending.
        await queue.EnqueueAsync(new SendJob(SendJobKind.Confirm, id, Channel: sub.Channels), null, cancellationToken);
    }

    /// <summary>
    /// Confirms a channel (YES by text, or the email link). The first confirmation starts the programme. With a link's
    /// <paramref name="claim"/>, only while the link still speaks for the profile (same generation and contact).
    /// A confirmation is that contact's own opt-in: it lifts the contact's suppression, and an email's alias is
    /// written only now.
    /// </summary>
    public async Task<LifecycleOutcome> ConfirmAsync(string id, Channels channel, CancellationToken cancellationToken, LinkClaim? claim = null)
    {
        var olderLink = LifecycleOutcome.Done;
        var changed = await store.ChangeAsync(id, profile =>
        {
            if (claim is not null && tokens.Standing(claim, profile) is var standing && standing != LinkStanding.Current)
            {
                olderLink = standing == LinkStanding.Expired ? LifecycleOutcome.Expired : LifecycleOutcome.OlderLink;
                return Move.Refused;
            }
            return profile.Confirm(channel, time.GetUtcNow(), FirstDue);
        }, cancellationToken);
        if (olderLink != LifecycleOutcome.Done) return olderLink;
        if (changed.Move == Move.Nothing) return LifecycleOutcome.NoChange;
        if (changed is not { Done: true, Profile: { } confirmed })
        {
            // A link for a channel the profile no longer has is an older link; an ended or expired sign-up is gone.
            return claim is null || changed.Profile?.Channel.HasFlag(channel) == true ? LifecycleOutcome.NotFound : LifecycleOutcome.OlderLink;
        }

        if (ContactOn(confirmed, channel) is { } contact) await suppressions.LiftAsync(contact, cancellationToken);
        if (channel == Channels.Email && confirmed.Email is { } confirmedEmail && keys.ForEmail(confirmedEmail) != id)
        {
            await store.SetAliasAsync(confirmedEmail, id, cancellationToken);
        }
        await queue.EnqueueAsync(new SendJob(SendJobKind.Welcome, id, Channel: channel), null, cancellationToken);
        await counters.AddAsync(CounterNames.Confirmations, 1, cancellationToken);
        Log.Confirmed(logger, id, channel.ToString());
        return LifecycleOutcome.Done;
    }

    /// <summary>The first send after a confirmation: the start date (or today) at the send time, through quiet hours.</summary>
    private DateTimeOffset FirstDue(Subscriber p)
    {
        LocalDate? start = SendSchedule.TryParseDate(p.StartDate, out var s) ? s : null;
        return SendSchedule.ToDateTimeOffset(SendSchedule.FirstDue(SendSchedule.ToInstant(time.GetUtcNow()), start, SendTimeOf(p), SendSchedule.Zone(p.TimeZone)));
    }

    private static string? ContactOn(Subscriber p, Channels channel) => channel == Channels.Sms ? p.Phone : p.Email;

    /// <summary>
    /// Stops one channel (STOP, the unsubscribe link, a carrier opt-out, a bounce). No channel left: unsubscribed. With a
    /// link's <paramref name="claim"/>, only while the link still speaks for the profile.
    /// </summary>
    public Task<LifecycleOutcome> StopChannelAsync(string id, Channels channel, string reason, CancellationToken cancellationToken, LinkClaim? claim = null) =>
        ChangeAsync(id, p => claim is not null && tokens.Standing(claim, p) != LinkStanding.Current
            ? null
            : p.Stop(channel, reason, time.GetUtcNow()), CounterNames.OptOuts, cancellationToken);

    /// <summary>START/UNSTOP after a STOP: texts come back, and the programme goes on where it was.</summary>
    public async Task<LifecycleOutcome> RestartSmsAsync(string id, CancellationToken cancellationToken)
    {
        var outcome = await RestartSmsCoreAsync(id, cancellationToken);
        // START comes from the phone itself: that number's own fresh opt-in.
        if (outcome == LifecycleOutcome.Done && await store.GetAsync(id, cancellationToken) is { Phone: { } phone }) await suppressions.LiftAsync(phone, cancellationToken);
        return outcome;
    }

    private Task<LifecycleOutcome> RestartSmsCoreAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(id, p => p.RestartSms(time.GetUtcNow(), NextSendTime), null, cancellationToken);

    public Task<LifecycleOutcome> PauseAsync(string id, int days, CancellationToken cancellationToken) =>
        ChangeAsync(id, p =>
        {
            var zone = SendSchedule.Zone(p.TimeZone);
            var today = SendSchedule.LocalDateOf(time.GetUtcNow(), zone);
            return p.Pause(SendSchedule.ToDateTimeOffset(SendSchedule.At(today.PlusDays(days), SendTimeOf(p), zone)));
        }, CounterNames.Pauses, cancellationToken);

    public Task<LifecycleOutcome> ResumeAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(id, p => p.Resume(NextSendTime), null, cancellationToken);

    /// <summary>DONE / BACK TOGETHER / MOVED ON: the programme ends kindly, as a graduation, not an opt-out.</summary>
    public Task<LifecycleOutcome> GraduateAsync(string id, string reason, CancellationToken cancellationToken) =>
        ChangeAsync(id, p => p.Graduate(reason, time.GetUtcNow()), CounterNames.Graduations, cancellationToken);

    /// <summary>A new zone: the next send moves to the send time in that zone.</summary>
    public Task<LifecycleOutcome> ChangeTimeZoneAsync(string id, string zoneId, CancellationToken cancellationToken) =>
        ChangeAsync(id, p => p.Reschedule(zoneId, p.SendTime, NextSendTime), null, cancellationToken);

    /// <summary>
    /// They heard from their ex: the "if you hear from them" messages come next, as a short detour. The position
    /// moves to the first of them; once they have gone, <see cref="Arc.ProgrammeSelection"/> resumes the arc where it
    /// was (the lowest entry not yet sent), and an entry already sent is never sent again.
    /// </summary>
    public int EntryAfterContact(int nextEntry) => ProgrammeSelection.AfterContact(programme, nextEntry);

    /// <summary>TIME by text: a new send time (already in the quiet-hours window); the next send moves with the due-index row.</summary>
    public Task<LifecycleOutcome> ChangeSendTimeAsync(string id, LocalTime sendTime, CancellationToken cancellationToken) =>
        ChangeAsync(id, p => p.Reschedule(p.TimeZone, SendSchedule.Format(sendTime), NextSendTime), null, cancellationToken);

    /// <summary>Deletes an unconfirmed sign-up once its week is up.</summary>
    public async Task ExpireAsync(Subscriber profile, CancellationToken cancellationToken)
    {
        await store.DeletePartitionAsync(profile.Id, cancellationToken);
        await store.DeletedAsync(profile, cancellationToken);
        if (profile.NextDueUtc is { } due) await dueIndex.RemoveAsync(profile.Id, due, cancellationToken);
        Log.Expired(logger, profile.Id);
    }

    private DateTimeOffset NextSendTime(Subscriber p) => NextSendTime(p.TimeZone, SendTimeOf(p), p.LastSentLocalDate, time.GetUtcNow());

    /// <summary>The next send at this zone and time after <paramref name="now"/>: today if still ahead and today's has not gone, else tomorrow.</summary>
    public static DateTimeOffset NextSendTime(string timeZone, LocalTime sendTime, string? lastSentLocalDate, DateTimeOffset now)
    {
        var zone = SendSchedule.Zone(timeZone);
        var next = SendSchedule.NextOccurrence(SendSchedule.ToInstant(now), sendTime, zone);
        // Never twice on one local date: if today's message already went, tomorrow.
        if (lastSentLocalDate == SendSchedule.Format(next.InZone(zone).Date))
        {
            next = SendSchedule.At(next.InZone(zone).Date.PlusDays(1), sendTime, zone);
        }
        return SendSchedule.ToDateTimeOffset(next);
    }

    /// <summary>Applies a transition through the store (one retry policy, the due-index row moved) and counts it.</summary>
    /// <remarks><paramref name="change"/> returns null for "this link is not the profile's".</remarks>
    private async Task<LifecycleOutcome> ChangeAsync(string id, Func<Subscriber, Move?> change, string? counter, CancellationToken cancellationToken)
    {
        var olderLink = false;
        var changed = await store.ChangeAsync(id, p =>
        {
            var move = change(p);
            olderLink = move is null;
            return move ?? Move.Refused;
        }, cancellationToken);
        if (changed.Profile is null) return LifecycleOutcome.NotFound;
        if (olderLink) return LifecycleOutcome.OlderLink;
        if (!changed.Done) return LifecycleOutcome.NoChange;
        if (counter is not null) await counters.AddAsync(counter, 1, cancellationToken);
        return LifecycleOutcome.Done;
    }

    private static partial class Log
    {
        [LoggerMessage(3001, LogLevel.Information, "Subscriber {SubscriberId} signed up for {Channel}")]
        public static partial void SignedUp(ILogger logger, string subscriberId, string channel);

        [LoggerMessage(3002, LogLevel.Information, "Subscriber {SubscriberId} confirmed {Channel}")]
        public static partial void Confirmed(ILogger logger, string subscriberId, string channel);

        [LoggerMessage(3003, LogLevel.Information, "Unconfirmed sign-up {SubscriberId} expired")]
        public static partial void Expired(ILogger logger, string subscriberId);

        [LoggerMessage(3004, LogLevel.Information, "Subscriber {SubscriberId} erased")]
        public static partial void Erased(ILogger logger, string subscriberId);

        [LoggerMessage(3005, LogLevel.Information, "Subscriber {SubscriberId}: the {Channel} contact's data was erased; the other contact's stays")]
        public static partial void ContactErased(ILogger logger, string subscriberId, string channel);
    }
}
