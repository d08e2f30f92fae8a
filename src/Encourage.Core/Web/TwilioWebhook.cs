using Encourage.Replies;
using Microsoft.AspNetCore.Http;

namespace Encourage.Web;

/// <summary>
/// A Twilio webhook's form, read once and signature-checked by <see cref="EndpointGuard"/> before any handler runs
/// (as twilio-aspnet's endpoint filter does): every route under <see cref="RoutePrefix"/> gets the check, so a new
/// Twilio route cannot forget it. Handlers read the typed fields from <see cref="Of"/>, which refuses a request
/// the guard did not check.
/// </summary>
public sealed record TwilioRequest(IReadOnlyDictionary<string, string> Form)
{
    /// <summary>Every Twilio webhook lives under this path, and only Twilio webhooks do.</summary>
    public const string RoutePrefix = "/api/twilio/";

    private static readonly object ItemKey = new();

    public string MessageSid => Form.GetValueOrDefault("MessageSid") ?? Form.GetValueOrDefault("SmsSid") ?? "";
    public string From => Form.GetValueOrDefault("From") ?? "";
    public string To => Form.GetValueOrDefault("To") ?? "";
    public string Body => Form.GetValueOrDefault("Body") ?? "";
    public string MessageStatus => (Form.GetValueOrDefault("MessageStatus") ?? Form.GetValueOrDefault("SmsStatus") ?? "").ToLowerInvariant();
    public string? ErrorCode => Form.GetValueOrDefault("ErrorCode");

    public static bool Covers(HttpRequest request) =>
        request.Path.StartsWithSegments(RoutePrefix.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    /// <summary>The checked request; throws when the guard has not checked it (a handler called outside the guard).</summary>
    public static TwilioRequest Of(HttpRequest request) =>
        request.HttpContext.Items[ItemKey] as TwilioRequest
        ?? throw new InvalidOperationException("A Twilio webhook handler ran without EndpointGuard's signature check.");

    /// <summary>Reads the form and checks X-Twilio-Signature; false (and nothing stored) when it does not hold.</summary>
    internal static async Task<bool> TryAcceptAsync(HttpRequest request, TwilioSignature signature, CancellationToken cancellationToken)
    {
        var form = await RequestReading.ReadFormAsync(request, cancellationToken);
        if (!signature.IsValid(request, form)) return false;
        request.HttpContext.Items[ItemKey] = new TwilioRequest(form);
        return true;
    }
}
