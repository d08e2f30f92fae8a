using System.Diagnostics.Metrics;
using Encourage.Arc;
using Encourage.Delivery;
using Encourage.Hosting;
using Encourage.Insights;
using Encourage.Privacy;
using Encourage.Safety;
using Encourage.Scheduling;
using Encourage.Web;

namespace Encourage.Replies;

/// <summary>One reply as it came in, by text or by email, already matched to whom it is from.</summary>
/// <param name="MessageId">The provider's id for it (a MessageSid, or a hash of the email's Message-ID): handled once.</param>
/// <param name="SubscriberId">The profile it is for (for a text, the keyed hash of the number, which may not exist yet).</param>
public sealed record InboundMessage(Channels Channel, string MessageId, string SubscriberId, string? Phone, string? Email, string Body);

/// <summary>What came of a reply: the texts to answer with, and whether it had been handled before (a retry).</summary>
public sealed record InboundOutcome(IReadOnlyList<string> Replies, bool Repeated);

/// <summary>
/// A reply, whichever way it came: reads, decides (<see cref="InboundDecision"/>, a pure function) and applies: a
/// subscription change through <see cref="SubscriptionLifecycle"/>, then one transaction in the subscriber's partition
/// with the handled-message marker, the logged events and the profile (If-Match). The same message id twice is logged
/// once and answered the same; a profile changed under us is read again. The SMS and email webhooks both call this.
/// </summary>
public sealed partial class InboundReplies(
    SubscriberStore store,
    SubscriptionLifecycle lifecycle,
    SendJobQueue queue,
    Programme programme,
    ReplyBook replies,
    Links links,
    Counters counters,
    ICrisisHelp crisis,
    IOperatorAlerts alerts,
    IOptions<EncourageOptions> options,
    TimeProvider time,
    ILogger<InboundReplies> logger,
    Retention.ExpiryIndex expiry,
    ReplyBudget budget,
    LogIds logIds,
    SemanticSafety semantic)
{
    public static readonly Meter Meter = new("Encourage");
    private static readonly Counter<long> SafetyAlerts = Meter.CreateCounter<long>("encourage.safety_alerts", description: "Inbound replies that suggested self-harm or abuse.");
    private static readonly TimeSpan CheckbackDelay = TimeSpan.FromMinutes(15);

    /// <summary>Handles one reply and returns the answers to send back (none, one, or the safety text alone).</summary>
    public async Task<InboundOutcome> ReplyAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (id, sid, body) = (message.SubscriberId, message.MessageId, message.Body);
        var parsed = KeywordParser.Parse(body);
        var logId = logIds.For(id);
        if (!SemanticSafety.Settled(parsed, body))
        {
            // Rules first; what they leave open is read for its meaning (a few ms: only this text is encoded).
            var reading = await semantic.ReadAsync(body, cancellationToken);
            parsed = SemanticSafety.Apply(parsed, reading);
            if (reading is { Verdict: not SemanticVerdict.Clear } r) Log.SemanticConcern(logger, message.Channel.ToString(), logId, r.Verdict.ToString());
        }
        if (parsed.SafetyConcern || parsed.PossibleDanger)
        {
            SafetyAlerts.Add(1);
            Log.SafetyConcern(logger, message.Channel.ToString(), logId);
        }
        bool? answered = null; // the budget is taken once, whatever the optimistic retries below do

        return await OptimisticRetry.RunAsync(async () =>
        {
            // A retried message gets the answer it got before, before anything is decided again.
            if (await HandledAsync(id, sid, cancellationToken) is { } before) return (true, before);

            var profile = await store.GetAsync(id, cancellationToken);
            var now = time.GetUtcNow();
            var decision = InboundDecision.Decide(profile, parsed, now, Context(message, profile));
            if (decision.Replies.Count > 0)
            {
                answered ??= await budget.TryTakeAsync(id, profile is null, ReplyCaps.KindOf(decision, parsed), decision.Replies.Count, cancellationToken);
                if (answered == false)
                {
                    // Over its budget: still applied (STOP still stops), logged and counted, but not answered; the
                    // marker records no answer, so a retry is not answered either.
                    decision = decision with { Replies = [], Counters = [.. decision.Counters, CounterNames.ReplyBudgetSpent] };
                    Log.OverBudget(logger, message.Channel.ToString(), logId);
                }
            }
            var reply = await ApplyAsync(id, sid, profile, decision, parsed, body, now, cancellationToken);
            if (reply is null) return (false, reply!); // the profile changed under us: read again
            if (reply.Repeated) return (true, reply);

            if (decision.Alert is { } kind)
            {
                // A stranger's alert row is theirs to keep only a while: the expiry index deletes it (if still a stranger's).
                if (profile is null) await expiry.AddAsync(Retention.ExpiryKinds.StrangerAlert, id, AlertRow.Key, now.AddDays(options.Value.KeepStrangerAlertDays), cancellationToken);
                await alerts.AlertAsync(id, kind, cancellationToken);
            }
            if (decision.CheckbackRef is { } urge)
            {
                // The check-back goes the way the urge came.
                await queue.EnqueueAsync(new SendJob(SendJobKind.Checkback, id, Channel: message.Channel, Ref: urge), CheckbackDelay, cancellationToken);
            }
            foreach (var c in decision.Counters) await counters.AddAsync(c, 1, cancellationToken);
            Log.Handled(logger, logId, message.Channel.ToString(), parsed.Intent.ToString(), parsed.Slip?.ToString());
            return (true, reply);
        }, "answered");
    }

    /// <summary>The answer a message got when it was first handled, or null when it is new.</summary>
    private async Task<InboundOutcome?> HandledAsync(string id, string messageId, CancellationToken cancellationToken)
    {
        var handled = await store.GetMarkerAsync(id, messageId, cancellationToken);
        return handled is null ? null : new InboundOutcome(handled.Replies, Repeated: true);
    }

    private InboundContext Context(InboundMessage message, Subscriber? profile)
    {
        var o = options.Value;
        var phone = message.Phone ?? profile?.Phone;
        var zone = profile?.TimeZone ?? SubscribeValidator.GuessTimeZone(phone ?? "");
        // The crisis region: the number's country, else (for someone who only gets emails) their time zone's.
        return new InboundContext(message.MessageId, phone ?? "", replies, programme, crisis, crisis.RegionOf(phone, zone),
            SendSchedule.ToLocalTime(o.QuietHoursStart), SendSchedule.ToLocalTime(o.QuietHoursEnd),
            profile is null ? "" : links.Manage(profile, message.Channel), // HELP opens the manage page
            message.Channel,
            PhoneAllowed: phone is null || SubscribeValidator.PhoneRefusal(phone, o.AllowedCountries) is null);
    }

    /// <summary>Applies a decision; null when the profile changed under us and the reply must be decided again.</summary>
    private async Task<InboundOutcome?> ApplyAsync(string id, string sid, Subscriber? profile, Decision decision, ParsedReply parsed, string body, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var texts = decision.Texts;
        if (decision.Lifecycle is { } step)
        {
            // The change first (each is idempotent), then the marker, so a crash between the two is repaired by
            // Twilio's retry doing the same thing again.
            await ApplyStepAsync(id, step, cancellationToken);
            profile = await store.GetAsync(id, cancellationToken);
        }
        if (profile is null) return new InboundOutcome(texts, Repeated: false); // a stranger: nothing of theirs is kept

        var day = Math.Max(0, profile.NextEntry - 1);
        var phase = programme.PhaseOf(Math.Max(1, day)).Id;
        var events = decision.Events.Select((e, i) =>
            Event(id, e.Prefix + sid + (i == 0 || decision.Events[i - 1].Prefix != e.Prefix ? "" : "|" + (i + 1)), sid, e, now, day, phase, body)).ToList();
        var profileChanged = !decision.Profile.IsEmpty;
        if (profileChanged) decision.Profile.ApplyTo(profile); // saved in the same transaction, the one way every profile is saved
        var write = new ReplyWrite(InboundMarker.For(id, sid, texts, parsed.Intent), events, decision.Urge);
        return await store.SaveReplyAsync(profile, write, profileChanged, cancellationToken) switch
        {
            ReplySaved.Saved => new InboundOutcome(texts, Repeated: false),
            ReplySaved.AlreadyHandled => await HandledAsync(id, sid, cancellationToken), // handled meanwhile (or, if not, decide again)
            _ => null,
        };
    }

    private async Task ApplyStepAsync(string id, LifecycleStep step, CancellationToken cancellationToken)
    {
        switch (step)
        {
            case LifecycleStep.Subscribe s:
                await lifecycle.SubscribeAsync(s.Subscription, sendConfirmation: false, cancellationToken);
                break;
            case LifecycleStep.Confirm:
                await lifecycle.ConfirmAsync(id, Channels.Sms, cancellationToken);
                break;
            case LifecycleStep.Stop stop:
                await lifecycle.StopChannelAsync(id, stop.Channel, stop.Reason, cancellationToken);
                Log.Stopped(logger, id, stop.Channel == Channels.Email ? "emails" : "texts");
                break;
            case LifecycleStep.RestartSms:
                await lifecycle.RestartSmsAsync(id, cancellationToken);
                break;
            case LifecycleStep.Pause pause:
                await lifecycle.PauseAsync(id, pause.Days, cancellationToken);
                break;
            case LifecycleStep.Resume:
                await lifecycle.ResumeAsync(id, cancellationToken);
                break;
            case LifecycleStep.Graduate graduate:
                await lifecycle.GraduateAsync(id, graduate.Reason, cancellationToken);
                break;
            case LifecycleStep.ChangeZone zone:
                await lifecycle.ChangeTimeZoneAsync(id, zone.ZoneId, cancellationToken);
                break;
            case LifecycleStep.ChangeSendTime sendTime:
                await lifecycle.ChangeSendTimeAsync(id, sendTime.Time, cancellationToken);
                break;
        }
    }

    private static ReplyEventRow Event(string id, string rowKey, string sid, LoggedEvent e, DateTimeOffset now, int day, string phase, string body) =>
        new()
        {
            PartitionKey = id,
            RowKey = rowKey,
            Kind = e.Kind,
            Utc = now,
            Day = day,
            Phase = phase,
            Text = ReplyEventRow.Kept(body),
            MessageSid = sid,
            Outcome = e.Outcome,
        };

    private static partial class Log
    {
        // Lines that say what someone wrote carry the day's log id (LogIds), never the subscriber id or the contact.
        [LoggerMessage(4004, LogLevel.Information, "Handled {Channel} {Intent} {SlipKind} (log id {LogId})")]
        public static partial void Handled(ILogger logger, string logId, string channel, string intent, string? slipKind);

        [LoggerMessage(4002, LogLevel.Critical, "SAFETY ALERT: a {Channel} reply (log id {LogId}) suggested self-harm or abuse; help numbers were sent")]
        public static partial void SafetyConcern(ILogger logger, string channel, string logId);

        [LoggerMessage(4006, LogLevel.Warning, "A {Channel} reply (log id {LogId}) was read by the semantic safety layer as {Verdict}")]
        public static partial void SemanticConcern(ILogger logger, string channel, string logId, string verdict);

        [LoggerMessage(4005, LogLevel.Warning, "A {Channel} reply (log id {LogId}) was over its reply budget: handled, not answered")]
        public static partial void OverBudget(ILogger logger, string channel, string logId);

        [LoggerMessage(4003, LogLevel.Information, "Subscriber {SubscriberId} asked to stop; {Stopped} stopped")]
        public static partial void Stopped(ILogger logger, string subscriberId, string stopped);
    }
}
