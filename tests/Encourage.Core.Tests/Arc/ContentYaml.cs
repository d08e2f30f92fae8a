using System.Text;
using Encourage.Arc;
using Encourage.Replies;

namespace Encourage.Core.Tests.Arc;

/// <summary>One programme entry as a test writes it; Number null leaves 'entry:' out.</summary>
internal sealed record EntrySpec(int? Number, string Phase, int DaysAfter, string Sms, string Subject, string Body, bool Graduation = false,
    string? SafetySms = null, string? SafetySubject = null, string? SafetyBody = null, int? AssumesDays = null, string? AssumesAfter = null);

/// <summary>
/// Builds programme and replies YAML for lint tests: a programme that passes lint on its own, and the
/// embedded replies re-emitted, so each test breaks exactly one rule and the rest stays clean.
/// </summary>
internal static class ContentYaml
{
    /// <summary>44 daily entries across the eight phases, 8 weekly follow-ups and a graduation: clean under lint.</summary>
    public static List<EntrySpec> ValidEntries()
    {
        // Daily entries per phase, in order; let-go gets the first entry (days_after 0).
        int[] perPhase = [6, 7, 6, 7, 6, 6, 4, 2];
        var entries = new List<EntrySpec>();
        for (var p = 0; p < perPhase.Length; p++)
        {
            for (var i = 0; i < perPhase[p]; i++)
            {
                var n = entries.Count + 1;
                var reachOut = PhaseIds.InOrder[p] == PhaseIds.IfHeReachesOut;
                entries.Add(new EntrySpec(n, PhaseIds.InOrder[p], n == 1 ? 0 : 1,
                    $"Day {n}, {{name}}: one kind step today. {{He}} {{is|are}} living {{his}} life; live yours.",
                    $"Step {n}", $"Hi {{name}},\n\nParagraph one of step {n}.\n\nBe kind to yourself.\n",
                    SafetySms: reachOut ? $"Day {n}: you owe no one a reply. Help: {{crisis_line}}" : null,
                    SafetySubject: reachOut ? $"Safe step {n}" : null,
                    SafetyBody: reachOut ? "You owe no one a reply.\n\nHelp is there: {crisis_line}.\n" : null));
            }
        }
        for (var i = 0; i < 8; i++)
        {
            var n = entries.Count + 1;
            entries.Add(new EntrySpec(n, PhaseIds.LivingWell, 7, $"Week {i + 1}, {{name}}: keep living well.", $"Week {i + 1}", "Weekly.\n\nStill here."));
        }
        entries.Add(new EntrySpec(entries.Count + 1, PhaseIds.LivingWell, 7, "Last one, {name}. Go well.", "Go well", "The end.\n", Graduation: true));
        return entries;
    }

    public static string Programme(IEnumerable<EntrySpec> entries, IEnumerable<string>? phaseIds = null)
    {
        var sb = new StringBuilder("phases:\n");
        foreach (var id in phaseIds ?? PhaseIds.InOrder)
            sb.Append("  - id: ").Append(Quote(id)).Append("\n    title: ").Append(Quote("Title of " + id)).Append('\n');
        sb.Append("entries:\n");
        foreach (var e in entries)
        {
            sb.Append("  - ");
            if (e.Number is { } n) sb.Append("entry: ").Append(n).Append("\n    ");
            sb.Append("phase: ").Append(Quote(e.Phase)).Append('\n');
            sb.Append("    days_after: ").Append(e.DaysAfter).Append('\n');
            if (e.Graduation) sb.Append("    graduation: true\n");
            sb.Append("    sms: ").Append(Quote(e.Sms)).Append('\n');
            sb.Append("    email_subject: ").Append(Quote(e.Subject)).Append('\n');
            sb.Append("    email_body: ").Append(Quote(e.Body)).Append('\n');
            if (e.AssumesDays is { } days) sb.Append("    assumes_days: ").Append(days).Append('\n');
            if (e.AssumesAfter is { } after) sb.Append("    assumes_after: ").Append(Quote(after)).Append('\n');
            if (e.SafetySms is { } safeSms) sb.Append("    safety_sms: ").Append(Quote(safeSms)).Append('\n');
            if (e.SafetySubject is { } safeSubject) sb.Append("    safety_email_subject: ").Append(Quote(safeSubject)).Append('\n');
            if (e.SafetyBody is { } safeBody) sb.Append("    safety_email_body: ").Append(Quote(safeBody)).Append('\n');
        }
        return sb.ToString();
    }

    public static string ValidProgramme() => Programme(ValidEntries());

    /// <summary>The embedded replies as editable collections.</summary>
    public sealed class RepliesModel
    {
        public List<string> RecoveryLines { get; } = [];
        public Dictionary<string, Dictionary<string, string>> Slips { get; } = [];
        public Dictionary<string, string> Messages { get; } = [];
    }

    public static RepliesModel EmbeddedReplies()
    {
        var book = ReplyBook.Parse(EmbeddedContent.Read(EmbeddedContent.RepliesResource));
        var model = new RepliesModel();
        model.RecoveryLines.AddRange(book.RecoveryLines);
        foreach (var (kind, byPhase) in book.Slips) model.Slips[kind] = new Dictionary<string, string>(byPhase);
        foreach (var key in book.Keys) model.Messages[key] = book.Template(key)!;
        return model;
    }

    public static string Replies(RepliesModel model)
    {
        var sb = new StringBuilder("recovery_lines:\n");
        foreach (var line in model.RecoveryLines) sb.Append("  - ").Append(Quote(line)).Append('\n');
        sb.Append("slips:\n");
        foreach (var (kind, byPhase) in model.Slips)
        {
            sb.Append("  ").Append(Quote(kind)).Append(":\n");
            foreach (var (phase, text) in byPhase) sb.Append("    ").Append(Quote(phase)).Append(": ").Append(Quote(text)).Append('\n');
        }
        sb.Append("messages:\n");
        foreach (var (key, text) in model.Messages) sb.Append("  ").Append(Quote(key)).Append(": ").Append(Quote(text)).Append('\n');
        return sb.ToString();
    }

    public static string ValidReplies() => Replies(EmbeddedReplies());

    /// <summary>A YAML double-quoted scalar, so any test text round-trips exactly.</summary>
    public static string Quote(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < ' ') sb.Append($"\\u{(int)c:X4}");
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }
}
