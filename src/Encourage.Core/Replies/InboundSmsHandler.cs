using System.Diagnostics.Metrics;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Encourage.Arc;
using Encourage.Delivery;
using Encourage.Insights;
using Encourage.Privacy;
using Encourage.Scheduling;
using Encourage.Storage;
using Encourage.Subscriptions;
using Encourage.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NodaTime;
using Twilio.TwiML;

namespace Encourage.Replies;

/// <summary>
/// Twilio's SMS webhook: checks the signature, reads the text, does what it asks and answers in TwiML. The common
/// replies (slips, urges, status) come from one profile read and one transaction in the subscriber's partition, so
/// Twilio's 15-second wait is never at risk; the same MessageSid twice is logged once and answered the same.
/// </summary>
public sealed partial class InboundSmsHandler(
    TwilioSignature signature,
    SubscriberStore store,
    SubscriptionLifecycle lifecycle,
    ContactKeys keys,
    SendJobQueue queue,
    Programme programme,
    ReplyBook replies,
    Links links,
    Counters counters,
    EncourageStorage storage,
    TimeProvider time,
    ILogger<InboundSmsHandler> logger)
{
    public static readonly Meter Meter = new("Encourage");
    private static readonly Counter<long> SafetyAlerts = Meter.CreateCounter<long>("encourage.safety_alerts", description: "Inbound texts that suggested self-harm or abuse.");
    private static readonly TimeSpan CheckbackDelay = TimeSpan.FromMinutes(15);
    private const int MaxStoredText = 1600;

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var form = await RequestReading.ReadFormAsync(request, cancellationToken);
        if (!signature.IsValid(request, form))
        {
            Log.BadSignature(logger);
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        var sid = form.GetValueOrDefault("MessageSid") ?? form.GetValueOrDefault("SmsSid") ?? "";
        var from = form.GetValueOrDefault("From") ?? "";
        if (DeliveryLog.ProviderKey(sid) != sid || sid.Length is < 10 or > 64 || !SubscribeValidator.TryNormalizePhone(from, out var phone))
        {
            return Results.BadRequest("MessageSid and From are required.");
        }
        var body = form.GetValueOrDefault("Body") ?? "";
        var reply = await ReplyAsync(sid, phone, body, cancellationToken);
        return TwiML(reply);
    }

    public static IResult TwiML(IReadOnlyList<string> messages)
    {
        var response = new MessagingResponse();
        foreach (var m in messages) response.Message(m);
        return Results.Text(response.ToString(), "application/xml", System.Text.Encoding.UTF8);
    }

    /// <summary>Handles one text and returns the replies to send back (none, one, or the safety text first).</summary>
    public async Task<IReadOnlyList<string>> ReplyAsync(string sid, string phone, string body, CancellationToken cancellationToken)
    {
        var parsed = KeywordParser.Parse(body);
        var id = keys.ForPhone(phone);
        var safety = new List<string>();
        if (parsed.SafetyConcern)
        {
            SafetyAlerts.Add(1);
            Log.SafetyConcern(logger, id, Redact.Phone(phone));
            safety.Add(replies.Text(ReplyKeys.Safety, "", Pronoun.Them));
        }

        for (var attempt = 0; attempt < 4; attempt++)
        {
            var profile = await store.GetAsync(id, cancellationToken);
            var outcome = profile is null || profile.StatusValue is SubscriberStatus.Graduated && parsed.Intent is Intent.Join or Intent.Start
                ? await FromStrangerAsync(id, sid, phone, parsed, profile, cancellationToken)
                : await FromSubscriberAsync(sid, profile, parsed, body, cancellationToken);
            if (outcome is null) continue; // the profile changed under us: read again
            if (parsed.SafetyConcern) await counters.AddAsync("safety", 1, cancellationToken);
            return [.. safety, .. outcome];
        }
        throw new InvalidOperationException("The subscriber's profile kept changing while a reply was being handled.");
    }

    private async Task<IReadOnlyList<string>?> FromStrangerAsync(string id, string sid, string phone, ParsedReply parsed, Subscriber? existing, CancellationToken cancellationToken)
    {
        if (parsed.Intent is Intent.Join or Intent.Start)
        {
            var zone = SubscribeValidator.GuessTimeZone(phone);
            await lifecycle.SubscribeAsync(new ValidSubscription("friend", phone, null, Channels.Sms, zone, new LocalTime(9, 0), null, Pronoun.Him),
                sendConfirmation: false, cancellationToken);
            return [replies.Text(ReplyKeys.Join, "", Pronoun.Him, new Dictionary<string, string> { ["zone"] = zone })];
        }
        return parsed.Intent == Intent.Stop ? [] : [replies.Text(ReplyKeys.HelpUnsubscribed, "", Pronoun.Him)];
    }

    private async Task<IReadOnlyList<string>?> FromSubscriberAsync(string sid, Subscriber p, ParsedReply parsed, string body, CancellationToken cancellationToken)
    {
        var name = p.FirstName;
        var pronoun = p.PronounValue;
        var now = time.GetUtcNow();
        var values = new Dictionary<string, string>();
        string Text(string key) => replies.Text(key, name, pronoun, values);

        // Keywords that change the subscription: the change first (each is idempotent), then the marker, so a
        // crash between the two is repaired by Twilio's retry doing the same thing again.
        switch (parsed.Intent)
        {
            case Intent.Stop:
                await lifecycle.StopChannelAsync(p.Id, Channels.Sms, "stop", cancellationToken);
                Log.Stopped(logger, p.Id);
                return await MarkAsync(p.Id, sid, parsed, [Text(ReplyKeys.Stop)], cancellationToken);
            case Intent.Start or Intent.Ok when p.StatusValue == SubscriberStatus.Pending:
            case Intent.Join when p.StatusValue == SubscriberStatus.Pending:
                await lifecycle.ConfirmAsync(p.Id, Channels.Sms, cancellationToken);
                return await MarkAsync(p.Id, sid, parsed, [], cancellationToken); // the welcome goes through the queue
            case Intent.Start or Intent.Join when p.SmsStopped || p.StatusValue == SubscriberStatus.Unsubscribed:
                await lifecycle.RestartSmsAsync(p.Id, cancellationToken);
                return await MarkAsync(p.Id, sid, parsed, [Text(ReplyKeys.StartAgain)], cancellationToken);
        }

        // A zone can be set before confirming too (a JOIN by text guesses it from the number).
        switch (parsed.Intent)
        {
            case Intent.TimeZone when parsed.TimeZoneId is { } named && !SendSchedule.TryGetZone(named, out _):
                return await MarkAsync(p.Id, sid, parsed, [Text(ReplyKeys.TimezoneUnknown)], cancellationToken);
            case Intent.TimeZone when parsed.TimeZoneId is { } zoneId && p.StatusValue is not SubscriberStatus.Unsubscribed:
                zoneId = SendSchedule.Zone(zoneId).Id;
                await lifecycle.ChangeTimeZoneAsync(p.Id, zoneId, cancellationToken);
                values["zone"] = zoneId;
                return await MarkAsync(p.Id, sid, parsed, [Text(ReplyKeys.TimezoneChanged)], cancellationToken);
        }

        if (p.StatusValue == SubscriberStatus.Pending)
        {
            return await MarkAsync(p.Id, sid, parsed, [replies.Text(ReplyKeys.ConfirmSms, name, pronoun)], cancellationToken);
        }
        if (p.StatusValue is SubscriberStatus.Unsubscribed || p.SmsStopped)
        {
            // They said STOP: nothing goes back but HELP's facts, and only when asked.
            return parsed.Intent == Intent.Help ? [Text(ReplyKeys.HelpUnsubscribed)] : [];
        }

        switch (parsed.Intent)
        {
            case Intent.Pause:
                var days = Math.Clamp(parsed.PauseDays ?? KeywordParser.DefaultPauseDays, 1, KeywordParser.MaxPauseDays);
                await lifecycle.PauseAsync(p.Id, days, cancellationToken);
                values["days"] = days.ToString(CultureInfo.InvariantCulture);
                values["until"] = SendSchedule.LocalDateOf(now, SendSchedule.Zone(p.TimeZone)).PlusDays(days).ToString("dddd d MMMM", CultureInfo.InvariantCulture);
                return await MarkAsync(p.Id, sid, parsed, [Text(ReplyKeys.Pause)], cancellationToken);
            case Intent.Resume:
                await lifecycle.ResumeAsync(p.Id, cancellationToken);
                return await MarkAsync(p.Id, sid, parsed, [Text(ReplyKeys.Resume)], cancellationToken);
            case Intent.Done:
                await lifecycle.GraduateAsync(p.Id, "done", cancellationToken);
                return await MarkAsync(p.Id, sid, parsed, [Text(ReplyKeys.Done)], cancellationToken);
            case Intent.Help:
                // HELP's link opens the manage page (pause, change the time, stop one channel or all), not "Stop?".
                values["link"] = links.Manage(p.Id, Channels.Sms);
                return await MarkAsync(p.Id, sid, parsed, [Text(ReplyKeys.Help)], cancellationToken);
            case Intent.Start or Intent.Join:
                return await MarkAsync(p.Id, sid, parsed, [Text(ReplyKeys.Resume)], cancellationToken);
        }

        // The common replies: one transaction with the marker, the logged event and the profile (If-Match).
        var phase = programme.PhaseOf(Math.Max(1, p.NextEntry - 1)).Id;
        var day = Math.Max(0, p.NextEntry - 1);
        var actions = new List<TableTransactionAction>();
        var zone = SendSchedule.Zone(p.TimeZone);
        IReadOnlyList<string> reply;
        var counterNames = new List<string>();
        string? checkback = null;

        switch (parsed.Intent)
        {
            case Intent.Slip:
                var kind = parsed.Slip ?? SlipKind.Slip;
                var streakBefore = StreakDays(p, now, zone);
                p.LongestStreakDays = Math.Max(p.LongestStreakDays, streakBefore);
                p.LastSlipUtc = now;
                p.RecoveryLinePending = true;
                p.RecentSlips = AppendSlip(p.RecentSlips, now, kind);
                actions.Add(Event(p.Id, ReplyEventRow.SlipPrefix, sid, kind.ToString().ToUpperInvariant(), now, day, phase, body, null));
                if (p.PendingUrgeSid is { } urgeSid)
                {
                    actions.Add(UrgeOutcome(p.Id, urgeSid, "acted"));
                    p.PendingUrgeSid = null;
                    counterNames.Add("urges|acted");
                }
                counterNames.Add($"slips|{kind}");
                counterNames.Add($"slipday|{kind}|{day}");
                reply = [replies.Slip(kind, phase, name, pronoun)];
                break;
            case Intent.Urge:
                actions.Add(Event(p.Id, ReplyEventRow.UrgePrefix, sid, "URGE", now, day, phase, body, "pending"));
                p.PendingUrgeSid = sid;
                counterNames.Add("urges");
                checkback = sid;
                reply = [Text(ReplyKeys.Urge)];
                break;
            case Intent.Ok when p.PendingUrgeSid is { } pending:
                actions.Add(UrgeOutcome(p.Id, pending, "resisted"));
                p.PendingUrgeSid = null;
                counterNames.Add("urges|resisted");
                reply = [Text(ReplyKeys.UrgeResisted)];
                break;
            case Intent.HeReachedOut:
                var contact = parsed.Contact ?? ContactKind.HeTexted;
                actions.Add(Event(p.Id, ReplyEventRow.ContactPrefix, sid, contact.ToString().ToUpperInvariant(), now, day, phase, body, null));
                p.NextEntry = lifecycle.EntryAfterContact(p.NextEntry);
                counterNames.Add("contacts");
                reply = [Text(contact == ContactKind.HeCalled ? ReplyKeys.HeCalled : ReplyKeys.HeTexted)];
                break;
            case Intent.Status:
                values["streak"] = StreakDays(p, now, zone).ToString(CultureInfo.InvariantCulture);
                values["longest"] = Math.Max(p.LongestStreakDays, StreakDays(p, now, zone)).ToString(CultureInfo.InvariantCulture);
                values["day"] = day.ToString(CultureInfo.InvariantCulture);
                values["week"] = WeekSummary(p.RecentSlips, now);
                reply = [Text(ReplyKeys.Status)];
                break;
            default:
                // Anything else: the keyword list, at most once a local day, so two auto-responders cannot loop.
                var today = SendSchedule.Format(SendSchedule.LocalDateOf(now, zone));
                if (p.LastFallbackReplyDate == today)
                {
                    reply = [];
                    break;
                }
                p.LastFallbackReplyDate = today;
                reply = [Text(ReplyKeys.Fallback)];
                break;
        }

        actions.Insert(0, new TableTransactionAction(TableTransactionActionType.Add, new InboundMarker
        {
            PartitionKey = p.Id,
            RowKey = InboundMarker.Prefix + sid,
            Reply = string.Join('\u001e', reply),
            Intent = parsed.Intent.ToString(),
        }));
        actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, p, p.ETag));
        try
        {
            var response = await storage.Subscribers.SubmitTransactionAsync(actions, cancellationToken);
            p.ETag = response.Value[^1].Headers.ETag ?? p.ETag;
        }
        catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex == 0 || e.Status == 409)
        {
            var existing = await storage.Subscribers.GetEntityIfExistsAsync<InboundMarker>(p.Id, InboundMarker.Prefix + sid, cancellationToken: cancellationToken);
            return existing.HasValue ? Split(existing.Value!.Reply) : null;
        }
        catch (TableTransactionFailedException e) when (e.Status == 412)
        {
            return null;
        }

        await store.WrittenAsync(p, cancellationToken);
        if (checkback is not null)
        {
            await queue.EnqueueAsync(new SendJob(SendJobKind.Checkback, p.Id, Channel: "sms", Ref: checkback), CheckbackDelay, cancellationToken);
        }
        foreach (var c in counterNames) await counters.AddAsync(c, 1, cancellationToken);
        Log.Handled(logger, p.Id, parsed.Intent.ToString(), parsed.Slip?.ToString());
        return reply;
    }

    private async Task<IReadOnlyList<string>> MarkAsync(string id, string sid, ParsedReply parsed, IReadOnlyList<string> reply, CancellationToken cancellationToken)
    {
        try
        {
            await storage.Subscribers.AddEntityAsync(new InboundMarker
            {
                PartitionKey = id,
                RowKey = InboundMarker.Prefix + sid,
                Reply = string.Join('\u001e', reply),
                Intent = parsed.Intent.ToString(),
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = await storage.Subscribers.GetEntityAsync<InboundMarker>(id, InboundMarker.Prefix + sid, cancellationToken: cancellationToken);
            return Split(existing.Value.Reply);
        }
        Log.Handled(logger, id, parsed.Intent.ToString(), null);
        return reply;
    }

    private static IReadOnlyList<string> Split(string stored) =>
        stored.Length == 0 ? [] : stored.Split('\u001e');

    private static TableTransactionAction Event(string id, string prefix, string sid, string kind, DateTimeOffset now, int day, string phase, string body, string? outcome) =>
        new(TableTransactionActionType.Add, new ReplyEventRow
        {
            PartitionKey = id,
            RowKey = prefix + sid,
            Kind = kind,
            Utc = now,
            Day = day,
            Phase = phase,
            Text = body.Length > MaxStoredText ? body[..MaxStoredText] : body,
            MessageSid = sid,
            Outcome = outcome,
        });

    private static TableTransactionAction UrgeOutcome(string id, string urgeSid, string outcome) =>
        new(TableTransactionActionType.UpdateMerge,
            new TableEntity(id, ReplyEventRow.UrgePrefix + urgeSid) { [nameof(ReplyEventRow.Outcome)] = outcome }, ETag.All);

    /// <summary>Whole local days since the last slip (or since the programme began).</summary>
    public static int StreakDays(Subscriber p, DateTimeOffset now, DateTimeZone zone)
    {
        var since = p.LastSlipUtc ?? p.ConfirmedUtc ?? p.CreatedUtc;
        var days = Period.Between(SendSchedule.LocalDateOf(since, zone), SendSchedule.LocalDateOf(now, zone), PeriodUnits.Days).Days;
        return Math.Max(0, days);
    }

    private static string AppendSlip(string? recent, DateTimeOffset now, SlipKind kind)
    {
        var lines = (recent ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => DateTimeOffset.TryParse(l.Split('|')[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) && now - t < TimeSpan.FromDays(30))
            .TakeLast(49)
            .Append(now.ToString("o", CultureInfo.InvariantCulture) + "|" + kind);
        return string.Join('\n', lines);
    }

    /// <summary>"TEXTED 2, CHECKED 1" for the last 7 days, or "none".</summary>
    public static string WeekSummary(string? recent, DateTimeOffset now)
    {
        var counts = (recent ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('|'))
            .Where(parts => parts.Length == 2 && DateTimeOffset.TryParse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) && now - t < TimeSpan.FromDays(7))
            .GroupBy(parts => parts[1].ToUpperInvariant())
            .Select(g => $"{g.Key} {g.Count()}")
            .ToList();
        return counts.Count == 0 ? "none" : string.Join(", ", counts);
    }

    private static partial class Log
    {
        [LoggerMessage(4001, LogLevel.Warning, "Refused an inbound webhook with a missing or wrong Twilio signature")]
        public static partial void BadSignature(ILogger logger);

        [LoggerMessage(4002, LogLevel.Critical, "SAFETY ALERT: subscriber {SubscriberId} ({Recipient}) sent words suggesting self-harm or abuse; help numbers were sent")]
        public static partial void SafetyConcern(ILogger logger, string subscriberId, string recipient);

        [LoggerMessage(4003, LogLevel.Information, "Subscriber {SubscriberId} texted STOP; texts stopped")]
        public static partial void Stopped(ILogger logger, string subscriberId);

        [LoggerMessage(4004, LogLevel.Information, "Handled {Intent} {SlipKind} from subscriber {SubscriberId}")]
        public static partial void Handled(ILogger logger, string subscriberId, string intent, string? slipKind);
    }
}
