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
    string MessageId)
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
        if (Field("envelope") is { } envelope) recipients.AddRange(EnvelopeRecipients(envelope));
        var headers = Field("headers");
        return new InboundParseForm(from, sender, recipients, Field("subject"), Field("text"), Field("html"), Field("SPF"), Field("dkim"),
            MessageIdOf(headers, from, to, Field("subject"), Field("text"), Field("html")));
    }

    /// <summary>
    /// Whether the sender's address is vouched for: SPF passed, or a DKIM signature of the sender's own domain passed
    /// (SendGrid's <c>dkim</c> field reads like <c>{@gmail.com : pass}</c>).
    /// </summary>
    public bool SenderVerified
    {
        get
        {
            if (string.Equals(Spf?.Trim(), "pass", StringComparison.OrdinalIgnoreCase)) return true;
            var domain = "@" + Sender.Host;
            return (Dkim ?? "").Trim('{', '}', ' ').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(r => r.Split(':', 2, StringSplitOptions.TrimEntries))
                .Any(r => r.Length == 2 && string.Equals(r[0], domain, StringComparison.OrdinalIgnoreCase) && string.Equals(r[1], "pass", StringComparison.OrdinalIgnoreCase));
        }
    }

    private static IEnumerable<string> EnvelopeRecipients(string envelope)
    {
        try
        {
            using var doc = JsonDocument.Parse(envelope, new JsonDocumentOptions { MaxDepth = 4 });
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new BadRequestException("The field 'envelope' must be a JSON object.");
            if (!doc.RootElement.TryGetProperty("to", out var to)) return [];
            if (to.ValueKind != JsonValueKind.Array || to.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
                throw new BadRequestException("The envelope's 'to' must be a list of addresses.");
            return [.. to.EnumerateArray().Select(e => e.GetString()!)];
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

    [GeneratedRegex(@"^Message-ID:\s*(<[^>\r\n]{1,500}>|\S{1,500})", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex MessageIdHeader();
}
