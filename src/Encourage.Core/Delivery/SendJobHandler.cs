using Encourage.Arc;
using Encourage.Hosting;
using Encourage.Insights;
using Encourage.Privacy;
using Encourage.Replies;
using Encourage.Scheduling;
using Encourage.Web;
using NodaTime;

namespace Encourage.Delivery;

/// <summary>
/// Sends one queued job. Queues deliver at least once, so every path here is idempotent: a delivery row claims each
/// message before the provider is called, and the subscriber's status is re-read just before the call, so a STOP
/// that lands while the job waits in the queue wins.
/// </summary>
public sealed partial class SendJobHandler(
    SubscriberStore subscribers,
    SubscriptionLifecycle lifecycle,
    DeliveryLog deliveries,
    DueIndex dueIndex,
    SendJobQueue queue,
    ISmsSender sms,
    IEmailSender email,
    MessageComposer composer,
    ReplyBook replies,
    Links links,
    Counters counters,
    IOptions<EncourageOptions> options,
    TimeProvider time,
    ILogger<SendJobHandler> logger,
    LateWatch lateWatch)
{
    /// <summary>A job picked up this much before its due time still counts as due (timer ticks fire a little early).</summary>
    private static readonly TimeSpan DueTolerance = TimeSpan.FromMinutes(SendSchedule.SlotMinutes);

    public async Task HandleAsync(SendJob job, CancellationToken cancellationToken)
    {
        // Marks the claims this run makes: a claim whose answer was lost is then known as this run's own, not another
        // worker's (two copies of one job, each run, get different tokens).
        var run = Guid.NewGuid().ToString("N");
        switch (job.Kind)
        {
            case SendJobKind.Daily:
                await SendDailyAsync(job, run, cancellationToken);
                break;
            default:
                await SendOneOffAsync(job, run, cancellationToken);
                break;
        }
    }

    private async Task SendDailyAsync(SendJob job, string run, CancellationToken cancellationToken)
    {
        await OptimisticRetry.RunAsync(async () =>
        {
            var profile = await subscribers.GetAsync(job.SubscriberId, cancellationToken);
            if (profile is null)
            {
                if (job.DueUtc is { } orphan) await dueIndex.RemoveAsync(job.SubscriberId, orphan, cancellationToken);
                return (true, 0);
            }
            return (await TrySendDailyAsync(job, profile, run, cancellationToken) != DailyResult.Retry, 0);
        }, "sent its daily message");
    }

    private enum DailyResult { Done, Retry }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private async Task<DailyResult> TrySendDailyAsync(SendJob job, Subscriber profile, string run, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var status = profile.Status;

        // A pause ends on its own: the index row at the resume time wakes the subscriber.
        if (profile.PauseEnded(now + DueTolerance) == Move.Done)
        {
            if (!await subscribers.TrySaveAsync(profile, cancellationToken)) return DailyResult.Retry;
            status = SubscriberStatus.Active;
        }

        // An unconfirmed sign-up's row marks when it expires: after 7 days it is deleted, as if it never was.
        if (status == SubscriberStatus.Pending && profile.NextDueUtc is { } expires && expires <= now)
        {
            await lifecycle.ExpireAsync(profile, cancellationToken);
            return DailyResult.Done;
        }

        if (status != SubscriberStatus.Active || profile.NextDueUtc is null)
        {
            // Not receiving (stopped, paused, graduated): this row is stale unless it is the profile's own.
            if (job.DueUtc is { } stale && stale != profile.NextDueUtc) await dueIndex.RemoveAsync(profile.Id, stale, cancellationToken);
            if (status is SubscriberStatus.Unsubscribed or SubscriberStatus.Graduated && profile.NextDueUtc is { } left)
            {
                await dueIndex.RemoveAsync(profile.Id, left, cancellationToken);
            }
            return DailyResult.Done;
        }

        var due = profile.NextDueUtc.Value;
        if (job.DueUtc is { } fromRow && fromRow != due)
        {
            // The row is a leftover of an earlier schedule; make sure the real one exists, then drop this one.
            await dueIndex.AddAsync(profile.Id, due, cancellationToken);
            await dueIndex.RemoveAsync(profile.Id, fromRow, cancellationToken);
        }
        if (due > now + DueTolerance)
        {
            // Picked up early (a clock behind the dispatcher's): come back when it is due rather than trust the
            // dispatcher to read this slot again, which it will not once its cursor has passed it.
            if (job.DueUtc == due) await queue.EnqueueAsync(job, Min(due - now, TimeSpan.FromDays(6)), cancellationToken);
            return DailyResult.Done;
        }

        var zone = SendSchedule.Zone(profile.TimeZone);
        // The stored time through today's quiet-hours settings: a time stored under other settings moves in here.
        var window = SendWindow.From(options.Value);
        var sendTime = window.Apply(profile.SendTime);
        var nowInstant = SendSchedule.ToInstant(now);
        var local = nowInstant.InZone(zone).LocalDateTime;
        // Which entry, and which wording, is the composer's: it never sends what is not yet true for this person.
        var position = profile.NextEntry;
        var entry = composer.NextEntry(profile);
        var channels = profile.LiveChannels;

        if (entry is null || channels == Channels.None)
        {
            return await EndAsync(profile, graduated: entry is null, cancellationToken);
        }

        // Never a second programme message on one local date, and never an SMS in quiet hours: after an outage the
        // day's message still goes if the window allows, otherwise it waits for the next send time.
        var sentToday = profile.LastSentLocalDate == SendSchedule.Format(local.Date);
        var quiet = channels.HasFlag(Channels.Sms) && !window.Allows(local.TimeOfDay);
        if (sentToday || quiet)
        {
            // Quiet hours: the allowed send time of this local date when it is still ahead (a stored 06:00 goes at the
            // window's start today), else of the next; never the stored time again, which would be quiet again.
            var next = sentToday
                ? SendSchedule.At(local.Date.PlusDays(1), sendTime, zone)
                : SendSchedule.NextOccurrence(nowInstant, sendTime, zone);
            var moved = await RescheduleAsync(profile, SendSchedule.ToDateTimeOffset(next), cancellationToken);
            if (moved == DailyResult.Done) await lateWatch.CheckAsync(profile, cancellationToken); // not sent: is it stuck?
            return moved;
        }

        string? recovery = profile.RecoveryLinePending
            ? replies.RecoveryLine(entry.Number, profile.FirstName, profile.Pronoun)
            : null;
        var message = composer.Daily(profile, entry, recovery);

        foreach (var channel in ChannelNames.Each(channels))
        {
            var outcome = await DeliverAsync(job, run, profile, DeliveryLog.Key($"g{profile.Generation}-entry", entry.Number, ChannelNames.Of(channel)), "daily", entry.Number, channel,
                p => p.Status == SubscriberStatus.Active && p.NextEntry == position && p.LiveChannels.HasFlag(channel),
                p => channel == Channels.Sms
                    ? sms.SendAsync(composer.Sms(p, message.Sms), cancellationToken)
                    : SendEmailAsync(composer.ProgrammeEmailAsync(p, entry, message), cancellationToken),
                _ => message.Sms,
                cancellationToken);
            if (outcome == DeliverOutcome.ProfileChanged) return DailyResult.Retry;
            if (outcome == DeliverOutcome.Deferred) return DailyResult.Done;
        }

        return await AdvanceAsync(profile, entry, local.Date, sendTime, zone, cancellationToken);
    }

    private async Task<DailyResult> AdvanceAsync(Subscriber profile, ProgrammeEntry sent, LocalDate sentOn, LocalTime sendTime,
        DateTimeZone zone, CancellationToken cancellationToken)
    {
        var next = composer.RecordSent(profile, sent);
        var graduating = sent.IsGraduation || next is null;
        var newDue = graduating ? profile.NextDueUtc!.Value : SendSchedule.ToDateTimeOffset(SendSchedule.NextDue(sentOn, next!.DaysAfterPrevious, sendTime, zone));
        profile.Advance(sentOn, newDue);
        if (graduating) profile.Graduate("graduated", time.GetUtcNow());
        if (!await subscribers.TrySaveAsync(profile, cancellationToken)) return DailyResult.Retry;
        if (graduating)
        {
            await counters.AddAsync(CounterNames.Graduations, 1, cancellationToken);
            Log.Graduated(logger, profile.Id);
        }
        else
        {
            Log.Advanced(logger, profile.Id, sent.Number, newDue);
        }
        return DailyResult.Done;
    }

    private async Task<DailyResult> RescheduleAsync(Subscriber profile, DateTimeOffset newDue, CancellationToken cancellationToken)
    {
        if (profile.Reschedule(newDue) != Move.Done) return DailyResult.Done;
        if (!await subscribers.TrySaveAsync(profile, cancellationToken)) return DailyResult.Retry;
        Log.Rescheduled(logger, profile.Id, newDue);
        return DailyResult.Done;
    }

    private async Task<DailyResult> EndAsync(Subscriber profile, bool graduated, CancellationToken cancellationToken)
    {
        var moved = graduated ? profile.Graduate("graduated", time.GetUtcNow()) : profile.EndWithoutChannel(time.GetUtcNow());
        if (moved != Move.Done) return DailyResult.Done;
        return await subscribers.TrySaveAsync(profile, cancellationToken) ? DailyResult.Done : DailyResult.Retry;
    }

    private async Task SendOneOffAsync(SendJob job, string run, CancellationToken cancellationToken)
    {
        var channel = job.Channel == Channels.Email ? Channels.Email : Channels.Sms;
        var name = ChannelNames.Of(channel);
        await OptimisticRetry.RunAsync(async () =>
        {
            var profile = await subscribers.GetAsync(job.SubscriberId, cancellationToken);
            if (profile is null) return (true, 0);
            if (job.Kind == SendJobKind.Confirm && !await ConfirmationMayGoAsync(job, profile, channel, cancellationToken)) return (true, 0);
            var key = job.Kind switch
            {
                SendJobKind.Checkback => $"checkback-{DeliveryLog.ProviderKey(job.Ref ?? "")}-{name}",
                SendJobKind.DataLink => $"datalink-{DeliveryLog.ProviderKey(job.Ref ?? "")}-{name}",
                _ => $"g{profile.Generation}-{job.Kind.ToString().ToLowerInvariant()}-{name}",
            };
            Func<Subscriber, bool> allowed = job.Kind switch
            {
                SendJobKind.Confirm => p => p.Status == SubscriberStatus.Pending && p.Channel.HasFlag(channel),
                // Only the urge still waiting: anything heard since, STOP, PAUSE or a crisis text clears it.
                SendJobKind.Checkback => p => p.Status == SubscriberStatus.Active && p.LiveChannels.HasFlag(channel) && p.PendingUrgeSid == job.Ref,
                // Asked for on the manage page: to that confirmed contact, paused or not.
                SendJobKind.DataLink => p => p.IsReceiving && p.LiveChannels.HasFlag(channel),
                _ => p => p.Status == SubscriberStatus.Active && p.LiveChannels.HasFlag(channel),
            };
            var outcome = await DeliverAsync(job, run, profile, key, job.Kind.ToString().ToLowerInvariant(), 0, channel, allowed,
                p => channel == Channels.Sms ? sms.SendAsync(composer.Sms(p, OneOffSms(job.Kind, p, job.Ref)), cancellationToken)
                                             : SendEmailAsync(OneOffEmail(job.Kind, p, job.Ref), cancellationToken),
                p => OneOffSms(job.Kind, p, job.Ref),
                cancellationToken);
            return (outcome != DeliverOutcome.ProfileChanged, 0);
        }, "sent a message");
    }

    /// <summary>
    /// The rule for asking someone who has not said yes (<see cref="ContactRules.Confirmation"/>): not when they are not
    /// pending, were erased lately or were asked too often; a text waits for quiet hours to end.
    /// </summary>
    private async Task<bool> ConfirmationMayGoAsync(SendJob job, Subscriber profile, Channels channel, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var (start, end) = (SendSchedule.ToLocalTime(o.QuietHoursStart), SendSchedule.ToLocalTime(o.QuietHoursEnd));
        var now = time.GetUtcNow();
        var facts = new ConfirmationFacts(profile, channel, await lifecycle.SuppressedSinceAsync(profile, channel, cancellationToken), now);
        switch (ContactRules.Confirmation(facts, start, end))
        {
            case ConfirmationVerdict.Wait:
                await queue.EnqueueAsync(job, ContactRules.WaitUntil(profile, now, start) - now, cancellationToken);
                return false;
            case ConfirmationVerdict.Skip:
                return false;
            default:
                return true;
        }
    }

    private string OneOffSms(SendJobKind kind, Subscriber p, string? reference = null) => kind switch
    {
        SendJobKind.Confirm => replies.Text(ReplyKeys.ConfirmSms, p.FirstName, p.Pronoun),
        SendJobKind.DataLink => replies.Text(ReplyKeys.DataLinkSms, "", Pronoun.Them,
            new Dictionary<string, string> { [ReplyKeys.LinkValue] = links.Export(p, Channels.Sms, DataLinkIssued(reference)) }),
        SendJobKind.Welcome => composer.WelcomeSms(p),
        _ => replies.Text(ReplyKeys.UrgeCheckback, p.FirstName, p.Pronoun),
    };

    private async Task<ProviderReceipt> SendEmailAsync(Task<EmailMessage> composing, CancellationToken cancellationToken) =>
        await email.SendAsync(await composing, cancellationToken);

    /// <summary>A data link's issue time, from its job (so a retried send carries the same link).</summary>
    private static DateTimeOffset DataLinkIssued(string? reference) =>
        long.TryParse(reference, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : DateTimeOffset.UnixEpoch;

    private Task<EmailMessage> OneOffEmail(SendJobKind kind, Subscriber p, string? reference = null) => kind switch
    {
        SendJobKind.DataLink => composer.EmailFromReplyAsync(p, ReplyKeys.DataLinkEmailSubject, ReplyKeys.DataLinkEmail,
            new Dictionary<string, string> { [ReplyKeys.LinkValue] = links.Export(p, Channels.Email, DataLinkIssued(reference)) }, "datalink"),
        SendJobKind.Confirm => composer.EmailFromReplyAsync(p, ReplyKeys.ConfirmEmailSubject, ReplyKeys.ConfirmEmail,
            new Dictionary<string, string> { ["link"] = links.Confirm(p, Channels.Email) }, "confirm"),
        // An URGE by email is checked back on by email.
        SendJobKind.Checkback => composer.ReplyEmailAsync(p, null, [replies.Text(ReplyKeys.UrgeCheckback, p.FirstName, p.Pronoun)]),
        _ => composer.WelcomeEmailAsync(p),
    };

    private enum DeliverOutcome { Sent, Skipped, ProfileChanged, Deferred }

    private async Task<DeliverOutcome> DeliverAsync(SendJob job, string run, Subscriber profile, string key, string kind, int entry, Channels channel,
        Func<Subscriber, bool> allowed, Func<Subscriber, Task<ProviderReceipt>> send, Func<Subscriber, string>? smsBody, CancellationToken cancellationToken)
    {
        if (!allowed(profile)) return DeliverOutcome.Skipped;
        // An erased contact (hashed suppression list) gets nothing but a confirmation request until it confirms again.
        if (kind != "confirm" && await lifecycle.IsSuppressedAsync(profile, channel, cancellationToken)) return DeliverOutcome.Skipped;
        var claimed = await deliveries.ClaimAsync(profile, key, kind, entry, channel, run, cancellationToken);
        var row = claimed.Row;
        switch (claimed.Outcome)
        {
            case ClaimOutcome.AlreadySent or ClaimOutcome.Finished:
                return DeliverOutcome.Sent;
            case ClaimOutcome.ProfileChanged:
                return DeliverOutcome.ProfileChanged;
            case ClaimOutcome.HeldByAnother:
                // Another worker holds the claim. Look again once its lease has run out: if it finished, this is a
                // no-op; if it died without a word, the message goes then.
                await queue.EnqueueAsync(job, DeliveryLog.Lease + TimeSpan.FromMinutes(1), cancellationToken);
                Log.Deferred(logger, profile.Id, key);
                return DeliverOutcome.Deferred;
        }

        // Last look before the provider: a STOP stored after the claim still wins.
        var fresh = await subscribers.GetAsync(profile.Id, cancellationToken);
        if (fresh is null || !allowed(fresh))
        {
            await deliveries.MarkAsync(row!, DeliveryStates.Dropped, "status changed before sending", cancellationToken);
            Log.Dropped(logger, profile.Id, key);
            return DeliverOutcome.Skipped;
        }

        ProviderReceipt receipt;
        try
        {
            // An earlier attempt may have reached the provider: for SMS, ask Twilio before sending again.
            var found = claimed.MayHaveBeenSent && channel == Channels.Sms
                ? await sms.FindSentAsync(composer.Sms(fresh, smsBody?.Invoke(fresh) ?? ""), row!.ClaimedUtc - DeliveryLog.Lease - TimeSpan.FromDays(1), cancellationToken)
                : null;
            receipt = found ?? await send(fresh);
            if (found is not null) Log.FoundAtProvider(logger, profile.Id, key);
        }
        catch (PermanentDeliveryException e)
        {
            await deliveries.MarkAsync(row!, DeliveryStates.Failed, e.Message, cancellationToken);
            Log.Refused(logger, profile.Id, key, e.Code);
            return DeliverOutcome.Skipped;
        }
        catch (Exception e) when (e is HttpRequestException { StatusCode: System.Net.HttpStatusCode.TooManyRequests or System.Net.HttpStatusCode.ServiceUnavailable }
                                     or Twilio.Exceptions.ApiException { Status: 429 or 503 })
        {
            // The provider certainly did not take it: free the claim so the queue's retry sends at once.
            await deliveries.ReleaseAsync(row!, e.Message, cancellationToken);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Unknown outcome (timeout, 5xx): the retry asks the provider (SMS) before sending again.
            await deliveries.MarkAsync(row!, DeliveryStates.Unknown, e.GetType().Name + ": " + e.Message, cancellationToken);
            throw;
        }
        await deliveries.MarkSentAsync(row!, receipt, cancellationToken);
        await counters.AddAsync(CounterNames.Sent(channel), 1, cancellationToken);
        Log.Sent(logger, profile.Id, key, channel == Channels.Sms ? Redact.Phone(fresh.Phone) : Redact.Email(fresh.Email));
        return DeliverOutcome.Sent;
    }

    private static partial class Log
    {
        [LoggerMessage(1001, LogLevel.Information, "Sent {DeliveryKey} to subscriber {SubscriberId} at {Recipient}")]
        public static partial void Sent(ILogger logger, string subscriberId, string deliveryKey, string recipient);

        [LoggerMessage(1002, LogLevel.Information, "Dropped {DeliveryKey} for subscriber {SubscriberId}: status changed before sending")]
        public static partial void Dropped(ILogger logger, string subscriberId, string deliveryKey);

        [LoggerMessage(1003, LogLevel.Warning, "Provider refused {DeliveryKey} for subscriber {SubscriberId} with code {Code}")]
        public static partial void Refused(ILogger logger, string subscriberId, string deliveryKey, string? code);

        [LoggerMessage(1004, LogLevel.Information, "Subscriber {SubscriberId} sent entry {Entry}; next due {NextDueUtc:o}")]
        public static partial void Advanced(ILogger logger, string subscriberId, int entry, DateTimeOffset nextDueUtc);

        [LoggerMessage(1005, LogLevel.Information, "Subscriber {SubscriberId} rescheduled to {NextDueUtc:o}")]
        public static partial void Rescheduled(ILogger logger, string subscriberId, DateTimeOffset nextDueUtc);

        [LoggerMessage(1007, LogLevel.Information, "Found {DeliveryKey} for subscriber {SubscriberId} already at the provider; recorded, not resent")]
        public static partial void FoundAtProvider(ILogger logger, string subscriberId, string deliveryKey);

        [LoggerMessage(1008, LogLevel.Information, "{DeliveryKey} for subscriber {SubscriberId} is claimed by another worker; looking again after its lease")]
        public static partial void Deferred(ILogger logger, string subscriberId, string deliveryKey);

        [LoggerMessage(1006, LogLevel.Information, "Subscriber {SubscriberId} graduated")]
        public static partial void Graduated(ILogger logger, string subscriberId);
    }
}
