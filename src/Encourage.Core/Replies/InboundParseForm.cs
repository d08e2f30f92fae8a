using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Encourage.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Encourage.Replies;

/// <summary>
/// One SendGrid Inbound Parse post (multipart/form-data, "POST the raw MIME" off), read with limits: the fields the
/// reply handler uses, the sender parsed, and the message id for handling it once. Attachments are never read into
/// fields; a body over <see cref="MaxBytes"/> is refused.
/// </summary>
public sealed partial record InboundParseForm(
    string From,
    MailAddress Sender,
    IReadOnlyList<string> Recipients,
    string? Subject,
    string? Text,
    string? Html,
    string? Spf,
    string? Dkim,
    string MessageId,
    string? EnvelopeFrom = null)
{
    /// <summary>The largest post read: a reply is short; attachments make it large and are not wanted.</summary>
    public const int MaxBytes = 256 * 1024;

    private static readonly FormOptions Limits = new()
    {
        BufferBody = false,
        MultipartBodyLengthLimit = MaxBytes,
        ValueLengthLimit = MaxBytes,
        ValueCountLimit = 64,
        KeyLengthLimit = 100,
        MultipartHeadersLengthLimit = 16 * 1024,
        MultipartHeadersCountLimit = 16,
    };

    public static bool IsMultipart(HttpRequest request) =>
        request.ContentType is { } ct && ct.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the post; <see cref="BadRequestException"/> for anything SendGrid does not send.</summary>
    public static async Task<InboundParseForm> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsMultipart(request)) throw new BadRequestException("Expected SendGrid Inbound Parse's multipart/form-data.");
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(Limits, cancellationToken);
        }
        catch (InvalidDataException)
        {
            throw new BadRequestException("The form could not be read (too large, or not well-formed multipart).");
        }
        if (form.FirstOrDefault(f => f.Value.Count > 1) is { Key: { } repeated })
        {
            throw new BadRequestException($"The field '{(repeated.Length > 40 ? repeated[..40] : repeated)}' appears more than once.");
        }
        return Parse(form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The post's fields as read (case-insensitive names), checked.</summary>
    public static InboundParseForm Parse(IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        string? Field(string name) => fields.TryGetValue(name, out var v) && v.Length > 0 ? v : null;
        var from = Field("from") ?? throw new BadRequestException("The field 'from' is required.");
        var to = Field("to") ?? throw new BadRequestException("The field 'to' is required.");
        MailAddress sender;
        try
        {
            sender = new MailAddress(from);
        }
        catch (FormatException)
        {
            throw new BadRequestException("The field 'from' is not an email address.");
        }

        var recipients = new List<string> { to };
        string? envelopeFrom = null;
        if (Field("envelope") is { } envelope)
        {
            var (envelopeTo, fromOfEnvelope) = ReadEnvelope(envelope);
            recipients.AddRange(envelopeTo);
            envelopeFrom = fromOfEnvelope;
        }
        var headers = Field("headers");
        return new InboundParseForm(from, sender, recipients, Field("subject"), Field("text"), Field("html"), Field("SPF"), Field("dkim"),
            MessageIdOf(headers, from, to, Field("subject"), Field("text"), Field("html")), envelopeFrom);
    }

    /// <summary>
    /// Whether the From address is vouched for, DMARC-style: an SPF pass for an envelope sender (the envelope's
    /// <c>from</c>) aligned with the From domain, or a DKIM pass for a domain aligned with it (SendGrid's <c>dkim</c>
    /// field reads like <c>{@gmail.com : pass, @mailer.example : pass}</c>). An SPF pass for any other envelope domain,
    /// or a DKIM signature of some other domain, vouches for that domain only, not for the From address
    /// (<see cref="MailAlignment"/>).
    /// </summary>
    public bool SenderVerified
    {
        get
        {
            var fromDomain = Sender.Host;
            if (string.Equals(Spf?.Trim(), "pass", StringComparison.OrdinalIgnoreCase) && MailAlignment.Aligned(fromDomain, MailAlignment.DomainOf(EnvelopeFrom)))
            {
                return true;
            }
            return (Dkim ?? "").Trim('{', '}', ' ').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(r => r.Split(':', 2, StringSplitOptions.TrimEntries))
                .Any(r => r.Length == 2 && string.Equals(r[1], "pass", StringComparison.OrdinalIgnoreCase) && MailAlignment.Aligned(fromDomain, r[0]));
        }
    }

    private static (IReadOnlyList<string> To, string? From) ReadEnvelope(string envelope)
    {
        try
        {
            using var doc = JsonDocument.Parse(envelope, new JsonDocumentOptions { MaxDepth = 4 });
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new BadRequestException("The field 'envelope' must be a JSON object.");
            var from = doc.RootElement.TryGetProperty("from", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
            if (!doc.RootElement.TryGetProperty("to", out var to)) return ([], from);
            if (to.ValueKind != JsonValueKind.Array || to.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
                throw new BadRequestException("The envelope's 'to' must be a list of addresses.");
            return ([.. to.EnumerateArray().Select(e => e.GetString()!)], from);
        }
        catch (JsonException)
        {
            throw new BadRequestException("The field 'envelope' is not valid JSON.");
        }
    }

    /// <summary>
    /// A hash of the email's Message-ID header: SendGrid's retry of one email is handled once. Without one, a hash of
    /// what the email says, which a retry repeats exactly.
    /// </summary>
    private static string MessageIdOf(string? headers, string from, string to, string? subject, string? text, string? html)
    {
        var match = headers is null ? null : MessageIdHeader().Match(headers);
        var basis = match is { Success: true } ? "message-id:" + match.Groups[1].Value.Trim()
            : string.Join('\u001f', "content", from, to, subject, text, html);
        return "em" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(basis)).AsSpan(0, 16));
    }

    [GeneratedRegex(@"^Message-ID:\s*(<[^>\r\n]{1,500}>|\S{1,500})", RegexOptions.IgnoreCase | RegexOptions.Multiline | KeywordParser.Linear, 200)]
    private static partial Regex MessageIdHeader();
}
