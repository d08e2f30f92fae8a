using Azure;
using Azure.Data.Tables;
using Encourage.Arc;
using Encourage.Delivery;
using Encourage.Hosting;
using Encourage.Insights;
using Encourage.Scheduling;
using Encourage.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
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

    public static readonly TimeSpan PendingExpiry = TimeSpan.FromDays(7);

    /// <summary>
    /// Records a sign-up and asks for confirmation. Whatever is already there, the caller answers the same way, so
    /// nobody can learn from the answer whether someone is subscribed.
    /// </summary>
    public async Task SubscribeAsync(ValidSubscription sub, bool sendConfirmation, CancellationToken cancellationToken)
    {
        // Each contact is its own consent. When one contact of a "both" sign-up is already taken (enrolled, paused or
        // pending, by whoever), the sign-up goes on with the other contact alone: what that contact receives is then
        // the same whether or not the first is enrolled, so a stranger learns nothing from their own inbox.
        if (sub.Channels == Channels.Both)
        {
            var phoneTaken = IsTaken(await store.GetByPhoneAsync(sub.Phone!, cancellationToken));
            var emailTaken = IsTaken(await store.GetByEmailAsync(sub.Email!, cancellationToken));
            if (phoneTaken && emailTaken) return;
            if (phoneTaken) sub = sub with { Phone = null, Channels = Channels.Email };
            else if (emailTaken) sub = sub with { Email = null, Channels = Channels.Sms };
        }
        // A suppressed (erased) contact is not lifted here: whoever fills in the form may not own it. Only that
        // contact's own confirmation lifts it (ConfirmAsync, START).
        var id = sub.Phone is { } phone ? keys.ForPhone(phone) : keys.ForEmail(sub.Email!);

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var existing = await store.GetAsync(id, cancellationToken);
            if (existing is { StatusValue: SubscriberStatus.Active or SubscriberStatus.Paused }) return;
            if (existing is { StatusValue: SubscriberStatus.Pending }) return; // confirmation already on its way

            var now = time.GetUtcNow();
            var profile = existing ?? new Subscriber { Id = id, Generation = 0 };
            profile.Generation++;
            profile.StatusValue = SubscriberStatus.Pending;
            profile.FirstName = sub.FirstName;
            profile.Phone = sub.Phone;
            profile.Email = sub.Email;
            profile.Channel = sub.Channels switch { Channels.Both => "both", Channels.Email => "email", _ => "sms" };
            profile.TimeZone = sub.TimeZone;
            profile.SendTime = SendSchedule.Format(sub.SendTime);
            profile.StartDate = sub.StartDate is { } d ? SendSchedule.Format(d) : null;
            profile.Pronoun = sub.Pronoun.ToString().ToLowerInvariant();
            profile.CreatedUtc = now;
            profile.ConfirmedUtc = null;
            profile.EndedUtc = null;
            profile.EndReason = null;
            profile.NextEntry = 1;
            profile.SentEntries = 0;
            profile.SmsConfirmed = profile.EmailConfirmed = false;
            profile.SmsConfirmedUtc = profile.EmailConfirmedUtc = null;
            profile.SmsStopped = profile.EmailStopped = false;
            profile.SmsFailuresInARow = 0;
            profile.RecoveryLinePending = false;
            profile.LastSentLocalDate = null;
            profile.PausedUntilUtc = null;
            var oldDue = profile.NextDueUtc;
            profile.NextDueUtc = now + PendingExpiry;

            await dueIndex.AddAsync(id, profile.NextDueUtc.Value, cancellationToken);
            try
            {
                if (existing is null) await store.AddAsync(profile, cancellationToken);
                else if (!await store.TryUpdateAsync(profile, cancellationToken)) continue;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                continue; // a simultaneous sign-up for the same contact: read again
            }
            await dueIndex.MoveAsync(id, oldDue, profile.NextDueUtc, cancellationToken);
            await counters.AddAsync("signups", 1, cancellationToken);
            Log.SignedUp(logger, id, profile.Channel);

            if (!sendConfirmation) return;
            if (sub.Channels.HasFlag(Channels.Sms)) await queue.EnqueueAsync(new SendJob(SendJobKind.Confirm, id, Channel: "sms"), null, cancellationToken);
            if (sub.Channels.HasFlag(Channels.Email)) await queue.EnqueueAsync(new SendJob(SendJobKind.Confirm, id, Channel: "email"), null, cancellationToken);
            return;
        }
    }

    private static bool IsTaken(Subscriber? profile) =>
        profile is { StatusValue: SubscriberStatus.Active or SubscriberStatus.Paused or SubscriberStatus.Pending };

    /// <summary>
    /// Confirms a channel (YES by text, or the email link). The first confirmation starts the programme. With a link's
    /// <paramref name="claim"/>, only while the link still speaks for the profile (same generation and contact).
    /// A confirmation is that contact's own opt-in: it lifts the contact's suppression, and an email's alias is
    /// written only now.
    /// </summary>
    public async Task<LifecycleOutcome> ConfirmAsync(string id, Channels channel, CancellationToken cancellationToken, LinkClaim? claim = null)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var profile = await store.GetAsync(id, cancellationToken);
            if (profile is null || !profile.Channels.HasFlag(channel)) return claim is null ? LifecycleOutcome.NotFound : LifecycleOutcome.OlderLink;
            if (claim is not null)
            {
                var standing = tokens.Standing(claim, profile);
                if (standing != LinkStanding.Current) return standing == LinkStanding.Expired ? LifecycleOutcome.Expired : LifecycleOutcome.OlderLink;
            }
            var already = channel == Channels.Sms ? profile.SmsConfirmed : profile.EmailConfirmed;
            if (already && profile.StatusValue != SubscriberStatus.Pending) return LifecycleOutcome.NoChange;
            if (profile.StatusValue is SubscriberStatus.Unsubscribed or SubscriberStatus.Graduated) return LifecycleOutcome.NotFound;

            var now = time.GetUtcNow();
            if (channel == Channels.Sms) profile.SmsConfirmed = true; else profile.EmailConfirmed = true;
            if (channel == Channels.Sms) profile.SmsConfirmedUtc = now; else profile.EmailConfirmedUtc = now;
            var oldDue = profile.NextDueUtc;
            if (profile.StatusValue == SubscriberStatus.Pending)
            {
                if (oldDue is { } expiry && expiry <= now) return LifecycleOutcome.NotFound;
                var zone = SendSchedule.Zone(profile.TimeZone);
                var sendTime = SendTimeOf(profile);
                LocalDate? start = SendSchedule.TryParseDate(profile.StartDate, out var s) ? s : null;
                profile.StatusValue = SubscriberStatus.Active;
                profile.ConfirmedUtc = now;
                profile.NextEntry = 1;
                profile.SentEntries = 0;
                profile.NextDueUtc = SendSchedule.ToDateTimeOffset(SendSchedule.FirstDue(SendSchedule.ToInstant(now), start, sendTime, zone));
                await dueIndex.AddAsync(id, profile.NextDueUtc.Value, cancellationToken);
            }
            if (!await store.TryUpdateAsync(profile, cancellationToken)) continue;
            await dueIndex.MoveAsync(id, oldDue, profile.NextDueUtc, cancellationToken);
            var contact = channel == Channels.Sms ? profile.Phone : profile.Email;
            if (contact is not null) await suppressions.LiftAsync(contact, cancellationToken);
            if (channel == Channels.Email && profile.Email is { } confirmedEmail && keys.ForEmail(confirmedEmail) != id)
            {
                await store.SetAliasAsync(confirmedEmail, id, cancellationToken);
            }
            await queue.EnqueueAsync(new SendJob(SendJobKind.Welcome, id, Channel: channel == Channels.Sms ? "sms" : "email"), null, cancellationToken);
            await counters.AddAsync("confirmations", 1, cancellationToken);
            Log.Confirmed(logger, id, channel.ToString());
            return LifecycleOutcome.Done;
        }
        throw new InvalidOperationException("The subscription kept changing while it was being confirmed.");
    }

    /// <summary>
    /// Stops one channel (STOP, the unsubscribe link, a carrier opt-out, a bounce). No channel left: unsubscribed. With a
    /// link's <paramref name="claim"/>, only while the link still speaks for the profile.
    /// </summary>
    public Task<LifecycleOutcome> StopChannelAsync(string id, Channels channel, string reason, CancellationToken cancellationToken, LinkClaim? claim = null) =>
        ChangeAsync(id, p =>
        {
            if (claim is not null && tokens.Standing(claim, p) != LinkStanding.Current) return null;
            var stoppedBefore = channel == Channels.Sms ? p.SmsStopped : p.EmailStopped;
            if (channel.HasFlag(Channels.Sms)) p.SmsStopped = true;
            if (channel.HasFlag(Channels.Email)) p.EmailStopped = true;
            var remaining = p.Channels & ~((p.SmsStopped ? Channels.Sms : Channels.None) | (p.EmailStopped ? Channels.Email : Channels.None));
            if (remaining == Channels.None || p.StatusValue == SubscriberStatus.Pending)
            {
                if (p.StatusValue == SubscriberStatus.Unsubscribed && stoppedBefore) return false;
                p.StatusValue = SubscriberStatus.Unsubscribed;
                p.EndReason = reason;
                p.EndedUtc = time.GetUtcNow();
                p.NextDueUtc = null;
            }
            else if (stoppedBefore)
            {
                return false;
            }
            return true;
        }, "optouts", cancellationToken);

    /// <summary>START/UNSTOP after a STOP: texts come back, and the programme goes on where it was.</summary>
    public async Task<LifecycleOutcome> RestartSmsAsync(string id, CancellationToken cancellationToken)
    {
        var outcome = await RestartSmsCoreAsync(id, cancellationToken);
        // START comes from the phone itself: that number's own fresh opt-in.
        if (outcome == LifecycleOutcome.Done && await store.GetAsync(id, cancellationToken) is { Phone: { } phone }) await suppressions.LiftAsync(phone, cancellationToken);
        return outcome;
    }

    private Task<LifecycleOutcome> RestartSmsCoreAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(id, p =>
        {
            if (!p.SmsStopped && p.StatusValue is SubscriberStatus.Active or SubscriberStatus.Paused) return false;
            if (p.StatusValue == SubscriberStatus.Graduated) return false;
            p.SmsStopped = false;
            p.SmsConfirmed = true;
            p.SmsConfirmedUtc = time.GetUtcNow(); // START by text is consent again
            p.SmsFailuresInARow = 0;
            if (!p.Channels.HasFlag(Channels.Sms)) p.Channel = p.Channels.HasFlag(Channels.Email) ? "both" : "sms";
            if (p.StatusValue is SubscriberStatus.Unsubscribed or SubscriberStatus.Pending)
            {
                p.StatusValue = SubscriberStatus.Active;
                p.ConfirmedUtc ??= time.GetUtcNow();
                p.EndReason = null;
                p.EndedUtc = null;
                p.NextDueUtc = NextSendTime(p);
            }
            return true;
        }, null, cancellationToken);

    public Task<LifecycleOutcome> PauseAsync(string id, int days, CancellationToken cancellationToken) =>
        ChangeAsync(id, p =>
        {
            if (p.StatusValue is not (SubscriberStatus.Active or SubscriberStatus.Paused)) return false;
            var zone = SendSchedule.Zone(p.TimeZone);
            var sendTime = SendTimeOf(p);
            var today = SendSchedule.LocalDateOf(time.GetUtcNow(), zone);
            var resume = SendSchedule.ToDateTimeOffset(SendSchedule.At(today.PlusDays(days), sendTime, zone));
            p.StatusValue = SubscriberStatus.Paused;
            p.PausedUntilUtc = resume;
            p.NextDueUtc = resume;
            return true;
        }, "pauses", cancellationToken);

    public Task<LifecycleOutcome> ResumeAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(id, p =>
        {
            if (p.StatusValue != SubscriberStatus.Paused) return false;
            p.StatusValue = SubscriberStatus.Active;
            p.PausedUntilUtc = null;
            p.NextDueUtc = NextSendTime(p);
            return true;
        }, null, cancellationToken);

    /// <summary>DONE / BACK TOGETHER / MOVED ON: the programme ends kindly, as a graduation, not an opt-out.</summary>
    public Task<LifecycleOutcome> GraduateAsync(string id, string reason, CancellationToken cancellationToken) =>
        ChangeAsync(id, p =>
        {
            if (p.StatusValue is not (SubscriberStatus.Active or SubscriberStatus.Paused)) return false;
            p.StatusValue = SubscriberStatus.Graduated;
            p.EndReason = reason;
            p.EndedUtc = time.GetUtcNow();
            p.NextDueUtc = null;
            return true;
        }, "graduations", cancellationToken);

    /// <summary>A new zone: the next send moves to the send time in that zone.</summary>
    public Task<LifecycleOutcome> ChangeTimeZoneAsync(string id, string zoneId, CancellationToken cancellationToken) =>
        ChangeAsync(id, p =>
        {
            if (p.TimeZone == zoneId) return false;
            p.TimeZone = zoneId;
            if (p.StatusValue == SubscriberStatus.Active) p.NextDueUtc = NextSendTime(p);
            return true;
        }, null, cancellationToken);

    /// <summary>
    /// They heard from their ex: the "if you hear from them" messages come next, as a short detour. The position
    /// moves to the first of them; once they have gone, <see cref="Arc.ProgrammeSelection"/> resumes the arc where it
    /// was (the lowest entry not yet sent), and an entry already sent is never sent again.
    /// </summary>
    public int EntryAfterContact(int nextEntry) => ProgrammeSelection.AfterContact(programme, nextEntry);

    /// <summary>TIME by text: a new send time (already in the quiet-hours window); the next send moves with the due-index row.</summary>
    public Task<LifecycleOutcome> ChangeSendTimeAsync(string id, LocalTime sendTime, CancellationToken cancellationToken) =>
        ChangeAsync(id, p =>
        {
            var text = SendSchedule.Format(sendTime);
            if (p.SendTime == text) return false;
            p.SendTime = text;
            if (p.StatusValue == SubscriberStatus.Active) p.NextDueUtc = NextSendTime(p);
            return true;
        }, null, cancellationToken);

    /// <summary>Deletes an unconfirmed sign-up once its week is up.</summary>
    public async Task ExpireAsync(Subscriber profile, CancellationToken cancellationToken)
    {
        await DeletePartitionAsync(profile.Id, cancellationToken);
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

    /// <summary>Applies a change to the profile and moves its due-index row, in the crash-safe order.</summary>
    /// <remarks><paramref name="change"/> returns false for "nothing to do" and null for "this link is not the profile's".</remarks>
    private async Task<LifecycleOutcome> ChangeAsync(string id, Func<Subscriber, bool?> change, string? counter, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var profile = await store.GetAsync(id, cancellationToken);
            if (profile is null) return LifecycleOutcome.NotFound;
            var oldDue = profile.NextDueUtc;
            var changed = change(profile);
            if (changed is null) return LifecycleOutcome.OlderLink;
            if (changed == false) return LifecycleOutcome.NoChange;
            if (profile.NextDueUtc is { } newDue && newDue != oldDue) await dueIndex.AddAsync(id, newDue, cancellationToken);
            if (!await store.TryUpdateAsync(profile, cancellationToken)) continue;
            await dueIndex.MoveAsync(id, oldDue, profile.NextDueUtc, cancellationToken);
            if (counter is not null) await counters.AddAsync(counter, 1, cancellationToken);
            return LifecycleOutcome.Done;
        }
        throw new InvalidOperationException("The subscription kept changing while it was being updated.");
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
