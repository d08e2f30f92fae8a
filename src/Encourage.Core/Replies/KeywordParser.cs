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

    // Regexes here run on at most MaxChars of normalised text. Every pattern that needs no lookaround runs on the
    // non-backtracking engine (linear in the input, whatever the text repeats); the few with a lookaround are written
    // with unambiguous word lists, so backtracking is bounded (ReplyPatternBoundsTests runs each on adversarial
    // repetitions). The timeout is a backstop only, and a timeout fails towards STOP or HELP, never "unknown".
    internal const int RegexTimeoutMs = 1000;

    /// <summary>
    /// The backstop of the non-backtracking patterns. They are linear, so only a starved machine could reach it: the
    /// engine builds its automaton during the first matches, and a one-second limit there, on a busy host, read a
    /// plain HETEXTED as HELP. Ten seconds is never reached by a linear pattern on 1,000 characters.
    /// </summary>
    internal const int LinearTimeoutMs = 10_000;

    /// <summary>The options of every reply pattern that can run without backtracking.</summary>
    internal const System.Text.RegularExpressions.RegexOptions Linear =
        System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.NonBacktracking;

    /// <summary>Classifies a reply. Never throws, for any string; empty text is <see cref="Intent.Unknown"/>.</summary>
    public static ParsedReply Parse(string? body) => Parse(body, ParseCore);

    /// <summary>
    /// Classifies with <paramref name="core"/>; if it fails (a pattern timed out, or a bug), the reply is read again
    /// without patterns, towards STOP and then HELP (<see cref="Fallback"/>), never "unknown": an opt-out must not be
    /// lost because some other pattern was slow.
    /// </summary>
    internal static ParsedReply Parse(string? body, Func<string?, ParsedReply> core)
    {
        ArgumentNullException.ThrowIfNull(core);
        try
        {
            return core(body);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A parser bug or a timeout must not lose the reply, nor the safety check, which has its own guard.
            return Fallback(body);
        }
    }

    /// <summary>
    /// The reading when the patterns could not finish: a stop word anywhere ("stop", "unsubscribe", "quit", "cancel",
    /// "opt out", "leave me alone") is a STOP (confirmed, and undone with START); anything else is HELP. No regex.
    /// </summary>
    internal static ParsedReply Fallback(string? body)
    {
        var safety = SafeSafetyCheck(body);
        if (string.IsNullOrWhiteSpace(body)) return new ParsedReply(Intent.Unknown, Safety: safety);
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        foreach (var c in body.AsSpan(0, Math.Min(body.Length, MaxChars * 2)))
        {
            if (char.IsLetter(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (c is '\'' or '\u2019')
            {
                // "don't" stays one word
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }
        if (word.Length > 0) words.Add(word.ToString());
        for (var i = 0; i < words.Count; i++)
        {
            var next = i + 1 < words.Count ? words[i + 1] : "";
            var after = i + 2 < words.Count ? words[i + 2] : "";
            if (words[i] is "stop" or "unsubscribe" or "quit" or "cancel" or "optout" || (words[i], next) is ("opt", "out")
                || (words[i], next, after) is ("leave", "me", "alone"))
            {
                return new ParsedReply(Intent.Stop, Safety: safety);
            }
        }
        return new ParsedReply(Intent.Help, Safety: safety);
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
