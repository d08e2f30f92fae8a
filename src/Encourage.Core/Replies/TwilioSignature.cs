using Encourage.Hosting;
using Microsoft.AspNetCore.Http;
using Twilio.Security;

namespace Encourage.Replies;

/// <summary>
/// Checks X-Twilio-Signature with the SDK's RequestValidator, for every Twilio route, in one place. Twilio signs
/// the exact URL it called, which behind Azure's front ends is not the URL the host rebuilds, so the URL is built
/// from Encourage__PublicBaseUrl + path + raw query. There is no switch to turn this off.
/// </summary>
public sealed class TwilioSignature(IOptions<TwilioOptions> twilio, IOptions<EncourageOptions> encourage)
{
    private readonly RequestValidator? _validator =
        string.IsNullOrEmpty(twilio.Value.AuthToken) ? null : new RequestValidator(twilio.Value.AuthToken);
    private readonly string _base = encourage.Value.PublicBaseUrl.TrimEnd('/');

    public string UrlFor(HttpRequest request) => _base + request.Path.Value + request.QueryString.Value;

    /// <summary>True only for a request Twilio signed with our auth token, over exactly these form fields.</summary>
    public bool IsValid(HttpRequest request, IReadOnlyDictionary<string, string> form)
    {
        if (_validator is null) return false;
        var signature = request.Headers["X-Twilio-Signature"];
        if (signature.Count != 1 || string.IsNullOrEmpty(signature[0])) return false;
        return _validator.Validate(UrlFor(request), form.ToDictionary(kv => kv.Key, kv => kv.Value), signature[0]!);
    }

    /// <summary>
    /// Signs a form as Twilio does (base64 HMAC-SHA1 of the URL then each field name and value, sorted by name), for
    /// the local dev phone and the tests; the check above is always the SDK's own validator.
    /// </summary>
    public static string Sign(string authToken, string url, IReadOnlyDictionary<string, string> fields)
    {
        var data = new System.Text.StringBuilder(url);
        foreach (var key in fields.Keys.OrderBy(k => k, StringComparer.Ordinal)) data.Append(key).Append(fields[key]);
        using var hmac = new System.Security.Cryptography.HMACSHA1(System.Text.Encoding.UTF8.GetBytes(authToken));
        return Convert.ToBase64String(hmac.ComputeHash(System.Text.Encoding.UTF8.GetBytes(data.ToString())));
    }
}
