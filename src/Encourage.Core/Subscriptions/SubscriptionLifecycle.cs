using Azure;
using Azure.Data.Tables;
using Encourage.Arc;
using Encourage.Delivery;
using Encourage.Insights;
using Encourage.Scheduling;
using Encourage.Storage;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Encourage.Subscriptions;

/// <summary>What a lifecycle change did, for the caller's reply.</summary>
public enum LifecycleOutcome { Done, NoChange, NotFound }

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
    Programme programme,
    Counters counters,
    EncourageStorage storage,
    TimeProvider time,
    ILogger<SubscriptionLifecycle> logger)
{
    public static readonly TimeSpan PendingExpiry = TimeSpan.FromDays(7);

    /// <summary>
    /// Records a sign-up and asks for confirmation. Whatever is already there, the caller answers the same way, so
    /// nobody can learn from the answer whether someone is subscribed.
    /// </summary>
    public async Task SubscribeAsync(ValidSubscription sub, bool sendConfirmation, CancellationToken cancellationToken)
    {
        var id = sub.Phone is { } phone ? keys.ForPhone(phone) : keys.ForEmail(sub.Email!);
        if ((sub.Phone is { } p && await suppressions.IsSuppressedAsync(p, cancellationToken)) ||
            (sub.Email is { } e && await suppressions.IsSuppressedAsync(e, cancellationToken)))
        {
            // An erased contact signing up again is a fresh, deliberate opt-in: lift the suppression.
            if (sub.Phone is { } sp) await suppressions.LiftAsync(sp, cancellationToken);
            if (sub.Email is { } se) await suppressions.LiftAsync(se, cancellationToken);
        }

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
            profile.SmsConfirmed = profile.EmailConfirmed = false;
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
            if (sub.Channels == Channels.Both) await store.SetAliasAsync(sub.Email!, id, cancellationToken);

            if (!sendConfirmation) return;
            if (sub.Channels.HasFlag(Channels.Sms)) await queue.EnqueueAsync(new SendJob(SendJobKind.Confirm, id, Channel: "sms"), null, cancellationToken);
            if (sub.Channels.HasFlag(Channels.Email)) await queue.EnqueueAsync(new SendJob(SendJobKind.Confirm, id, Channel: "email"), null, cancellationToken);
            return;
        }
    }

    /// <summary>Confirms a channel (YES by text, or the email link). The first confirmation starts the programme.</summary>
    public async Task<LifecycleOutcome> ConfirmAsync(string id, Channels channel, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var profile = await store.GetAsync(id, cancellationToken);
            if (profile is null || !profile.Channels.HasFlag(channel)) return LifecycleOutcome.NotFound;
            var already = channel == Channels.Sms ? profile.SmsConfirmed : profile.EmailConfirmed;
            if (already && profile.StatusValue != SubscriberStatus.Pending) return LifecycleOutcome.NoChange;
            if (profile.StatusValue is SubscriberStatus.Unsubscribed or SubscriberStatus.Graduated) return LifecycleOutcome.NotFound;

            var now = time.GetUtcNow();
            if (channel == Channels.Sms) profile.SmsConfirmed = true; else profile.EmailConfirmed = true;
            var oldDue = profile.NextDueUtc;
            if (profile.StatusValue == SubscriberStatus.Pending)
            {
                if (oldDue is { } expiry && expiry <= now) return LifecycleOutcome.NotFound;
                var zone = SendSchedule.Zone(profile.TimeZone);
                SendSchedule.TryParseTime(profile.SendTime, out var sendTime);
                LocalDate? start = SendSchedule.TryParseDate(profile.StartDate, out var s) ? s : null;
                profile.StatusValue = SubscriberStatus.Active;
                profile.ConfirmedUtc = now;
                profile.NextEntry = 1;
                profile.NextDueUtc = SendSchedule.ToDateTimeOffset(SendSchedule.FirstDue(SendSchedule.ToInstant(now), start, sendTime, zone));
                await dueIndex.AddAsync(id, profile.NextDueUtc.Value, cancellationToken);
            }
            if (!await store.TryUpdateAsync(profile, cancellationToken)) continue;
            await dueIndex.MoveAsync(id, oldDue, profile.NextDueUtc, cancellationToken);
            await queue.EnqueueAsync(new SendJob(SendJobKind.Welcome, id, Channel: channel == Channels.Sms ? "sms" : "email"), null, cancellationToken);
            await counters.AddAsync("confirmations", 1, cancellationToken);
            Log.Confirmed(logger, id, channel.ToString());
            return LifecycleOutcome.Done;
        }
        throw new InvalidOperationException("The subscription kept changing while it was being confirmed.");
    }

    /// <summary>Stops one channel (STOP, the unsubscribe link, a carrier opt-out, a bounce). No channel left: unsubscribed.</summary>
    public Task<LifecycleOutcome> StopChannelAsync(string id, Channels channel, string reason, CancellationToken cancellationToken) =>
        ChangeAsync(id, p =>
        {
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
    public Task<LifecycleOutcome> RestartSmsAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(id, p =>
        {
            if (!p.SmsStopped && p.StatusValue is SubscriberStatus.Active or SubscriberStatus.Paused) return false;
            if (p.StatusValue == SubscriberStatus.Graduated) return false;
            p.SmsStopped = false;
            p.SmsConfirmed = true;
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
            SendSchedule.TryParseTime(p.SendTime, out var sendTime);
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

    /// <summary>A new send time (already moved into the quiet-hours window): the next send moves to it.</summary>
    public Task<LifecycleOutcome> ChangeSendTimeAsync(string id, LocalTime sendTime, CancellationToken cancellationToken) =>
        ChangeAsync(id, p =>
        {
            var formatted = SendSchedule.Format(sendTime);
            if (p.SendTime == formatted) return false;
            p.SendTime = formatted;
            if (p.StatusValue == SubscriberStatus.Active) p.NextDueUtc = NextSendTime(p);
            return true;
        }, null, cancellationToken);

    /// <summary>He reached out: the next days' messages come from the "if he reaches out" phase.</summary>
    public int EntryAfterContact(int nextEntry)
    {
        var first = programme.FirstEntryOf(PhaseIds.IfHeReachesOut);
        return Math.Max(nextEntry, first);
    }

    /// <summary>Deletes an unconfirmed sign-up once its week is up.</summary>
    public async Task ExpireAsync(Subscriber profile, CancellationToken cancellationToken)
    {
        await DeletePartitionAsync(profile.Id, cancellationToken);
        await store.DeletedAsync(profile, cancellationToken);
        if (profile.NextDueUtc is { } due) await dueIndex.RemoveAsync(profile.Id, due, cancellationToken);
        Log.Expired(logger, profile.Id);
    }

    /// <summary>
    /// Erases everything about a person: the subscriber's partition (profile, deliveries, slips, handled messages),
    /// their index row and email alias, and the provider-message map. Keeps only keyed hashes in the suppression list,
    /// so an erased number is never texted by mistake.
    /// </summary>
    public async Task<LifecycleOutcome> EraseAsync(string id, CancellationToken cancellationToken)
    {
        var profile = await store.GetAsync(id, cancellationToken);
        if (profile is null) return LifecycleOutcome.NotFound;
        if (profile.Phone is { } phone) await suppressions.AddAsync(phone, cancellationToken);
        if (profile.Email is { } email)
        {
            await suppressions.AddAsync(email, cancellationToken);
            await DeletePartitionAsync(keys.ForEmail(email), cancellationToken);
        }
        var providerIds = (await deliveries.ForSubscriberAsync(id, cancellationToken))
            .Select(r => r.ProviderMessageId).OfType<string>().ToList();
        foreach (var pid in providerIds)
        {
            await storage.Messages.DeleteEntityAsync(DeliveryLog.ProviderKey(pid), "", ETag.All, cancellationToken);
        }
        if (profile.NextDueUtc is { } due) await dueIndex.RemoveAsync(id, due, cancellationToken);
        await DeletePartitionAsync(id, cancellationToken);
        await store.DeletedAsync(profile, cancellationToken);
        Log.Erased(logger, id);
        return LifecycleOutcome.Done;
    }

    private async Task DeletePartitionAsync(string partition, CancellationToken cancellationToken)
    {
        var keysToDelete = new List<string>();
        await foreach (var e in storage.Subscribers.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"),
            select: ["RowKey"], cancellationToken: cancellationToken))
        {
            keysToDelete.Add(e.RowKey);
        }
        // Azure allows at most 100 operations in one transaction, all in one partition.
        foreach (var chunk in keysToDelete.Chunk(100))
        {
            await storage.Subscribers.SubmitTransactionAsync(
                chunk.Select(rk => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, rk), ETag.All)),
                cancellationToken);
        }
    }

    private DateTimeOffset NextSendTime(Subscriber p)
    {
        var zone = SendSchedule.Zone(p.TimeZone);
        SendSchedule.TryParseTime(p.SendTime, out var sendTime);
        var next = SendSchedule.NextOccurrence(SendSchedule.ToInstant(time.GetUtcNow()), sendTime, zone);
        // Never twice on one local date: if today's message already went, tomorrow.
        if (p.LastSentLocalDate == SendSchedule.Format(next.InZone(zone).Date))
        {
            next = SendSchedule.At(next.InZone(zone).Date.PlusDays(1), sendTime, zone);
        }
        return SendSchedule.ToDateTimeOffset(next);
    }

    /// <summary>Applies a change to the profile and moves its due-index row, in the crash-safe order.</summary>
    private async Task<LifecycleOutcome> ChangeAsync(string id, Func<Subscriber, bool> change, string? counter, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var profile = await store.GetAsync(id, cancellationToken);
            if (profile is null) return LifecycleOutcome.NotFound;
            var oldDue = profile.NextDueUtc;
            if (!change(profile)) return LifecycleOutcome.NoChange;
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
    }
}
