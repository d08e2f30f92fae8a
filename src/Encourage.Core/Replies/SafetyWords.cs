using System.Text;
using System.Text.RegularExpressions;

namespace Encourage.Replies;

/// <summary>Spots words suggesting self-harm, suicide, abuse or danger, from the maintained list in safety-words.txt.</summary>
public static class SafetyWords
{
    internal const string ResourceName = "Encourage.Replies.safety-words.txt";

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

    /// <summary>Figures of speech erased before matching ("want to die my hair").</summary>
    internal static IReadOnlyList<string> Benign => List.Value.Benign;

    /// <summary>Whether the text, raw or already normalised by the parser, contains a listed phrase.</summary>
    public static bool Matches(string normalizedOrRaw)
    {
        // Callers outside nullable code can still pass null; a missing body is not a concern.
        if (normalizedOrRaw is null)
        {
            return false;
        }

        return MatchesNormalized(KeywordParser.Normalize(normalizedOrRaw));
    }

    /// <summary>What the text's danger is about, or null when it suggests none.</summary>
    public static Safety.SafetyKind? Classify(string normalizedOrRaw) => Matches(normalizedOrRaw) ? Safety.SafetyKind.SelfHarm : null;

    internal static bool MatchesNormalized(string normalized)
    {
        if (normalized.Length == 0)
        {
            return false;
        }

        return MatchingPhrase(normalized) is not null;
    }

    /// <summary>The first listed phrase the normalised text matches, or null; for tests and for reviewing the list.</summary>
    internal static string? MatchingPhrase(string normalized)
    {
        var list = List.Value;
        var text = normalized;
        foreach (var benign in list.BenignPatterns)
        {
            text = benign.Replace(text, " ");
        }

        for (var i = 0; i < list.Patterns.Count; i++)
        {
            if (list.Patterns[i].IsMatch(text))
            {
                return list.Phrases[i];
            }
        }

        return null;
    }

    private sealed record Compiled(IReadOnlyList<string> Phrases, IReadOnlyList<string> Benign, IReadOnlyList<Regex> Patterns, IReadOnlyList<Regex> BenignPatterns);

    private static Compiled Load()
    {
        using var stream = typeof(SafetyWords).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing; the safety list must ship with the parser.");
        using var reader = new StreamReader(stream, Encoding.UTF8);

        var phrases = new List<string>();
        var benign = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            if (trimmed.StartsWith('!'))
            {
                benign.Add(trimmed[1..].Trim());
            }
            else
            {
                phrases.Add(trimmed);
            }
        }

        return new Compiled(phrases, benign, [.. phrases.Select(Compile)], [.. benign.Select(Compile)]);
    }

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
