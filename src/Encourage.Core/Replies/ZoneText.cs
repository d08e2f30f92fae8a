using System.Collections.Frozen;
using System.Text.RegularExpressions;
using NodaTime;

namespace Encourage.Replies;

/// <summary>A time zone named in a text ("TZ Europe/London", "I'm in America/Chicago now"), looked up in NodaTime's tzdb.</summary>
internal static partial class ZoneText
{
    // Every tzdb id and link ("US/Eastern", "Asia/Calcutta"), in any case: phones capitalise as they please.
    private static readonly Lazy<FrozenDictionary<string, string>> Ids = new(
        () => DateTimeZoneProviders.Tzdb.Ids.ToFrozenDictionary(id => id, id => id, StringComparer.OrdinalIgnoreCase),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly char[] Separators = [' ', '\t', '\r', '\n', ',', ';', ':', '=', '(', ')', '"', '\u00a0'];
    private static readonly char[] Trim = ['.', '!', '?', '\'', '\u2019', '*', '[', ']', '<', '>'];

    /// <summary>The tzdb id spelled as tzdb spells it, or null when the text is not one.</summary>
    internal static string? Resolve(string candidate) =>
        ZoneId().IsMatch(candidate) && Ids.Value.TryGetValue(candidate, out var id) ? id : null;

    /// <summary>The first zone id in the raw text, or null.</summary>
    internal static string? Find(string body)
    {
        // Zone ids need '/', '_' and '+', which the word normalisation removes, so this reads the raw text.
        var raw = body.Length > KeywordParser.MaxChars ? body[..KeywordParser.MaxChars] : body;
        var afterZoneWord = false;
        foreach (var part in raw.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            var token = part.Trim(Trim);
            if (token.ToLowerInvariant() is "tz" or "zone" or "timezone")
            {
                afterZoneWord = true;
                continue;
            }

            // A slash makes it unmistakably a zone id anywhere in the text ("I'm in Europe/Berlin now");
            // a bare one ("UTC") only counts after TZ or zone, so "Japan" alone stays an ordinary word.
            if ((token.Contains('/') || afterZoneWord) && Resolve(token) is { } zone)
            {
                return zone;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_+\-]{0,40}(?:/[A-Za-z0-9_+\-]{1,40}){0,2}$", KeywordParser.Linear, KeywordParser.LinearTimeoutMs)]
    private static partial Regex ZoneId();
}
