using System.Text;
using System.Text.RegularExpressions;

namespace Encourage.Replies;

/// <summary>
/// Spots words suggesting self-harm, suicide, abuse or danger, from the maintained list in safety-words.txt, and
/// says which. Lives with the rest of safety in Safety/; the namespace stays Encourage.Replies, where its callers are.
/// </summary>
public static partial class SafetyWords
{
    internal const string ResourceName = "Encourage.Safety.safety-words.txt";

    // The person, as the subject of a sentence. The optional words after it let "he just hit me"
    // and "he has threatened me" match the plain "he hit me" line.
    internal const string PersonSubject =
        @"(?:he|she|they|ex|(?:my|the|our)\s*(?:ex\s*)?(?:ex|boyfriend|bf|girlfriend|gf|husband|hubby|wife|partner|fiance|fiancee|spouse|man|dad|father))" +
        @"(?:\s*(?:just|literally|actually|really|even|also|always|still|then|once|again|has|have|had|is|was|keeps|kept|did|does|been|sometimes|often))?(?:\s*(?:just|literally|actually|really|even|also|always|still|then|once|again|been))?";

    internal const string PersonObject =
        @"(?:him|her|them|ex|(?:my|the|our)\s*(?:ex\s*)?(?:ex|boyfriend|bf|girlfriend|gf|husband|hubby|wife|partner|fiance|fiancee|spouse))";

    private static readonly Lazy<Compiled> List = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The maintained phrases, as written in safety-words.txt (see its header for the syntax).</summary>
    public static IReadOnlyList<string> Phrases => List.Value.Phrases;

    /// <summary>The kind of danger each phrase in <see cref="Phrases"/> suggests (same order).</summary>
    public static IReadOnlyList<Safety.SafetyKind> Kinds => List.Value.Kinds;

    /// <summary>Figures of speech erased before matching ("want to die my hair").</summary>
    internal static IReadOnlyList<string> Benign => List.Value.Benign;

    /// <summary>The ambiguous endings ("I'm done", "I give up"), as written in the list.</summary>
    internal static IReadOnlyList<string> Ambiguous => List.Value.Ambiguous;

    /// <summary>Whether the text, raw or already normalised by the parser, contains a listed phrase.</summary>
    public static bool Matches(string normalizedOrRaw) => Classify(normalizedOrRaw) is not null;

    /// <summary>
    /// What the text's danger is about, or null when it suggests none. A text that suggests both is
    /// <see cref="Safety.SafetyKind.SelfHarm"/> (the reply leads with the crisis line and still gives the abuse line);
    /// ask <see cref="MentionsAbuse"/> to know whether it also spoke of abuse.
    /// </summary>
    public static Safety.SafetyKind? Classify(string normalizedOrRaw)
    {
        // Callers outside nullable code can still pass null; a missing body is not a concern.
        if (normalizedOrRaw is null)
        {
            return null;
        }

        var found = MatchingLine(KeywordParser.Normalize(normalizedOrRaw));
        return found?.Kind;
    }

