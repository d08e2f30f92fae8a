using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Encourage.Delivery;
using Encourage.Hosting;
using Encourage.Privacy;
using Microsoft.AspNetCore.Http;

namespace Encourage.Replies;

/// <summary>
/// SendGrid Inbound Parse: a reply to one of our emails. The post must carry the secret of the configured URL's
/// basic-auth credentials (compared in constant time). The reply counts only when its sender is verified (SPF or the
/// sender's own DKIM), is a profile's email, and was sent to that profile's tagged reply address; anything else is
/// answered 200 (so SendGrid does not retry it for days), logged, and changes nothing. Then it is read, decided and
/// applied exactly like a text (<see cref="InboundReplies"/>), and answered by email, once.
/// </summary>
public sealed partial class InboundEmailHandler(
    InboundReplies inbound,
    ReplyAddress addresses,
    SubscriberStore store,
    MessageComposer composer,
    IEmailSender email,
    IOptions<SendGridOptions> sendGrid,
    TimeProvider time,
    ILogger<InboundEmailHandler> logger)
{
    /// <summary>The user name in the Inbound Parse URL; only the password is checked.</summary>
    public const string UserName = "sendgrid";

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var auth = Authenticate(request);
        if (auth != StatusCodes.Status200OK)
        {
            Log.Refused(logger, auth);
            if (auth == StatusCodes.Status401Unauthorized) request.HttpContext.Response.Headers.WWWAuthenticate = "Basic realm=\"sendgrid-inbound\", charset=\"UTF-8\"";
            return Results.StatusCode(auth);
        }
        if (request.ContentLength > InboundParseForm.MaxBytes)
        {
            return Results.Problem(title: "Too large", detail: "An email reply is read up to 256 KB; attachments are not wanted.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        var form = await InboundParseForm.ReadAsync(request, cancellationToken);
        await HandleAsync(form, cancellationToken);
        return Results.Ok();
    }

    /// <summary>Handles a post already read: the webhook's body, and the dev phone's replies.</summary>
    public async Task<IReadOnlyList<string>> HandleAsync(InboundParseForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var sender = form.Sender.Address.ToLowerInvariant();
        if (!form.SenderVerified)
        {
            Log.Unmatched(logger, Redact.Email(sender), "the sender is not verified (no SPF pass, no DKIM pass for its domain)");
            return [];
        }
        var profile = await store.GetByEmailAsync(sender, cancellationToken);
        if (profile is null || !string.Equals(profile.Email, sender, StringComparison.OrdinalIgnoreCase))
        {
            Log.Unmatched(logger, Redact.Email(sender), "no subscriber has this address");
            return [];
        }
        var tags = addresses.TagsIn(form.Recipients);
        if (!tags.Any(t => addresses.Matches(profile, t)))
        {
            Log.Unmatched(logger, Redact.Email(sender), tags.Count == 0 ? "it was not sent to a reply address" : "it was sent to another subscriber's or an older reply address");
            return [];
        }

        var body = EmailReplyText.Extract(form.Text, form.Html);
        var outcome = await inbound.ReplyAsync(new InboundMessage(Channels.Email, form.MessageId, profile.Id, null, sender, body), cancellationToken);
        if (outcome.Replies.Count > 0) await AnswerOnceAsync(profile.Id, form, outcome.Replies, cancellationToken);
        return outcome.Replies;
    }

    /// <summary>
    /// Sends the answer unless the handled-message marker says it went: a retried post (SendGrid retries a 5xx) sends
    /// it only if the first try failed before sending.
    /// </summary>
    private async Task AnswerOnceAsync(string id, InboundParseForm form, IReadOnlyList<string> replies, CancellationToken cancellationToken)
    {
        var marker = await store.GetMarkerAsync(id, form.MessageId, cancellationToken);
        if (marker is null || marker.ReplySentUtc is not null) return;
        var profile = await store.GetAsync(id, cancellationToken);
        if (profile?.Email is not { Length: > 0 }) return;
        try
        {
            await email.SendAsync(await composer.ReplyEmailAsync(profile, form.Subject, replies), cancellationToken);
        }
        catch (PermanentDeliveryException e)
        {
            Log.AnswerRefused(logger, id, e.Code ?? "");
        }
        await store.MarkAnswerSentAsync(marker, time.GetUtcNow(), cancellationToken);
    }

    /// <summary>200 with the right password, 401 without credentials, 403 with wrong ones (or none configured).</summary>
    private int Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.Length == 0 || !AuthenticationHeaderValue.TryParse(header, out var value) ||
            !string.Equals(value.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || value.Parameter is null)
        {
            return StatusCodes.Status401Unauthorized;
        }
        var secret = sendGrid.Value.InboundParseSecret;
        if (string.IsNullOrEmpty(secret)) return StatusCodes.Status403Forbidden;
        string password;
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value.Parameter));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            password = colon < 0 ? "" : decoded[(colon + 1)..];
        }
        catch (FormatException)
        {
            return StatusCodes.Status401Unauthorized;
        }
        // Hashes first, so the comparison takes the same time whatever the lengths.
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(password)), SHA256.HashData(Encoding.UTF8.GetBytes(secret)))
            ? StatusCodes.Status200OK
            : StatusCodes.Status403Forbidden;
    }

    private static partial class Log
    {
        [LoggerMessage(4102, LogLevel.Warning, "Ignored an email reply from {Sender}: {Reason}; nothing changed")]
        public static partial void Unmatched(ILogger logger, string sender, string reason);

        [LoggerMessage(4101, LogLevel.Warning, "Refused an Inbound Parse post ({Status}): missing or wrong credentials")]
        public static partial void Refused(ILogger logger, int status);

        [LoggerMessage(4103, LogLevel.Warning, "The answer to subscriber {SubscriberId}'s email reply was refused by the provider ({Code})")]
        public static partial void AnswerRefused(ILogger logger, string subscriberId, string code);
    }
}
