using System.Text.Json;
using Encourage.Delivery;
using Encourage.Hosting;
using Encourage.Replies;
using Encourage.Scheduling;
using Encourage.Web;
using Microsoft.Extensions.Options;

namespace Encourage.Local;

/// <summary>Local-only routes under /dev: the outbox, the clock, dispatch on demand, and the dev phone's relay.</summary>
internal static partial class DevEndpoints
{
    /// <summary>The number the dev phone texts, and the one local messages come from.</summary>
    public const string ServiceNumber = "+12125550199";

    public static void MapDevEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dev/outbox", async (string? to, Outbox outbox, CancellationToken ct) =>
            Results.Json((await outbox.ListAsync(to, ct)).Select(e => new
            {
                id = e.RowKey,
                channel = e.Channel,
                to = e.To,
                subject = e.Subject,
                text = e.Text,
                html = e.Html,
                headers = JsonSerializer.Deserialize<Dictionary<string, string>>(e.HeadersJson),
                createdUtc = e.CreatedUtc,
            })));

        // One email's HTML as its own document, for the dev phone's sandboxed frame: the email's inline styles are
        // allowed here, and only here, so the phone itself keeps a CSP without 'unsafe-inline'.
        app.MapGet("/dev/outbox/{id}/html", async (string id, HttpContext context, Outbox outbox, CancellationToken ct) =>
        {
            if (!OutboxId().IsMatch(id)) return Results.NotFound();
            var entry = await outbox.GetAsync(id, ct);
            if (entry?.Html is not { Length: > 0 } html) return Results.NotFound();
            context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox; frame-ancestors 'self'"; // only the dev phone frames it
            context.Response.Headers.CacheControl = "no-store";
            return Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8);
        });

        app.MapGet("/dev/clock", (LocalClock clock) => Results.Json(new { utc = clock.GetUtcNow(), offset = clock.Offset.ToString() }));

        // Runs the retention sweep now (the RetentionSweep timer's job), after moving the clock.
        app.MapPost("/dev/retention/sweep", async (Encourage.Retention.RetentionSweep sweep, CancellationToken ct) =>
            Results.Json(await sweep.RunAsync(ct)));

        // "Next day": move the clock forward (by ?hours=, or ?to=HH:mm&zone= to the next such local time), then
        // dispatch, as the timer would have at that time.
        app.MapPost("/dev/clock/advance", async (double? hours, string? to, string? zone, LocalClock clock, Dispatcher dispatcher,
            SendQueueDrainer drainer, Encourage.Storage.EncourageStorage storage, CancellationToken ct) =>
        {
            var by = TimeSpan.FromHours(hours is > 0 and <= 24 * 31 ? hours.Value : 24);
            if (to is not null)
            {
                if (!TimeOnly.TryParseExact(to, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at)
                    || !SendSchedule.TryGetZone(zone ?? "America/New_York", out var tz))
                {
                    return Results.BadRequest("to must be HH:mm and zone an IANA time zone, such as ?to=10:00&zone=America/New_York");
                }
                var now = clock.GetUtcNow();
                var next = SendSchedule.ToDateTimeOffset(SendSchedule.NextOccurrence(SendSchedule.ToInstant(now), NodaTime.LocalTime.FromTicksSinceMidnight(at.Ticks), tz));
                by = next - now;
            }
            // Let jobs already running finish first: a send that computed its next due time before the clock moved
            // must write it before the dispatcher reads past it.
            await drainer.WaitIdleAsync(TimeSpan.FromSeconds(10), ct);
            await clock.AdvanceAsync(by, storage, ct);
            var result = await dispatcher.TickAsync(ct);
            await DrainAllAsync(drainer, storage, ct);
            return Results.Json(new { utc = clock.GetUtcNow(), dispatched = result.Enqueued });
        });

        app.MapPost("/dev/dispatch", async (Dispatcher dispatcher, SendQueueDrainer drainer, CancellationToken ct) =>
        {
            await drainer.WaitIdleAsync(TimeSpan.FromSeconds(10), ct);
            var result = await dispatcher.TickAsync(ct);
            await drainer.DrainAsync(ct);
            await drainer.WaitIdleAsync(TimeSpan.FromSeconds(10), ct);
            return Results.Json(new { dispatched = result.Enqueued, result.FromSlot, result.ToSlot });
        });

        // The dev phone's reply box: signs the text exactly as Twilio would and posts it to the real webhook, so the
        // real validation and keyword code run; the TwiML answer is kept in the outbox for the thread.
        app.MapPost("/dev/phone/send", async (HttpContext context, IOptions<TwilioOptions> twilio, IOptions<EncourageOptions> encourage,
            Outbox outbox, IHttpClientFactory factory, CancellationToken ct) =>
        {
            var form = await context.Request.ReadFormAsync(ct);
            var from = form["from"].ToString();
            var body = form["body"].ToString();
            if (!Encourage.Subscriptions.SubscribeValidator.TryNormalizePhone(from, out var e164)) return Results.BadRequest("Enter a phone number.");
            var fields = TwilioForm(e164, body);
            var url = encourage.Value.PublicBaseUrl.TrimEnd('/') + Routes.TwilioInbound;
            var signature = TwilioSignature.Sign(twilio.Value.AuthToken ?? "", url, fields);
            // This host's own socket, never the Host header: a rebound name must not make the relay post elsewhere.
            var self = LocalGuards.SelfUrl(context) + Routes.TwilioInbound;
            using var request = new HttpRequestMessage(HttpMethod.Post, self) { Content = new FormUrlEncodedContent(fields) };
            request.Headers.Add("X-Twilio-Signature", signature);
            using var response = await factory.CreateClient().SendAsync(request, ct);
            var twiml = await response.Content.ReadAsStringAsync(ct);
            await outbox.RecordInboundAsync(e164, body, ct);
            foreach (var reply in ParseTwiml(twiml)) await outbox.RecordReplyAsync(e164, reply, ct);
            return Results.Json(new { status = (int)response.StatusCode });
        }).DisableAntiforgery();

        // The email tab's reply box: builds the post SendGrid Inbound Parse would make for a reply to the latest email
        // (from the subscriber's address, to its tagged reply address, SPF pass, a fresh Message-ID) and hands it to the
        // same handler the webhook uses. The answer lands in the outbox like any email.
        app.MapPost("/dev/email/reply", async (HttpContext context, Encourage.Subscriptions.SubscriberStore store, ReplyAddress addresses,
            InboundEmailHandler handler, Outbox outbox, CancellationToken ct) =>
        {
            var form = await context.Request.ReadFormAsync(ct);
            var address = form["email"].ToString().Trim().ToLowerInvariant();
            var body = form["body"].ToString();
            if (string.IsNullOrWhiteSpace(body)) return Results.BadRequest("Write a reply first.");
            if (!addresses.Enabled) return Results.BadRequest("Replies by email are off: set Encourage__ReplyDomain (local.settings.json has one for development).");
            var profile = address.Length == 0 ? null : await store.GetByEmailAsync(address, ct);
            if (profile?.Email is null || addresses.For(profile) is not { } replyTo) return Results.BadRequest("No subscriber has that email address.");
            var subject = MessageComposer.ReplySubject(form["subject"].ToString()) ?? "Re: Encourage";
            await outbox.RecordEmailInAsync(profile.Email, subject, body, ct);
            var fields = InboundParseFields(profile.Email, replyTo, subject, body);
            var answers = await handler.HandleAsync(InboundParseForm.Parse(fields), ct);
            return Results.Json(new { answered = answers.Count });
        }).DisableAntiforgery();
    }

    /// <summary>SendGrid Inbound Parse's fields for a reply written in a mail program (the history quoted below it).</summary>
    public static Dictionary<string, string> InboundParseFields(string from, string to, string subject, string body) => new()
    {
        ["from"] = from,
        ["to"] = to,
        ["subject"] = subject,
        ["text"] = body + "\n\nOn Mon, 30 Nov 2026 at 09:00, Encourage <" + to + "> wrote:\n> Your message for today.\n",
        ["envelope"] = System.Text.Json.JsonSerializer.Serialize(new { to = new[] { to }, from }),
        ["headers"] = $"Message-ID: <{Guid.NewGuid():N}@dev-phone.localhost>\r\nFrom: {from}\r\nTo: {to}\r\nSubject: {subject}\r\n",
        ["SPF"] = "pass",
        ["dkim"] = "{@" + from[(from.IndexOf('@') + 1)..] + " : pass}",
        ["charsets"] = """{"to":"UTF-8","from":"UTF-8","subject":"UTF-8","text":"UTF-8"}""",
        ["sender_ip"] = "127.0.0.1",
    };

    /// <summary>
    /// Runs the queue until it is empty (at most 10 s), so the answer comes after what was dispatched has gone: the
    /// background worker may have taken a job a moment before this drain looked, when neither sees it as running.
    /// </summary>
    private static async Task DrainAllAsync(SendQueueDrainer drainer, Encourage.Storage.EncourageStorage storage, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        do
        {
            await drainer.DrainAsync(ct);
            await drainer.WaitIdleAsync(TimeSpan.FromSeconds(10), ct);
            if ((await storage.SendQueue.GetPropertiesAsync(ct)).Value.ApproximateMessagesCount == 0) return;
            await Task.Delay(100, ct);
        }
        while (DateTime.UtcNow < deadline);
    }

    /// <summary>Twilio's real inbound field set.</summary>
    public static Dictionary<string, string> TwilioForm(string from, string body) => new()
    {
        ["MessageSid"] = "SM" + Guid.NewGuid().ToString("N"),
        ["SmsSid"] = "",
        ["AccountSid"] = "AC00000000000000000000000000000000",
        ["MessagingServiceSid"] = "",
        ["From"] = from,
        ["To"] = ServiceNumber,
        ["Body"] = body,
        ["NumMedia"] = "0",
        ["NumSegments"] = "1",
        ["FromCity"] = "",
        ["FromState"] = "",
        ["FromZip"] = "",
        ["FromCountry"] = "US",
        ["ToCity"] = "NEW YORK",
        ["ToState"] = "NY",
        ["ToZip"] = "",
        ["ToCountry"] = "US",
        ["SmsStatus"] = "received",
        ["ApiVersion"] = "2010-04-01",
    };

    [System.Text.RegularExpressions.GeneratedRegex("^[0-9]{19}-[0-9a-f]{8}$")]
    private static partial System.Text.RegularExpressions.Regex OutboxId();

    private static IEnumerable<string> ParseTwiml(string twiml)
    {
        try
        {
            return System.Xml.Linq.XDocument.Parse(twiml).Descendants("Message").Select(m => m.Value).ToList();
        }
        catch (System.Xml.XmlException)
        {
            return [];
        }
    }
}
