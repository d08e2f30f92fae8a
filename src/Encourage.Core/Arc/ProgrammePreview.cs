using Encourage.Replies;

namespace Encourage.Arc;

/// <summary>Writes the whole programme as one subscriber would read it, then every reply, so content can be read end to end before it ships.</summary>
public static class ProgrammePreview
{
    /// <summary>Realistic values for the named holes, so previewed replies read as they will arrive.</summary>
    internal static readonly IReadOnlyDictionary<string, string> SampleValues = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ReplyKeys.LinkValue] = "https://encourage.example/u/3fQx9",
        [ReplyKeys.LongestValue] = "20",
        [ReplyKeys.DayValue] = "15",
        [ReplyKeys.DaysValue] = "7",
        [ReplyKeys.UntilValue] = "Monday, March 9",
        [ReplyKeys.ZoneValue] = "America/Chicago",
        [ReplyKeys.SupportValue] = "help@encourage.example",
        [ReplyKeys.CrisisLineValue] = "988 (call or text)",
        [ReplyKeys.NoContactValue] = "4",
        [ReplyKeys.SlipsValue] = "1",
        [ReplyKeys.WinsValue] = "3",
        [ReplyKeys.TimeValue] = "7:30pm",
        [ReplyKeys.FromValue] = "tomorrow",
    };

    public static void Write(TextWriter writer, Programme programme, ReplyBook replies, string firstName, Pronoun pronoun)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(programme);
        ArgumentNullException.ThrowIfNull(replies);

        writer.WriteLine($"# Encourage programme for {firstName} ({pronoun.ToString().ToLowerInvariant()}): {programme.Entries.Count} entries");
        writer.WriteLine();
        var day = 1;
        foreach (var entry in programme.Entries)
        {
            day += entry.DaysAfterPrevious;
            var message = MessageRenderer.Render(entry.Text, firstName, pronoun, recoveryLine: null, SampleValues);
            var phase = programme.PhaseOf(entry.Number);
            var kind = entry.IsGraduation ? "graduation" : entry.DaysAfterPrevious == 7 ? "weekly" : "daily";
            writer.WriteLine($"## Day {day} - entry {entry.Number} ({kind}) - {phase.Title} [{phase.Id}]");
            writer.WriteLine();
            writer.WriteLine($"SMS ({Describe(message.Sms)}):");
            writer.WriteLine(message.Sms);
            writer.WriteLine();
            writer.WriteLine($"Email subject: {message.EmailSubject}");
            writer.WriteLine();
            writer.WriteLine(message.EmailText);
            writer.WriteLine();
            if (entry.Assumptions.Any)
            {
                var parts = new List<string>();
                if (entry.Assumptions.Days > 0) parts.Add($"at least {entry.Assumptions.Days} messages before it");
                if (entry.Assumptions.AfterPhase is { } after) parts.Add($"every '{after}' message before it");
                writer.WriteLine($"Assumes: {string.Join(", and ", parts)} (waits until that is true).");
                writer.WriteLine();
            }
            if (entry.Safety is { } safe)
            {
                var safeMessage = MessageRenderer.Render(safe, firstName, pronoun, recoveryLine: null, SampleValues);
                writer.WriteLine($"Safety wording, SMS ({Describe(safeMessage.Sms)}):");
                writer.WriteLine(safeMessage.Sms);
                writer.WriteLine();
                writer.WriteLine($"Safety wording, email subject: {safeMessage.EmailSubject}");
                writer.WriteLine();
                writer.WriteLine(safeMessage.EmailText);
                writer.WriteLine();
            }
        }

        writer.WriteLine("# Recovery lines (open the next message after a slip)");
        writer.WriteLine();
        for (var i = 0; i < replies.RecoveryLines.Count; i++)
            writer.WriteLine($"- {replies.RecoveryLine(i, firstName, pronoun)}");
        writer.WriteLine();

        writer.WriteLine("# Slip replies");
        foreach (var kind in Enum.GetValues<SlipKind>())
        {
            writer.WriteLine();
            writer.WriteLine($"## {ReplyBook.SlipKey(kind).ToUpperInvariant()}");
            foreach (var phase in programme.Phases)
            {
                if (!replies.Slips.TryGetValue(ReplyBook.SlipKey(kind), out var byPhase) || !byPhase.ContainsKey(phase.Id)) continue;
                var text = replies.Slip(kind, phase.Id, firstName, pronoun);
                writer.WriteLine($"- {phase.Id} ({Describe(text)}): {text}");
            }
        }
        writer.WriteLine();

        writer.WriteLine("# Other replies");
        foreach (var key in ReplyKeys.All.Where(k => replies.Keys.Contains(k)))
        {
            var text = replies.Text(key, firstName, pronoun, SampleValues);
            writer.WriteLine();
            writer.WriteLine(ReplyKeys.IsSms(key) ? $"## {key} ({Describe(text)})" : $"## {key}");
            writer.WriteLine(text.TrimEnd());
        }
    }

    private static string Describe(string sms)
    {
        var segments = Gsm7.Segments(sms);
        var encoding = Gsm7.IsGsm7(sms) ? $"{Gsm7.Septets(sms)} GSM-7 chars" : $"{sms.Length} UCS-2 chars";
        return $"{segments} segment{(segments == 1 ? "" : "s")}, {encoding}";
    }
}
