using System.Globalization;
using Encourage.Arc;

namespace Encourage.Delivery.Emails;

/// <summary>Pure rules for the parts of an email around its content: the day line, the preheader, the plain text.</summary>
public static class EmailParts
{
    /// <summary>The longest preheader shown; inbox previews show about this much.</summary>
    public const int PreheaderLength = 110;

    /// <summary>
    /// "Day 3 · Let go": the programme day the entry falls on when nothing was missed (1 plus the days between the
    /// entries before it), and the phase's short name (its title up to the colon).
    /// </summary>
    public static string DayLine(Programme programme, ProgrammeEntry entry)
    {
        ArgumentNullException.ThrowIfNull(programme);
        ArgumentNullException.ThrowIfNull(entry);
        var day = 1 + programme.Entries.Where(e => e.Number > 1 && e.Number <= entry.Number).Sum(e => e.DaysAfterPrevious);
        var title = programme.PhaseOf(entry.Number).Title;
        var colon = title.IndexOf(':', StringComparison.Ordinal);
        var phase = (colon > 0 ? title[..colon] : title).Trim();
        return string.Create(CultureInfo.InvariantCulture, $"Day {day} · {phase}");
    }

    /// <summary>
    /// The inbox preview: the first paragraph that says something (a greeting such as "Hi Ana," is skipped), cut at
    /// a word to at most <see cref="PreheaderLength"/> characters.
    /// </summary>
    public static string Preheader(string text)
    {
        var paragraphs = (text ?? "").ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var first = paragraphs.FirstOrDefault(p => !IsGreeting(p)) ?? paragraphs.FirstOrDefault() ?? "";
        first = string.Join(' ', first.Split((char[])['\n', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
        if (first.Length <= PreheaderLength) return first;
        var cut = first.LastIndexOf(' ', PreheaderLength - 3);
        return first[..(cut > 40 ? cut : PreheaderLength - 3)].TrimEnd(',', ';', ':', ' ') + "...";
    }

    /// <summary>The plain-text part: the same header, content, footer and address as the HTML, in the same order.</summary>
    public static string Text(EmailDocument email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var lines = new List<string> { email.ProgrammeName.ToUpperInvariant() };
        if (email.DayLine is { Length: > 0 } day) lines.Add(day);
        lines.Add("");
        lines.Add(email.Subject);
        lines.Add("");
        lines.Add(email.BodyText.Trim());
        lines.Add("");
        lines.Add("--");
        if (email.ReplyHint is { Length: > 0 } hint)
        {
            lines.Add(hint);
            lines.Add("");
        }
        lines.Add(email.FooterText.Trim());
        if (email.PostalAddress is { Length: > 0 } address)
        {
            lines.Add("");
            lines.Add(address);
        }
        return string.Join('\n', lines) + "\n";
    }

    private static bool IsGreeting(string paragraph) => paragraph.Length <= 40 && paragraph.EndsWith(',');
}
