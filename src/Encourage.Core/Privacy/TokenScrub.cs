using System.Text.RegularExpressions;

namespace Encourage.Privacy;

/// <summary>
/// Takes link tokens out of a URL or text before telemetry keeps it: every <c>token=</c> value becomes <c>token=*</c>.
/// A token is a key to someone's messages for as long as it is current; telemetry keeps what it records for 30 days.
/// </summary>
public static partial class TokenScrub
{
    public static string? Scrub(string? text) => string.IsNullOrEmpty(text) ? text : TokenValue().Replace(text, "${name}=*");

    public static Uri? Scrub(Uri? url) => url is null ? null : new Uri(Scrub(url.OriginalString)!, UriKind.RelativeOrAbsolute);

    [GeneratedRegex(@"(?<name>token|code)=[^&#\s""'<>]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex TokenValue();
}
