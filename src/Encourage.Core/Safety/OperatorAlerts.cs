using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Encourage.Delivery;
using Encourage.Hosting;

namespace Encourage.Safety;

/// <summary>What the operator is told: who (the subscriber id, a keyed hash), when, what kind, and where to look. Never the text or the contact.</summary>
public sealed record OperatorAlert(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("subscriberId")] string SubscriberId,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("utc")] DateTimeOffset Utc,
    [property: JsonPropertyName("dashboardUrl")] string DashboardUrl);

/// <summary>
/// Tells a person when a text matched the safety words: an email to <c>Encourage__OperatorAlertEmail</c> (SendGrid,
/// or the local outbox in development) and/or a JSON POST to <c>Encourage__OperatorAlertWebhook</c>. At most one
/// alert per subscriber per hour, claimed in Table Storage with ETags so it holds across instances; a claim whose
/// alert could not be delivered anywhere is given back, so the next match tries again. Bounded in time and never
/// throws for a delivery failure: the person's own reply must not wait on, or fail with, the operator's alert.
/// </summary>
public sealed partial class OperatorAlerts(
    SubscriberStore store,
    IEmailSender email,
    IHttpClientFactory http,
    IOptions<EncourageOptions> options,
    TimeProvider time,
    Privacy.LogIds logIds,
    ILogger<OperatorAlerts> logger) : IOperatorAlerts
{
    public const string HttpClientName = "operator-alerts";
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>In development with no alert setting, the alert still lands in the local outbox, to this address.</summary>
    public const string DevelopmentRecipient = "operator@localhost.invalid";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task AlertAsync(string subscriberId, SafetyKind kind, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // Log lines about a safety match carry the day's log id, never the subscriber id (the alert itself names them).
        var logId = logIds.For(subscriberId);
        Log.Match(logger, logId, kind);
        var claim = await ClaimAsync(subscriberId, kind, now, cancellationToken);
        if (claim is Claim.Throttled)
        {
            Log.Throttled(logger, logId);
            return;
        }

        var alert = new OperatorAlert("safety-alert", subscriberId, KindName(kind), now,
            options.Value.PublicBaseUrl.TrimEnd('/') + "/api/admin/dashboard");
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(Timeout);
        var delivered = await DeliverAsync(alert, logId, bounded.Token);
        if (!delivered && claim is Claim.Held held)
        {
            await ReleaseAsync(held.Row, cancellationToken);
        }
    }

    public static string KindName(SafetyKind kind) => kind switch
    {
        SafetyKind.SelfHarm => "self-harm",
        SafetyKind.Possible => "possible danger",
        _ => "abuse",
    };

    private abstract record Claim
    {
        public sealed record Held(AlertRow Row) : Claim;
        public sealed record Throttled : Claim;

        /// <summary>Storage could not be asked: alert anyway (a second alert is better than none).</summary>
        public sealed record Unknown : Claim;
    }

    private async Task<Claim> ClaimAsync(string subscriberId, SafetyKind kind, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            var existing = await store.GetAlertAsync(subscriberId, cancellationToken);
            if (existing is not null && now - existing.LastAlertUtc < Interval) return new Claim.Throttled();
            // Added when there is none, else replaced If-Match on the row as read.
            var row = new AlertRow { PartitionKey = subscriberId, LastAlertUtc = now, Kind = KindName(kind), ETag = existing?.ETag ?? default };
            await store.WriteAlertAsync(row, cancellationToken);
            return new Claim.Held(row);
        }
        catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed)
        {
            return new Claim.Throttled(); // another instance claimed this hour's alert a moment ago
        }
        catch (Exception e) when (e is RequestFailedException or TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Log.ClaimFailed(logger, logIds.For(subscriberId), e);
            return new Claim.Unknown();
        }
    }

    private async Task ReleaseAsync(AlertRow row, CancellationToken cancellationToken)
    {
        try
        {
            await store.DeleteAlertAsync(row.PartitionKey, row.ETag, cancellationToken);
        }
        catch (RequestFailedException e)
        {
            Log.ReleaseFailed(logger, logIds.For(row.PartitionKey), e);
        }
    }

    /// <summary>Sends to every configured channel; true when at least one took it.</summary>
    private async Task<bool> DeliverAsync(OperatorAlert alert, string logId, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var to = o.OperatorAlertEmail?.Trim();
        var hook = o.OperatorAlertWebhook?.Trim();
        if (string.IsNullOrEmpty(to) && string.IsNullOrEmpty(hook))
        {
            if (!(o.IsDevelopment && email is Outbox))
            {
                Log.NoChannel(logger, alert.SubscriberId);
                return false;
            }
            to = DevelopmentRecipient;
        }

        var delivered = false;
        if (!string.IsNullOrEmpty(to))
        {
            try
            {
                await email.SendAsync(Email(to, alert), cancellationToken);
                delivered = true;
                Log.Sent(logger, logId, "email");
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Log.SendFailed(logger, logId, "email", e);
            }
        }
        if (!string.IsNullOrEmpty(hook))
        {
            try
            {
                using var response = await http.CreateClient(HttpClientName).PostAsJsonAsync(hook, alert, Json, cancellationToken);
                response.EnsureSuccessStatusCode();
                delivered = true;
                Log.Sent(logger, logId, "webhook");
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Log.SendFailed(logger, logId, "webhook", e);
            }
        }
        return delivered;
    }

    /// <summary>The operator's email: the alert's four facts and what to do, nothing the person wrote.</summary>
    public static EmailMessage Email(string to, OperatorAlert alert)
    {
        var when = alert.Utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var possible = alert.Kind == KindName(SafetyKind.Possible);
        var text =
            (possible
                ? $"A subscriber's text may suggest danger (the semantic safety layer's grey zone) at {when}.\n\n"
                : $"A subscriber's text matched the {alert.Kind} safety words at {when}.\n\n") +
            $"Subscriber: {alert.SubscriberId}\nKind: {alert.Kind}\nDashboard: {alert.DashboardUrl}\n\n" +
            (possible
                ? "They were sent a gentle check-in with the crisis line for their country at once. "
                : "They were sent the crisis help for their country at once. ") +
            "This alert never includes what they wrote or their number. At most one alert per subscriber per hour.";
        var html = "<p>" + System.Net.WebUtility.HtmlEncode(text).Replace("\n\n", "</p><p>", StringComparison.Ordinal).Replace("\n", "<br>", StringComparison.Ordinal) + "</p>";
        return new EmailMessage(to, $"Encourage safety alert: {alert.Kind}", html, text,
            new Dictionary<string, string>(), new Dictionary<string, string>(), ["operator-alert"]);
    }

    private static partial class Log
    {
        [LoggerMessage(9001, LogLevel.Critical, "SAFETY ALERT: a reply (log id {LogId}) suggested {Kind}")]
        public static partial void Match(ILogger logger, string logId, SafetyKind kind);

        [LoggerMessage(9002, LogLevel.Information, "Safety alert (log id {LogId}) not sent again: one went within the hour")]
        public static partial void Throttled(ILogger logger, string logId);

        [LoggerMessage(9003, LogLevel.Information, "Safety alert (log id {LogId}) sent by {Channel}")]
        public static partial void Sent(ILogger logger, string logId, string channel);

        [LoggerMessage(9004, LogLevel.Error, "Safety alert (log id {LogId}) could not be sent by {Channel}")]
        public static partial void SendFailed(ILogger logger, string logId, string channel, Exception exception);

        [LoggerMessage(9005, LogLevel.Warning, "Safety alert for subscriber {SubscriberId}: no Encourage__OperatorAlertEmail or Encourage__OperatorAlertWebhook is set, so only this log tells anyone")]
        public static partial void NoChannel(ILogger logger, string subscriberId);

        [LoggerMessage(9006, LogLevel.Warning, "Safety alert (log id {LogId}): the hourly limit could not be checked; alerting anyway")]
        public static partial void ClaimFailed(ILogger logger, string logId, Exception exception);

        [LoggerMessage(9007, LogLevel.Warning, "Safety alert (log id {LogId}) was not delivered and its hourly claim could not be given back")]
        public static partial void ReleaseFailed(ILogger logger, string logId, Exception exception);
    }
}
