using System.Text.RegularExpressions;
using Encourage.Replies;

namespace Encourage.Arc;

/// <summary>
/// The rules that keep every text true for whoever gets it: what an entry assumes, wording for email-only readers,
/// no lower-case start, gender-neutral keywords, "up to 1" a day, the compliance facts, and no push towards an ex
/// in the safety-aware wording.
/// </summary>
public static partial class ContentLint
{
    /// <summary>Named values a programme text may use: the crisis line for the reader's country.</summary>
    internal static readonly IReadOnlyList<string> ProgrammeValues = [ReplyKeys.CrisisLineValue];

    /// <summary>The words the safety-aware wording must never contain: a nudge to answer, meet or get back together.</summary>
    public static IReadOnlyList<string> PushTowardsContact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var plain = Placeholders.Fill(text, Pronoun.Him, hole => hole);
        return [.. ContactPush().Matches(plain).Select(m => m.Value)];
    }

    private static void CheckTruth(ProgrammeEntry entry, string name, List<string> problems)
    {
        if (entry.Number > Programme.MaxEntries)
            problems.Add($"{name}: a programme may have at most {Programme.MaxEntries} entries.");
        var assumes = entry.Assumptions;
        if (assumes.Days < 0) problems.Add($"{name}: assumes_days cannot be negative.");
        if (assumes.Days >= entry.Number)
            problems.Add($"{name}: assumes_days {assumes.Days} can never be true: only {entry.Number - 1} messages come before it.");
        if (assumes.AfterPhase is { } phase && !PhaseIds.InOrder.Contains(phase))
            problems.Add($"{name}: assumes_after '{phase}' is not a phase (expected one of: {string.Join(", ", PhaseIds.InOrder)}).");
        if (entry.IsGraduation && assumes.Any)
            problems.Add($"{name}: the graduation goes to everyone, so it cannot have assumes_days or assumes_after.");
        if (entry.PhaseId == PhaseIds.IfHeReachesOut && entry.Safety is null)
            problems.Add($"{name}: entries in '{PhaseIds.IfHeReachesOut}' need safety_sms, safety_email_subject and safety_email_body (the wording for someone who may be leaving an abusive partner).");
    }

    private static void CheckNoPushTowardsContact(string what, string text, List<string> problems)
    {
        foreach (var push in PushTowardsContact(text))
            problems.Add($"{what}: \"{push}\" nudges towards contact or reunion; the safety wording never does (no reply owed, a plan, the hotline).");
    }

    private static void CheckCompliance(string what, string text, List<string> problems)
    {
        foreach (var fact in ComplianceFacts)
        {
            if (!text.Contains(fact, StringComparison.OrdinalIgnoreCase))
                problems.Add($"{what}: must include \"{fact}\" (the programme name, frequency, rates, HELP and STOP go in every opt-in, welcome, START and HELP text).");
        }
    }

    /// <summary>An email paragraph that names a keyword to text is for people who get our texts: mark it [texts].</summary>
    private static void CheckEmailAudience(string what, string markdown, List<string> problems)
    {
        foreach (var paragraph in markdown.ReplaceLineEndings("\n").Split("\n\n"))
        {
            var trimmed = paragraph.TrimStart();
            if (trimmed.StartsWith(MessageRenderer.TextsOnlyMarker, StringComparison.Ordinal)) continue;
            var keyword = TextKeywords.FirstOrDefault(k => Regex.IsMatch(trimmed, $@"\b{k}\b", RegexOptions.CultureInvariant));
            if (keyword is not null)
                problems.Add($"{what}: the paragraph naming {keyword} is not true for someone who gets only email; start it with {MessageRenderer.TextsOnlyMarker} so it goes only to people who get our texts.");
        }
    }

    private static void CheckTrueWording(string what, string text, List<string> problems)
    {
        var body = MessageRenderer.ForAudience(text, canText: true).TrimStart();
        if (StartsLowerCase(body))
            problems.Add($"{what}: starts with a lower-case word; begin with a capital (or {{He}}, {{His}}..., or {{name}}).");
        foreach (Match m in OneADay().Matches(text))
            problems.Add($"{what}: \"{m.Value}\" is not true after the first weeks (messages become weekly); say \"up to 1 message a day\".");
        if (text.Contains("HETEXTED", StringComparison.Ordinal) && !text.Contains("REACHEDOUT", StringComparison.Ordinal))
            problems.Add($"{what}: mentions HETEXTED but not REACHEDOUT; name REACHEDOUT too, so it reads right whoever the ex is.");
    }

    private static bool StartsLowerCase(string text)
    {
        var pieces = Placeholders.Pieces(text).Take(1).ToList();
        if (pieces.Count == 0) return false;
        var first = pieces[0];
        return first.Kind switch
        {
            Placeholders.PieceKind.Literal => first.Text.TrimStart() is { Length: > 0 } t && char.IsLower(t[0]),
            // {name} is capitalised when filled; {he} {him}... and {is|are} are not.
            Placeholders.PieceKind.Hole => first.Text != Placeholders.NameHole && first.Text.Length > 0 && char.IsLower(first.Text[0]),
            _ => false,
        };
    }

    // "1 message a day", "one text a day", "1 msg/day": wrong once messages turn weekly, unless "up to" comes first.
    [GeneratedRegex(@"(?<!up to )\b(?:1|one)\s+(?:short\s+)?(?:message|msg|text|sms)s?\s*(?:a|per|/)\s*day\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OneADay();

    [GeneratedRegex(@"\b(?:when you (?:do )?(?:reply|answer|call back|write back)|keep it (?:friendly|light|casual)|friendly, casual|(?:reply|answer|call|text) (?:him|her|them) back|call back|get back together|try again|back together|hold on loosely|wants? you back|make up|give (?:him|her|them) (?:another|a second) chance|meet (?:him|her|them)|see (?:him|her|them) again)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ContactPush();
}
