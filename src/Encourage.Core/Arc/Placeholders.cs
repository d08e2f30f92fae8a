using System.Text;

namespace Encourage.Arc;

/// <summary>
/// Fills content templates: <c>{name}</c>, the pronoun holes (<c>{he}</c> <c>{him}</c> <c>{his}</c> <c>{himself}</c>
/// and capitalised <c>{He}</c> <c>{Him}</c> <c>{His}</c>), verb agreement <c>{singular|plural}</c>, and named values
/// passed by code such as <c>{link}</c>.
/// </summary>
public static class Placeholders
{
    public const string NameHole = "name";

    /// <summary>Used when a subscriber gave no first name, so a message never opens with a bare comma.</summary>
    public const string NameWhenMissing = "friend";

    private static readonly Dictionary<string, string[]> PronounForms = new(StringComparer.Ordinal)
    {
        // Him, Her, Them: the order of the Pronoun enum.
        ["he"] = ["he", "she", "they"],
        ["him"] = ["him", "her", "them"],
        ["his"] = ["his", "her", "their"],
        ["himself"] = ["himself", "herself", "themself"],
        ["He"] = ["He", "She", "They"],
        ["Him"] = ["Him", "Her", "Them"],
        ["His"] = ["His", "Her", "Their"],
    };

    /// <summary>The pronoun holes content may use.</summary>
    public static IReadOnlyCollection<string> PronounHoles => PronounForms.Keys;

    public static string Fill(string template, string firstName, Pronoun pronoun, IReadOnlyDictionary<string, string>? values = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        var name = NameOf(firstName);
        return CapitaliseStart(Fill(template, pronoun, hole =>
            hole == NameHole ? name
            : values is not null && values.TryGetValue(hole, out var v) ? v
            : null));
    }

    /// <summary>The name as it goes into a message: trimmed, its first letter capitalised ("ana" reads "Ana").</summary>
    public static string NameOf(string? firstName) =>
        string.IsNullOrWhiteSpace(firstName) ? NameWhenMissing : CapitaliseStart(firstName.Trim());

    /// <summary>No message starts with a lower-case word: the first letter is made a capital.</summary>
    public static string CapitaliseStart(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length > 0 && char.IsLower(text[0])
            ? string.Concat(char.ToUpper(text[0], System.Globalization.CultureInfo.InvariantCulture).ToString(), text.AsSpan(1))
            : text;
    }

    /// <summary>The holes in <paramref name="template"/> that nothing would fill, and any unmatched brace, as written.</summary>
    public static IReadOnlyList<string> Unknown(string template, IEnumerable<string> allowedValueNames)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(allowedValueNames);
        var allowed = new HashSet<string>(allowedValueNames, StringComparer.Ordinal) { NameHole };
        var unknown = new List<string>();
        foreach (var piece in Pieces(template))
        {
            switch (piece.Kind)
            {
                case PieceKind.Stray:
                    unknown.Add(piece.Text);
                    break;
                case PieceKind.Hole when !PronounForms.ContainsKey(piece.Text) && !allowed.Contains(piece.Text) && !IsAgreement(piece.Text):
                    unknown.Add("{" + piece.Text + "}");
                    break;
            }
        }
        return unknown;
    }

    /// <summary>The holes a template uses (pronoun, agreement and named), without braces, in order.</summary>
    internal static IEnumerable<string> Holes(string template) =>
        Pieces(template).Where(p => p.Kind == PieceKind.Hole).Select(p => p.Text);

    /// <summary>
    /// Fills pronoun and agreement holes itself and asks <paramref name="resolveNamed"/> for every other one
    /// (including <c>name</c>). One pass, so a filled value is never itself read as a template.
    /// </summary>
    internal static string Fill(string template, Pronoun pronoun, Func<string, string?> resolveNamed)
    {
        var form = pronoun switch { Pronoun.Her => 1, Pronoun.Them => 2, _ => 0 };
        var sb = new StringBuilder(template.Length + 32);
        foreach (var piece in Pieces(template))
        {
            if (piece.Kind != PieceKind.Hole)
            {
                // A stray brace is a content error that lint reports; sending it as written beats failing the send.
                sb.Append(piece.Text);
            }
            else if (PronounForms.TryGetValue(piece.Text, out var forms))
            {
                sb.Append(forms[form]);
            }
            else if (IsAgreement(piece.Text))
            {
                var bar = piece.Text.IndexOf('|', StringComparison.Ordinal);
                sb.Append(pronoun == Pronoun.Them ? piece.Text[(bar + 1)..] : piece.Text[..bar]);
            }
            else
            {
                sb.Append(resolveNamed(piece.Text)
                    ?? throw new ArgumentException($"No value was given for the placeholder {{{piece.Text}}}.", nameof(template)));
            }
        }
        return sb.ToString();
    }

    internal static bool IsAgreement(string hole)
    {
        var bar = hole.IndexOf('|', StringComparison.Ordinal);
        return bar >= 0
            && hole.IndexOf('|', bar + 1) < 0
            && hole.Length > 1
            && !hole.Contains('\n', StringComparison.Ordinal);
    }

    internal enum PieceKind { Literal, Hole, Stray }

    internal readonly record struct Piece(PieceKind Kind, string Text);

    internal static IEnumerable<Piece> Pieces(string template)
    {
        var literal = new StringBuilder();
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if (c == '}')
            {
                if (literal.Length > 0) { yield return new Piece(PieceKind.Literal, literal.ToString()); literal.Clear(); }
                yield return new Piece(PieceKind.Stray, "}");
                i++;
                continue;
            }
            if (c != '{')
            {
                literal.Append(c);
                i++;
                continue;
            }
            var close = template.IndexOf('}', i + 1);
            var reopen = template.IndexOf('{', i + 1);
            if (literal.Length > 0) { yield return new Piece(PieceKind.Literal, literal.ToString()); literal.Clear(); }
            if (close < 0 || (reopen >= 0 && reopen < close))
            {
                // An opening brace with no closing one before the next opening: report it with what follows, so the author can find it.
                var end = reopen >= 0 ? reopen : template.Length;
                yield return new Piece(PieceKind.Stray, template[i..Math.Min(end, i + 20)]);
                literal.Append(template, i + Math.Min(end - i, 20), end - i - Math.Min(end - i, 20));
                i = end;
                continue;
            }
            yield return new Piece(PieceKind.Hole, template[(i + 1)..close]);
            i = close + 1;
        }
        if (literal.Length > 0) yield return new Piece(PieceKind.Literal, literal.ToString());
    }
}
