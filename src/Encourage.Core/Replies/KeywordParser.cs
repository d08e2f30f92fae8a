namespace Encourage.Replies;

/// <summary>Reads one inbound text into a <see cref="ParsedReply"/>: keywords, slips, urges, his contact and safety.</summary>
/// <remarks>
/// Order matters and is deliberate: safety is flagged on every text whatever else it says; STOP wins
/// over everything else so an opt-out is never missed, then "wrong number"; then a time zone, the settings
/// (NAME, PRONOUN, TIME), the whole-message keywords,
/// and last the free-text reading, where what the subscriber did outranks what he did, which outranks
/// what she wants to do. Negated and wished-for actions ("I didn't text him", "I want to text him")
/// are never slips.
/// </remarks>
public static class KeywordParser
{
    public const int MaxPauseDays = 30, DefaultPauseDays = 7;

    /// <summary>Only this much of a body is read: replies are short, and a pasted essay must not cost more.</summary>
    internal const int MaxChars = 1000;

    // Regexes here run on at most MaxChars of normalised text and take microseconds; the timeout is a
    // backstop against a future pattern that backtracks badly, set wide so a busy, cold host never trips it.
    internal const int RegexTimeoutMs = 2000;

    /// <summary>Classifies a reply. Never throws, for any string; empty or unreadable text is <see cref="Intent.Unknown"/>.</summary>
    public static ParsedReply Parse(string? body)
    {
        try
        {
            return ParseCore(body);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A parser bug must not lose the reply, nor the safety check, which has its own guard.
            return new ParsedReply(Intent.Unknown, Safety: SafeSafetyCheck(body));
        }
    }

    private static Safety.SafetyKind? SafeSafetyCheck(string? body)
    {
        try
        {
            return body is null ? null : SafetyWords.Classify(body);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return null;
        }
    }

    private static ParsedReply ParseCore(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return new ParsedReply(Intent.Unknown);
        }

        var text = ReplyText.Read(body);
        var safety = text.Words.Length == 0 ? null : SafetyWords.Classify(text.Words);
        ParsedReply Reply(Intent intent, SlipKind? slip = null, ContactKind? contact = null, int? pauseDays = null, string? zone = null) =>
            new(intent, slip, contact, pauseDays, zone, safety);

        if (text.Words.Length == 0)
        {
            // Only punctuation and emoji are left: a bare "?" asks what this is; "😢😢" says nothing we can act on.
            return Reply(body.AsSpan(0, Math.Min(body.Length, MaxChars)).Contains('?') ? Intent.Help : Intent.Unknown);
        }

        if (Keywords.IsStop(text))
        {
            return Reply(Intent.Stop);
        }

        if (Keywords.IsWrongNumber(text))
        {
            return Reply(Intent.WrongNumber);
        }

        if (ZoneText.Find(body) is { } zone)
        {
            return Reply(Intent.TimeZone, zone: zone);
        }

        var core = Keywords.WithoutFiller(text.Words);
        if (ProfileKeywords.Read(body, text with { Words = core }) is { } setting)
        {
            return setting with { Safety = safety };
        }

        if (Keywords.WholeMessage(core) is { } keyword)
        {
            return keyword with { Safety = safety };
        }

        return FreeTextReader.Read(text, Reply);
    }

    /// <summary>The words of a text, cleaned the way every pattern here expects (idempotent); the safety matcher uses it too.</summary>
    internal static string Normalize(string? text) => ReplyText.Normalize(text);

    /// <summary>A tzdb zone id named in a text, or null.</summary>
    internal static string? ResolveTimeZone(string candidate) => ZoneText.Resolve(candidate);
}