    /// <summary>Whether the text speaks of abuse or danger from someone, whatever else it says.</summary>
    public static bool MentionsAbuse(string normalizedOrRaw)
    {
        if (normalizedOrRaw is null)
        {
            return false;
        }

        var text = Prepare(KeywordParser.Normalize(normalizedOrRaw));
        var list = List.Value;
        for (var i = 0; i < list.Patterns.Count; i++)
        {
            if (list.Kinds[i] == Safety.SafetyKind.Abuse && list.Patterns[i].IsMatch(text))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// An ambiguous ending ("I'm done", "I give up", "I can't do this anymore") that is not a safety match: the
    /// reply checks in and gives the crisis line instead of acting on it. False for a text that <see cref="Classify"/>
    /// matches (that one gets the safety reply) and for a bare DONE keyword.
    /// </summary>
    public static bool IsAmbiguousEnding(string normalizedOrRaw)
    {
        if (normalizedOrRaw is null || Classify(normalizedOrRaw) is not null)
        {
            return false;
        }

        var list = List.Value;
        foreach (var sentence in ReplyText.Read(normalizedOrRaw).Sentences)
        {
            foreach (var pattern in list.AmbiguousPatterns)
            {
                if (pattern.IsMatch(sentence))
                {
                    return true;
                }
            }
        }

        return false;
    }

    internal static bool MatchesNormalized(string normalized) => normalized.Length > 0 && MatchingLine(normalized) is not null;

    /// <summary>The first listed phrase the normalised text matches, or null; for tests and for reviewing the list.</summary>
    internal static string? MatchingPhrase(string normalized) => MatchingLine(normalized)?.Phrase;

    private static (string Phrase, Safety.SafetyKind Kind)? MatchingLine(string normalized)
    {
        if (normalized.Length == 0)
        {
            return null;
        }

        var list = List.Value;
        var text = Prepare(normalized);
        (string, Safety.SafetyKind)? abuse = null;
        for (var i = 0; i < list.Patterns.Count; i++)
        {
            if (!list.Patterns[i].IsMatch(text))
            {
                continue;
            }

            if (list.Kinds[i] == Safety.SafetyKind.SelfHarm)
            {
                return (list.Phrases[i], Safety.SafetyKind.SelfHarm);
            }

            abuse ??= (list.Phrases[i], Safety.SafetyKind.Abuse);
        }

        return abuse;
    }

    /// <summary>Joins words people split ("kill my self") and erases the listed figures of speech.</summary>
    private static string Prepare(string normalized)
    {
        var text = Joins().Replace(normalized, m => m.Groups["a"].Value + m.Groups["b"].Value);
        text = text.Replace("noone", "no one", StringComparison.Ordinal);
        foreach (var benign in List.Value.BenignPatterns)
        {
            text = benign.Replace(text, " ");
        }

        return text;
    }

    [GeneratedRegex(@"\b(?<a>my|your|him|her|them|our)\s(?<b>self|selfs|selves)\b", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, 2000)]
    private static partial Regex Joins();

    private sealed record Compiled(
        IReadOnlyList<string> Phrases,
        IReadOnlyList<Safety.SafetyKind> Kinds,
        IReadOnlyList<string> Benign,
        IReadOnlyList<string> Ambiguous,
        IReadOnlyList<Regex> Patterns,
        IReadOnlyList<Regex> BenignPatterns,
        IReadOnlyList<Regex> AmbiguousPatterns);

    private static Compiled Load()
    {
        using var stream = typeof(SafetyWords).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing; the safety list must ship with the parser.");
        using var reader = new StreamReader(stream, Encoding.UTF8);

        var phrases = new List<string>();
        var kinds = new List<Safety.SafetyKind>();
        var benign = new List<string>();
        var ambiguous = new List<string>();
        Safety.SafetyKind? kind = null;
        while (reader.ReadLine() is { } line)
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            switch (trimmed[0])
            {
                case '!':
                    benign.Add(trimmed[1..].Trim());
                    break;
                case '?':
                    ambiguous.Add(trimmed[1..].Trim());
                    break;
                case '[':
                    kind = trimmed switch
                    {
                        "[self-harm]" => Safety.SafetyKind.SelfHarm,
                        "[abuse]" => Safety.SafetyKind.Abuse,
                        _ => throw new FormatException($"Unknown section {trimmed} in the safety list: use [self-harm] or [abuse]."),
                    };
                    break;
                default:
                    phrases.Add(trimmed);
                    kinds.Add(kind ?? throw new FormatException($"Safety phrase before any [self-harm] or [abuse] section: {trimmed}"));
                    break;
            }
        }

        return new Compiled(phrases, kinds, benign, ambiguous,
            [.. phrases.Select(Compile)], [.. benign.Select(Compile)], [.. ambiguous.Select(CompileSentence)]);
    }

    // Small words allowed around an ambiguous ending, so "honestly i am done now" reads like "i am done".
    private const string AmbiguousBefore = @"(?:(?:honestly|ok|ugh|just|well|so|yeah|and|but|i think|i swear|fuck it|whatever|seriously|man|god|omg|lol|sorry|like|tbh|i mean|really)\s+)*";
    private const string AmbiguousAfter = @"(?:\s+(?:now|anymore|any more|already|honestly|tonight|today|for real|seriously|i mean it|lol|sorry|completely|for good|right now|ok|tbh|i swear|i think|really))*";

    private static Regex CompileSentence(string line) =>
        new("^" + AmbiguousBefore + "(?:" + ToPattern(line) + ")" + AmbiguousAfter + "$", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);

    // NonBacktracking keeps matching linear in the text whatever the list grows into; the text is
    // untrusted and the list is edited by people who are not thinking about regex performance.
    // One regex per line: combined, the automaton outgrows the engine's size limit.
    private static Regex Compile(string line) =>
        new(@"\b(?:" + ToPattern(line) + @")\b", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);

    /// <summary>Turns one list line into a regular expression over normalised text.</summary>
    internal static string ToPattern(string line)
    {
        var pattern = new StringBuilder();
        var literal = new StringBuilder();

        void FlushLiteral()
        {
            if (literal.Length == 0)
            {
                return;
            }

            var run = literal.ToString();
            literal.Clear();
            if (run.Length > 0 && char.IsWhiteSpace(run[0]))
            {
                pattern.Append(@"\s*");
            }

            // The run goes through the parser's own clean-up so "don't" in the list meets "do not" in a text.
            var words = KeywordParser.Normalize(run).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            pattern.Append(string.Join(@"\s*", words.Select(Regex.Escape)));
            if (words.Length > 0 && char.IsWhiteSpace(run[^1]))
            {
                pattern.Append(@"\s*");
            }
        }

        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            switch (c)
            {
                case '(':
                    FlushLiteral();
                    pattern.Append("(?:");
                    break;
                case ')':
                    FlushLiteral();
                    pattern.Append(')');
                    break;
                case '|':
                    FlushLiteral();
                    pattern.Append('|');
                    break;
                case '*':
                    FlushLiteral();
                    pattern.Append(@"\w*");
                    break;
                case '$':
                    FlushLiteral();
                    pattern.Append('$');
                    break;
                case '{':
                    FlushLiteral();
                    var close = line.IndexOf('}', i);
                    if (close < 0)
                    {
                        throw new FormatException($"Unclosed placeholder in safety phrase: {line}");
                    }

                    pattern.Append(line[(i + 1)..close] switch
                    {
                        "he" => PersonSubject,
                        "him" => PersonObject,
                        "num" => @"\d+",
                        "many" => @"[1-9]\d+",
                        "word" => @"\w+",
                        var other => throw new FormatException($"Unknown placeholder {{{other}}} in safety phrase: {line}"),
                    });
                    i = close;
                    break;
                default:
                    literal.Append(c);
                    break;
            }
        }

        FlushLiteral();
        return pattern.ToString();
    }
}
