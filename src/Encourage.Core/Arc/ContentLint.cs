using System.Globalization;
using System.Text.RegularExpressions;
using Encourage.Replies;

namespace Encourage.Arc;

/// <summary>
/// Checks programme.yaml and replies.yaml before anyone receives them: SMS that fit one segment in every
/// case, numbering and phase order, placeholders, the reply keys code relies on, carrier keywords, and tone
/// rules (no promises he will come back, no shaming, no "start over"). Each problem names where it is and what is wrong.
/// </summary>
public static partial class ContentLint
{
    public const int MinDailyEntries = 42;
    public const int MinWeeklyEntries = 8;
    public const int MinRecoveryLines = 6;

    /// <summary>Recovery lines open a message whose own text must still fit, so they are kept short.</summary>
    public const int MaxRecoveryLineSeptets = 48;

    /// <summary>Replies carrying a link may run to this many segments.</summary>
    public const int MaxLinkReplySegments = 3;

    /// <summary>A first name of the longest allowed length, to check every SMS in its worst case.</summary>
    internal static readonly string LongestName = "Maximiliana-Cordelia";

    /// <summary>Named values at their longest plausible size, for the same reason.</summary>
    internal static readonly IReadOnlyDictionary<string, string> LongestValues = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ReplyKeys.LinkValue] = "https://" + new string('x', 142),
        [ReplyKeys.LongestValue] = "9999",
        [ReplyKeys.DayValue] = "999",
        [ReplyKeys.DaysValue] = "30",
        [ReplyKeys.UntilValue] = "Wednesday, September 30",
        [ReplyKeys.ZoneValue] = "America/Argentina/ComodRivadavia",
        [ReplyKeys.SupportValue] = new string('s', Hosting.SupportContact.MaxLength),
        [ReplyKeys.CrisisLineValue] = new string('c', MaxCrisisLineLength),
        [ReplyKeys.NoContactValue] = "999",
        [ReplyKeys.SlipsValue] = "99",
        [ReplyKeys.WinsValue] = "99",
        [ReplyKeys.TimeValue] = "12:55pm",
        [ReplyKeys.FromValue] = "when your messages resume",
    };

    /// <summary>The longest crisis line (<c>ICrisisHelp.CrisisLine</c>) the SMS budgets allow for.</summary>
    public const int MaxCrisisLineLength = 40;

    /// <summary>HELP must fit two segments (carriers read it whole).</summary>
    public const int MaxHelpSegments = 2;

    /// <summary>The compliance facts every opt-in, welcome, START and HELP text carries (CTIA; 10DLC campaign review).</summary>
    internal static readonly string[] ComplianceFacts = ["Encourage", "up to 1 msg/day", "Msg & data rates may apply", "HELP", "STOP"];

    /// <summary>Keys whose texts must carry <see cref="ComplianceFacts"/>.</summary>
    internal static readonly string[] ComplianceKeys = [ReplyKeys.ConfirmSms, ReplyKeys.WelcomeSms, ReplyKeys.StartAgain, ReplyKeys.Help, ReplyKeys.Join];

    /// <summary>Keywords a subscriber can text us; an email that names one is only for people who get our texts.</summary>
    internal static readonly string[] TextKeywords =
        ["URGE", "SLIP", "TEXTED", "CALLED", "DROVEBY", "CHECKED", "ASKED", "SHOWEDUP", "REPLIED", "HETEXTED", "HECALLED", "REACHEDOUT", "STATUS", "PAUSE", "RESUME", "DONE", "PRIVATE"];

    /// <summary>Words a carrier or Twilio acts on when a message is only that word.</summary>
    internal static readonly string[] CarrierKeywords =
        ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT", "START", "UNSTOP", "YES", "HELP", "INFO"];

    /// <summary>What must appear in a reply for code or compliance to work, whatever an editor rewrites.</summary>
    private static readonly Dictionary<string, string[]> Required = new(StringComparer.Ordinal)
    {
        [ReplyKeys.ConfirmSms] = ["YES"],
        [ReplyKeys.WelcomeSms] = ["{link}", "{crisis_line}"],
        [ReplyKeys.WelcomeEmail] = ["{link}", "{crisis_line}"],
        [ReplyKeys.ConfirmEmail] = ["{link}"],
        [ReplyKeys.EmailFooter] = ["{link}"],
        [ReplyKeys.UrgeCheckback] = ["Reply OK", "TEXTED"],
        [ReplyKeys.Stop] = ["START"],
        [ReplyKeys.Help] = ["Encourage", "{support}", "automated", "URGE", "STATUS", "TIME", "STOP"],
        [ReplyKeys.HelpManage] = ["{link}"],
        [ReplyKeys.HelpUnsubscribed] = ["Encourage", "JOIN", "{support}"],
        [ReplyKeys.Safety] = ["988", "National Domestic Violence Hotline", "1-800-799-7233", "START to 88788", "911"],
        [ReplyKeys.Join] = ["YES", "{zone}", "America/Chicago"],
        [ReplyKeys.HeTextedSafety] = ["{crisis_line}"],
        [ReplyKeys.HeCalledSafety] = ["{crisis_line}"],
        [ReplyKeys.TimezoneChanged] = ["{zone}"],
        [ReplyKeys.StatusSummary] = ["{day}", "{nocontact}", "{longest}", "{slips}"],
        [ReplyKeys.DoneCheck] = ["{crisis_line}", "automated", "DONE"],
        [ReplyKeys.SafetyCheck] = ["{crisis_line}", "automated"],
        [ReplyKeys.TimeChanged] = ["{time}", "{from}"],
        [ReplyKeys.Pause] = ["{until}", "RESUME"],
    };

    private static readonly Pronoun[] AllPronouns = [Pronoun.Him, Pronoun.Her, Pronoun.Them];

    /// <summary>Lints parsed content; an empty list means it is fit to send.</summary>
    public static IReadOnlyList<string> Check(Programme programme, ReplyBook replies)
    {
        ArgumentNullException.ThrowIfNull(programme);
        ArgumentNullException.ThrowIfNull(replies);
        var problems = new List<string>();
        var recoveryBudget = LongestRecoveryLine(replies);
        CheckPhases(programme, problems);
        CheckNumbering(programme, problems);
        CheckEntries(programme, recoveryBudget, problems);
        CheckSchedule(programme, problems);
        CheckReplies(replies, problems);
        return problems;
    }

    /// <summary>Parses and lints; a file that cannot be parsed yields its parse problems.</summary>
    public static IReadOnlyList<string> CheckYaml(string programmeYaml, string repliesYaml)
    {
        var problems = new List<string>();
        Programme? programme = null;
        ReplyBook? replies = null;
        try { programme = Programme.Parse(programmeYaml); }
        catch (ContentException e) { problems.AddRange(e.Problems); }
        try { replies = ReplyBook.Parse(repliesYaml); }
        catch (ContentException e) { problems.AddRange(e.Problems); }
        if (programme is null || replies is null) return problems;
        return Check(programme, replies);
    }

    private static void CheckPhases(Programme programme, List<string> problems)
    {
        var ids = programme.Phases.Select(p => p.Id).ToList();
        if (!ids.SequenceEqual(PhaseIds.InOrder, StringComparer.Ordinal))
            problems.Add($"phases: expected exactly these ids in this order: {string.Join(", ", PhaseIds.InOrder)}; found: {string.Join(", ", ids)}.");
        foreach (var phase in programme.Phases.Where(p => string.IsNullOrWhiteSpace(p.Title)))
            problems.Add($"phase '{phase.Id}': the title is empty.");
    }

    private static void CheckNumbering(Programme programme, List<string> problems)
    {
        var previous = 0;
        for (var i = 0; i < programme.WrittenNumbers.Count; i++)
        {
            var position = i + 1;
            var written = programme.WrittenNumbers[i];
            if (written is not { } n)
            {
                problems.Add($"entry {previous + 1} (position {position}, after entry {previous}): the 'entry:' number is missing.");
                previous++;
                continue;
            }
            if (n == previous)
                problems.Add($"entry {n}: the number {n} is used twice (positions {position - 1} and {position}); renumber the entries from here.");
            else if (n < previous)
                problems.Add($"entry {n}: comes after entry {previous}; entries are numbered 1, 2, 3... in order.");
            else if (n > previous + 1)
                problems.Add(previous == 0
                    ? $"entry {n}: the first entry must be number 1, not {n}."
                    : $"entry {n}: numbers jump from {previous} to {n}, so there is no entry {previous + 1}; renumber the entries from here.");
            previous = n;
        }
    }

    private static void CheckEntries(Programme programme, int recoveryBudget, List<string> problems)
    {
        var phaseIndex = programme.Phases.Select((p, i) => (p.Id, i)).GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        var lastPhase = -1;
        var lastPhaseId = "";
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in programme.Entries)
        {
            var name = EntryName(programme, entry);
            if (!phaseIndex.TryGetValue(entry.PhaseId, out var index))
            {
                problems.Add($"{name}: unknown phase '{entry.PhaseId}' (expected one of: {string.Join(", ", programme.Phases.Select(p => p.Id))}).");
            }
            else
            {
                used.Add(entry.PhaseId);
                if (index < lastPhase)
                    problems.Add($"{name}: phase '{entry.PhaseId}' comes after '{lastPhaseId}'; phases never go backwards.");
                else
                {
                    lastPhase = index;
                    lastPhaseId = entry.PhaseId;
                }
            }

            CheckWording(name, "", entry.Text, recoveryBudget, problems);
            if (entry.Safety is { } safe) CheckWording(name, "safety_", safe, recoveryBudget, problems);
            CheckTruth(entry, name, problems);
        }
        foreach (var phase in programme.Phases.Where(p => !used.Contains(p.Id)))
            problems.Add($"phase '{phase.Id}': no entry belongs to it.");
    }

    private static void CheckWording(string name, string prefix, EntryText text, int recoveryBudget, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text.Sms)) problems.Add($"{name}: the {prefix}sms is empty.");
        else CheckSms($"{name}: {prefix}sms", text.Sms, ProgrammeValues, recoveryBudget + 1, 1, problems);
        if (string.IsNullOrWhiteSpace(text.EmailSubject)) problems.Add($"{name}: the {prefix}email_subject is empty.");
        if (string.IsNullOrWhiteSpace(text.EmailMarkdown)) problems.Add($"{name}: the {prefix}email_body is empty.");
        CheckText($"{name}: {prefix}email_subject", text.EmailSubject, ProgrammeValues, personal: true, problems);
        CheckText($"{name}: {prefix}email_body", text.EmailMarkdown, ProgrammeValues, personal: true, problems);
        CheckEmailAudience($"{name}: {prefix}email_body", text.EmailMarkdown, problems);
        if (prefix.Length > 0)
        {
            CheckNoPushTowardsContact($"{name}: {prefix}sms", text.Sms, problems);
            CheckNoPushTowardsContact($"{name}: {prefix}email_body", text.EmailMarkdown, problems);
        }
    }

    private static void CheckSchedule(Programme programme, List<string> problems)
    {
        var entries = programme.Entries;
        if (entries.Count == 0)
        {
            problems.Add("entries: there are none.");
            return;
        }
        var daily = 0;
        var weekly = 0;
        int? weeklyFrom = null;
        foreach (var entry in entries)
        {
            var name = EntryName(programme, entry);
            var last = entry.Number == entries.Count;
            if (entry.Number == 1)
            {
                if (entry.DaysAfterPrevious != 0) problems.Add($"{name}: the first entry goes out when the subscription starts, so days_after must be 0, not {entry.DaysAfterPrevious}.");
                daily++;
            }
            else if (entry.DaysAfterPrevious == 1)
            {
                if (weeklyFrom is { } from) problems.Add($"{name}: days_after 1 after the weekly follow-ups began at entry {from}; all daily messages come first.");
                daily++;
            }
            else if (entry.DaysAfterPrevious == 7)
            {
                weeklyFrom ??= entry.Number;
                if (!entry.IsGraduation) weekly++;
                if (entry.PhaseId != PhaseIds.LivingWell) problems.Add($"{name}: weekly follow-ups (days_after 7) belong to phase '{PhaseIds.LivingWell}', not '{entry.PhaseId}'.");
            }
            else
            {
                problems.Add($"{name}: days_after must be 0 (first entry), 1 (daily) or 7 (weekly), not {entry.DaysAfterPrevious}.");
            }
            if (entry.IsGraduation && !last) problems.Add($"{name}: 'graduation: true' is only for the last entry.");
            if (last && !entry.IsGraduation) problems.Add($"{name}: the last entry must be the final graduation message ('graduation: true'); there is no graduation.");
            if (last && entry.IsGraduation && entry.DaysAfterPrevious != 7) problems.Add($"{name}: the graduation comes a week after the last follow-up, so days_after must be 7.");
        }
        if (daily < MinDailyEntries) problems.Add($"entries: only {daily} daily messages; at least {MinDailyEntries} are needed.");
        if (weekly < MinWeeklyEntries) problems.Add($"entries: only {weekly} weekly follow-ups (days_after 7, before the graduation); at least {MinWeeklyEntries} are needed.");
    }

    private static void CheckReplies(ReplyBook replies, List<string> problems)
    {
        if (replies.RecoveryLines.Count < MinRecoveryLines)
            problems.Add($"recovery_lines: only {replies.RecoveryLines.Count}; at least {MinRecoveryLines} are needed.");
        for (var i = 0; i < replies.RecoveryLines.Count; i++)
        {
            var what = $"recovery_lines[{i + 1}]";
            var line = replies.RecoveryLines[i];
            if (string.IsNullOrWhiteSpace(line)) { problems.Add($"{what}: is empty."); continue; }
            CheckSms(what, line, [], 0, 1, problems);
            var longest = Longest(line, []);
            if (longest > MaxRecoveryLineSeptets)
                problems.Add($"{what}: is {longest} characters with the longest name; a recovery line may be at most {MaxRecoveryLineSeptets}.");
            if (line.Contains('\n', StringComparison.Ordinal)) problems.Add($"{what}: must be one line.");
        }

        var kinds = Enum.GetValues<SlipKind>().Select(ReplyBook.SlipKey).ToList();
        foreach (var kind in replies.Slips.Keys.Where(k => !kinds.Contains(k)))
            problems.Add($"slips.{kind}: unknown slip kind (expected: {string.Join(", ", kinds)}).");
        foreach (var kind in kinds)
        {
            if (!replies.Slips.TryGetValue(kind, out var byPhase))
            {
                problems.Add($"slips.{kind}: is missing (it needs a reply for every phase).");
                continue;
            }
            foreach (var phase in byPhase.Keys.Where(p => !PhaseIds.InOrder.Contains(p)))
                problems.Add($"slips.{kind}.{phase}: unknown phase (expected: {string.Join(", ", PhaseIds.InOrder)}).");
            foreach (var phase in PhaseIds.InOrder)
            {
                var what = $"slips.{kind}.{phase}";
                if (!byPhase.TryGetValue(phase, out var text)) problems.Add($"{what}: is missing.");
                else if (string.IsNullOrWhiteSpace(text)) problems.Add($"{what}: is empty.");
                else
                {
                    CheckSms(what, text, [], 0, 1, problems);
                    if (phase == PhaseIds.GiveSpace) CheckNoPushTowardsContact(what + " (also the safety-mode reply for every phase)", text, problems);
                }
            }
        }

        foreach (var key in replies.Keys.Where(k => !ReplyKeys.All.Contains(k)))
            problems.Add($"messages.{key}: is not a key the code uses (a typo?). Known keys: {string.Join(", ", ReplyKeys.All)}.");
        foreach (var key in ReplyKeys.All)
        {
            var what = $"messages.{key}";
            var text = replies.Template(key);
            if (text is null) { problems.Add($"{what}: is missing."); continue; }
            if (string.IsNullOrWhiteSpace(text)) { problems.Add($"{what}: is empty."); continue; }
            var values = ReplyKeys.ValuesOf(key);
            var personal = ReplyKeys.IsPersonal(key);
            if (ReplyKeys.IsSms(key))
            {
                var segments = key is ReplyKeys.Help or ReplyKeys.Join ? MaxHelpSegments : values.Contains(ReplyKeys.LinkValue) ? MaxLinkReplySegments : 1;
                CheckSms(what, text, values, 0, segments, problems, personal);
            }
            else
            {
                CheckText(what, text, values, personal, problems);
                if (ReplyKeys.IsEmailSubject(key) && text.Contains('\n', StringComparison.Ordinal)) problems.Add($"{what}: a subject must be one line.");
                else if (!ReplyKeys.IsEmailSubject(key) && !ReplyKeys.IsEmailReply(key)) CheckEmailAudience(what, text, problems);
            }
            if (ComplianceKeys.Contains(key)) CheckCompliance(what, text, problems);
            if (key is ReplyKeys.HeTextedSafety or ReplyKeys.HeCalledSafety) CheckNoPushTowardsContact(what, text, problems);
            foreach (var required in Required.GetValueOrDefault(key) ?? [])
            {
                if (!text.Contains(required, StringComparison.Ordinal))
                    problems.Add($"{what}: must include \"{required}\".");
            }
        }
    }

    /// <summary>Everything <see cref="CheckText"/> checks, plus GSM-7 only, no carrier keyword alone on a line, and the segment budget in the worst case.</summary>
    private static void CheckSms(string what, string text, IReadOnlyList<string> values, int reserved, int maxSegments, List<string> problems, bool personal = true)
    {
        CheckText(what, text, values, personal, problems);
        for (var i = 0; i < text.Length; i++)
        {
            if (Gsm7.IsGsm7(text[i])) continue;
            var ch = char.IsSurrogatePair(text, i) ? text.Substring(i, 2) : text[i].ToString();
            var code = string.Create(CultureInfo.InvariantCulture, $"U+{(ch.Length == 2 ? char.ConvertToUtf32(text, i) : text[i]):X4}");
            problems.Add($"{what}: the character '{ch}' ({code}) at position {i + 1} is not GSM-7{Suggest(text[i])}; one such character makes the text UCS-2 and halves what fits in a segment.");
            if (ch.Length == 2) i++;
        }
        foreach (var line in text.Split('\n'))
        {
            var word = line.Trim().TrimEnd('.', '!', '?', ',', ':', ';').Trim();
            if (CarrierKeywords.Contains(word, StringComparer.OrdinalIgnoreCase))
                problems.Add($"{what}: has a line that is only \"{line.Trim()}\"; Twilio acts on a message that is just a keyword like that, so put it in a sentence.");
        }
        if (Placeholders.Unknown(text, values).Count > 0 || (!personal && UsesPersonal(text))) return;
        var septets = Longest(text, values) + reserved;
        var limit = maxSegments == 1 ? Gsm7.SingleSeptets : maxSegments * Gsm7.PartSeptets;
        if (septets > limit)
        {
            var detail = reserved > 0 ? " with the longest name, pronouns and recovery line" : values.Count > 0 ? " with the longest name and values (a 150-character link)" : " with the longest name and pronouns";
            problems.Add(maxSegments == 1
                ? $"{what}: is {septets} GSM-7 characters{detail}; one SMS segment holds {Gsm7.SingleSeptets}, so cut {septets - Gsm7.SingleSeptets}."
                : $"{what}: is {septets} GSM-7 characters{detail}; it may be at most {maxSegments} segments ({limit}), so cut {septets - limit}.");
        }
    }

    /// <summary>Placeholders, personal holes in texts for non-subscribers, pronoun agreement, tone and true wording.</summary>
    private static void CheckText(string what, string text, IReadOnlyList<string> values, bool personal, List<string> problems)
    {
        CheckTrueWording(what, text, problems);
        foreach (var unknown in Placeholders.Unknown(text, values))
        {
            var allowed = values.Count > 0 ? $"; here you can use {{name}}, the pronouns, {{singular|plural}} and {string.Join(" ", values.Select(v => "{" + v + "}"))}" : "";
            problems.Add($"{what}: unknown placeholder {unknown}{allowed}.");
        }
        if (!personal && UsesPersonal(text))
            problems.Add($"{what}: uses {{name}} or a pronoun, but it goes to people who are not subscribed, so neither is known.");
        foreach (Match m in UnagreedVerb().Matches(text))
        {
            if (m.Groups["verb"].Value is { } verb && !SingularOnlyWordsAfterPronoun.Contains(verb))
                problems.Add($"{what}: \"{m.Value}\" reads wrong for 'they'; write the verb as {{{verb}|{PluralGuess(verb)}}}.");
        }
        foreach (Match m in StandalonePossessive().Matches(text))
            problems.Add($"{what}: \"{m.Value}\" reads wrong for 'her' and 'their' ({m.Groups["his"].Value} stands alone); let a noun follow it, e.g. \"{m.Groups["his"].Value} life\".");
        foreach (Match m in PronounContraction().Matches(text))
            problems.Add($"{what}: \"{m.Value}\" reads wrong for 'they'; write {m.Groups["he"].Value} {{is|are}} or {m.Groups["he"].Value} {{has|have}}.");
        var plain = Placeholders.Fill(text, Pronoun.Him, hole => hole);
        foreach (Match m in Promise().Matches(plain))
            problems.Add($"{what}: \"{m.Value}\" promises he will come back; the content never does.");
        foreach (Match m in Shaming().Matches(plain))
            problems.Add($"{what}: \"{m.Value}\" can read as shaming; say it kindly.");
        foreach (Match m in Restart().Matches(plain))
            problems.Add($"{what}: \"{m.Value}\" treats a slip as a reset; a slip is normal and you go on.");
    }

    private static bool UsesPersonal(string text) =>
        Placeholders.Holes(text).Any(h => h == Placeholders.NameHole || Placeholders.PronounHoles.Contains(h) || Placeholders.IsAgreement(h));

    /// <summary>Septets of the text at its longest, over every pronoun, with the longest name and values.</summary>
    private static int Longest(string text, IReadOnlyList<string> values) =>
        AllPronouns.Max(p => Gsm7.Septets(Placeholders.Fill(text, LongestName, p, LongestValues.Where(v => values.Contains(v.Key)).ToDictionary())));

    private static int LongestRecoveryLine(ReplyBook replies) =>
        replies.RecoveryLines.Where(l => Placeholders.Unknown(l, []).Count == 0).Select(l => Longest(l, [])).DefaultIfEmpty(0).Max();

    private static string EntryName(Programme programme, ProgrammeEntry entry) =>
        $"entry {programme.WrittenNumbers[entry.Number - 1] ?? entry.Number}";

    private static string Suggest(char c) => c switch
    {
        '\u2018' or '\u2019' or '\u02BC' => " (use a straight ' instead)",
        '\u201C' or '\u201D' => " (use a straight \" instead)",
        '\u2013' or '\u2014' => " (use - or a comma instead)",
        '\u2026' => " (use ... instead)",
        '\u00A0' => " (use an ordinary space)",
        _ => "",
    };

    private static string PluralGuess(string verb) =>
        verb.EndsWith("es", StringComparison.Ordinal) && (verb.EndsWith("ches", StringComparison.Ordinal) || verb.EndsWith("shes", StringComparison.Ordinal) || verb.EndsWith("sses", StringComparison.Ordinal) || verb.EndsWith("xes", StringComparison.Ordinal))
            ? verb[..^2]
            : verb switch { "is" => "are", "has" => "have", "was" => "were", "does" => "do", "doesn't" => "don't", "isn't" => "aren't", "hasn't" => "haven't", "wasn't" => "weren't", _ => verb[..^1] };

    // Words after {he} that end in s but are not verbs needing agreement.
    private static readonly HashSet<string> SingularOnlyWordsAfterPronoun = new(StringComparer.OrdinalIgnoreCase) { "always", "perhaps", "sometimes", "unless", "as", "thus", "yes" };

    // An adverb may sit between pronoun and verb ("{he} ever makes"); "never {comes|come}" is fine because braces are not letters.
    [GeneratedRegex(@"\{(?:he|He)\}\s+(?:(?:ever|never|still|also|just|only|always|often|sometimes|probably|\w+ly)\s+)?(?<verb>[a-z]+s|isn't|doesn't|hasn't|wasn't)\b", RegexOptions.CultureInvariant)]
    private static partial Regex UnagreedVerb();

    [GeneratedRegex(@"(?<he>\{(?:he|He)\})'s\b", RegexOptions.CultureInvariant)]
    private static partial Regex PronounContraction();

    // "his" as a pronoun on its own ("be his", "his to live") has no her/their form that fits: "hers"/"theirs".
    [GeneratedRegex(@"(?<his>\{(?:his|His)\})(?=\s*(?:[.,;:!?)]|$|\s(?:to|and|or|too)\b))", RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex StandalonePossessive();

    [GeneratedRegex(@"\b(?:he|she|they)(?:\s+will|'ll|\s+is going to|'s going to|\s+are going to|\s+is sure to)\s+(?:\w+\s+)?(?:come back|come running|return|want you back|miss you|realize|regret)\b|\bwhen (?:he|she|they) (?:comes?|come) back\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Promise();

    [GeneratedRegex(@"\b(?:pathetic|desperate|needy|clingy|creepy|weak|stupid|failed|failure|failing|shameful|ashamed|crazy|loser|should have known|should know better|no excuse)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Shaming();

    [GeneratedRegex(@"\b(?:start(?:ing)? over|restart\w*|from scratch|square one|back to day (?:1|one)|reset your)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Restart();
}
