using System.Globalization;
using System.Text.Json;
using Encourage.Delivery;
using Encourage.Hosting;
using Encourage.Insights;
using Encourage.Web;
using Microsoft.AspNetCore.Http;
using SendGridValidator = SendGrid.Helpers.EventWebhook.RequestValidator;

namespace Encourage.Feedback;

/// <summary>
/// What the providers say happened to a message: Twilio's status callback and SendGrid's Event Webhook. Both are
/// verified before anything is read; a carrier opt-out, three failures in a row, a bounce, a spam report or an
/// unsubscribe stop that channel for good.
/// </summary>
public sealed partial class DeliveryFeedback(
    DeliveryLog deliveries,
    SubscriberStore subscribers,
    SubscriptionLifecycle lifecycle,
    Counters counters,
    WindowCounters seen,
    IOptions<SendGridOptions> sendGrid,
    TimeProvider time,
    ILogger<DeliveryFeedback> logger)
{
    /// <summary>Carrier says the recipient opted out (replied STOP to the carrier).</summary>
    public const string TwilioOptedOut = "21610";
    public const int FailuresBeforeStop = 3;

    /// <summary>An event batch older than this is refused as a replay.</summary>
    public static readonly TimeSpan SendGridTimestampTolerance = TimeSpan.FromMinutes(10);

    private static readonly HashSet<string> EmailStoppers = new(StringComparer.OrdinalIgnoreCase) { "bounce", "spamreport", "unsubscribe", "group_unsubscribe" };
    private static readonly HashSet<string> EmailRecorded = new(StringComparer.OrdinalIgnoreCase) { "delivered", "bounce", "dropped", "spamreport", "unsubscribe", "group_unsubscribe", "deferred" };

    public async Task<IResult> TwilioStatusAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var callback = TwilioRequest.Of(request); // signature-checked by EndpointGuard
        var sid = callback.MessageSid;
        var status = callback.MessageStatus;
        var errorCode = callback.ErrorCode;
        // Twilio's SIDs are letters and digits, its statuses lower-case words: anything else is not a status callback.
        if (sid.Length is 0 or > 64 || DeliveryLog.ProviderKey(sid) != sid || status.Length is 0 or > 20 || !status.All(c => c is (>= 'a' and <= 'z') or '_'))
        {
            return Results.BadRequest();
        }

        var message = await deliveries.FindByProviderIdAsync(sid, cancellationToken);
        if (message is null) return Results.NoContent(); // not ours, or erased: nothing to record
        var row = await deliveries.GetAsync(message.SubscriberId, message.DeliveryRowKey[DeliveryRow.Prefix.Length..], cancellationToken);
        if (row is null) return Results.NoContent();

        var wasFailure = row.ProviderStatus is "failed" or "undelivered";
        row.ProviderStatus = status;
        if (errorCode is { Length: > 0 }) row.LastError = "Twilio error " + errorCode;
        await subscribers.SaveDeliveryAsync(row, cancellationToken);

        if (status is "failed" or "undelivered" && !wasFailure)
        {
            await counters.AddAsync(CounterNames.Failed(Channels.Sms), 1, cancellationToken);
            if (errorCode == TwilioOptedOut)
            {
                await lifecycle.StopChannelAsync(message.SubscriberId, Channels.Sms, "carrier-opt-out", cancellationToken);
                Log.SmsStopped(logger, message.SubscriberId, "carrier opt-out (21610)");
            }
            else if (await CountFailureAsync(message.SubscriberId, cancellationToken) >= FailuresBeforeStop)
            {
                await lifecycle.StopChannelAsync(message.SubscriberId, Channels.Sms, "failures", cancellationToken);
                Log.SmsStopped(logger, message.SubscriberId, $"{FailuresBeforeStop} failures in a row");
            }
        }
        else if (status == "delivered")
        {
            await ResetFailuresAsync(message.SubscriberId, cancellationToken);
        }
        return Results.NoContent();
    }

    public async Task<IResult> SendGridEventsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var raw = await RequestReading.ReadBytesAsync(request, cancellationToken);
        if (!VerifySendGrid(request, raw)) return Results.StatusCode(StatusCodes.Status403Forbidden);

        List<JsonElement> events;
        try
        {
            using var doc = JsonDocument.Parse(raw);
            if (doc.RootElement.ValueKind != JsonValueKind.Array) return Results.BadRequest();
            events = doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }

        foreach (var e in events)
        {
            if (e.ValueKind != JsonValueKind.Object) continue;
            var kind = Str(e, "event");
            var subscriberId = Str(e, "subscriber");
            if (kind is null || !EmailRecorded.Contains(kind) || !SubscriberStore.IsValidId(subscriberId)) continue;
            var entry = int.TryParse(Str(e, "entry"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
            // A batch replayed inside the signature's window is signed and fresh: each event is acted on once, by its
            // sg_event_id (an event without one is not SendGrid's, and is skipped).
            if (Str(e, "sg_event_id") is not { Length: > 0 and <= 200 } eventId) continue;
            var now = time.GetUtcNow();
            if (!await seen.TryMarkOnceAsync("sg-event|" + EventKey(eventId), now.ToString("yyyyMMdd", CultureInfo.InvariantCulture), now.AddDays(1), cancellationToken)) continue;
            await counters.AddAsync(CounterNames.EmailEvent(kind), 1, cancellationToken);
            if (EmailStoppers.Contains(kind))
            {
                // The stop acts on the event's own address, and only when it is the address that profile's emails go
                // to: a custom argument alone cannot stop someone else's emails.
                var profile = await subscribers.GetAsync(subscriberId!, cancellationToken);
                if (profile?.Email is not { Length: > 0 } sentTo || !string.Equals(sentTo, Str(e, "email")?.Trim(), StringComparison.OrdinalIgnoreCase))
                {
                    Log.EventAddressMismatch(logger, kind);
                    continue;
                }
                await lifecycle.StopChannelAsync(subscriberId!, Channels.Email, "email-" + kind.ToLowerInvariant(), cancellationToken);
                Log.EmailStopped(logger, subscriberId!, kind, entry);
            }
            if (kind is "bounce" or "dropped") await counters.AddAsync(CounterNames.Failed(Channels.Email), 1, cancellationToken);
        }
        return Results.Ok();
    }

    /// <summary>ECDSA over timestamp + raw body with SendGrid's key, through the SDK's validator; stale batches refused.</summary>
    private bool VerifySendGrid(HttpRequest request, byte[] raw)
    {
        var key = sendGrid.Value.EventWebhookPublicKey;
        var signature = request.Headers[SendGridValidator.SIGNATURE_HEADER].ToString();
        var timestamp = request.Headers[SendGridValidator.TIMESTAMP_HEADER].ToString();
        if (string.IsNullOrEmpty(key) || signature.Length is 0 or > 512 || timestamp.Length is 0 or > 20) return false;
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return false;
        var sent = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
        if ((time.GetUtcNow() - sent).Duration() > SendGridTimestampTolerance) return false;
        try
        {
            var validator = new SendGridValidator();
            var publicKey = validator.ConvertPublicKeyToECDSA(key);
            return validator.VerifySignature(publicKey, System.Text.Encoding.UTF8.GetString(raw), signature, timestamp);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or IndexOutOfRangeException or OverflowException)
        {
            return false;
        }
    }

    private async Task<int> CountFailureAsync(string id, CancellationToken cancellationToken)
    {
        var changed = await subscribers.ChangeAsync(id, p =>
        {
            p.SmsFailuresInARow++;
            return Move.Done;
        }, cancellationToken);
        return changed is { Done: true, Profile: { } p } ? p.SmsFailuresInARow : 0;
    }

    private Task ResetFailuresAsync(string id, CancellationToken cancellationToken) =>
        subscribers.ChangeAsync(id, p =>
        {
            if (p.SmsFailuresInARow == 0) return Move.Nothing;
            p.SmsFailuresInARow = 0;
            return Move.Done;
        }, cancellationToken);

    /// <summary>An sg_event_id as a table key: its SHA-256 in hex (event ids may hold characters keys cannot).</summary>
    private static string EventKey(string eventId) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(eventId)).AsSpan(0, 16));

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;

    private static partial class Log
    {
        [LoggerMessage(6001, LogLevel.Warning, "Stopped SMS to subscriber {SubscriberId}: {Reason}")]
        public static partial void SmsStopped(ILogger logger, string subscriberId, string reason);

        [LoggerMessage(6003, LogLevel.Warning, "Ignored a SendGrid {Event} event: its address is not the one that subscriber's emails go to")]
        public static partial void EventAddressMismatch(ILogger logger, string @event);

        [LoggerMessage(6002, LogLevel.Warning, "Stopped email to subscriber {SubscriberId} after a {Event} event (entry {Entry})")]
        public static partial void EmailStopped(ILogger logger, string subscriberId, string @event, int entry);
    }
}
