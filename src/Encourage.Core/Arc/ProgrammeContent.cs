namespace Encourage.Arc;

/// <summary>
/// The arc: phases in the guide's order and the entries that walk through them, read from programme.yaml.
/// Entries are numbered by their position (1..N); the numbers written in the file are kept only so lint
/// can catch a gap or a duplicate an editor introduced.
/// </summary>
public sealed class Programme
{
    public const int MaxFirstNameLength = 20;

    internal const string FileName = "programme.yaml";

    private static readonly string[] TopKeys = ["phases", "entries"];
    private static readonly string[] PhaseKeys = ["id", "title"];
    private static readonly string[] EntryKeys =
    [
        "entry", "phase", "days_after", "sms", "email_subject", "email_body", "graduation",
        "assumes_days", "assumes_after", "safety_sms", "safety_email_subject", "safety_email_body",
    ];

    /// <summary>Programme position is kept as a bit per entry (<c>Subscriber.SentEntries</c>), so at most 63 entries.</summary>
    public const int MaxEntries = 63;

    private Programme(IReadOnlyList<Phase> phases, IReadOnlyList<ProgrammeEntry> entries, IReadOnlyList<int?> writtenNumbers)
    {
        Phases = phases;
        Entries = entries;
        WrittenNumbers = writtenNumbers;
    }

    public IReadOnlyList<Phase> Phases { get; }

    /// <summary>Every entry, numbered 1..N in order.</summary>
    public IReadOnlyList<ProgrammeEntry> Entries { get; }

    /// <summary>The <c>entry:</c> number written in the file for each entry, in order (null where it was left out).</summary>
    internal IReadOnlyList<int?> WrittenNumbers { get; }

    /// <summary>The entry with this number, or null past the end (or before the start).</summary>
    public ProgrammeEntry? Entry(int number) =>
        number >= 1 && number <= Entries.Count ? Entries[number - 1] : null;

    /// <summary>The phase of an entry; numbers past either end are clamped to the first or last entry.</summary>
    public Phase PhaseOf(int entryNumber)
    {
        if (Entries.Count == 0) return Phases.Count > 0 ? Phases[0] : new Phase(PhaseIds.LetGo, PhaseIds.LetGo);
        var entry = Entries[Math.Clamp(entryNumber, 1, Entries.Count) - 1];
        return Phases.FirstOrDefault(p => p.Id == entry.PhaseId) ?? new Phase(entry.PhaseId, entry.PhaseId);
    }

    /// <summary>The number of the first entry in a phase.</summary>
    /// <exception cref="ArgumentException">No entry belongs to that phase.</exception>
    public int FirstEntryOf(string phaseId)
    {
        foreach (var entry in Entries)
        {
            if (entry.PhaseId == phaseId) return entry.Number;
        }
        throw new ArgumentException($"No programme entry belongs to the phase '{phaseId}'.", nameof(phaseId));
    }

    /// <summary>The embedded programme, parsed and linted once (together with the embedded replies, which lint needs).</summary>
    /// <exception cref="ContentException">The embedded content fails lint.</exception>
    public static Programme LoadEmbedded() => EmbeddedContent.Programme;

    /// <summary>Reads programme YAML. Structural problems (bad YAML, wrong shapes, unknown fields) throw; content problems are left to <see cref="ContentLint"/>.</summary>
    /// <exception cref="ContentException">The YAML is malformed or not shaped like a programme; never any other exception.</exception>
    public static Programme Parse(string yaml)
    {
        if (yaml is null) throw new ContentException($"{FileName}: no text was given.");
        var root = YamlTree.Load(yaml, FileName);
        var r = new YamlReader(FileName);
        if (root is null || root is YamlScalar { Value.Length: 0 })
            throw new ContentException($"{FileName}: is empty; it needs 'phases:' and 'entries:'.");
        var top = r.Mapping(root, "the file");
        r.ThrowIfProblems();
        r.OnlyKeys(top!, "the file", TopKeys);

        var phases = new List<Phase>();
        if (r.Sequence(top!["phases"], "'phases'") is { } phaseList)
        {
            foreach (var node in phaseList.Items)
            {
                if (r.Mapping(node, "a phase") is not { } map) continue;
                r.OnlyKeys(map, "phase", PhaseKeys);
                var id = r.Text(map, "id", "phase");
                var title = r.Text(map, "title", "phase");
                if (id is null) r.Problem(map, "a phase has no 'id'.");
                phases.Add(new Phase(id ?? "", title ?? ""));
            }
        }

        var entries = new List<ProgrammeEntry>();
        var numbers = new List<int?>();
        if (r.Sequence(top!["entries"], "'entries'") is { } entryList)
        {
            foreach (var node in entryList.Items)
            {
                var position = entries.Count + 1;
                var what = $"entry {position} ({node.At})";
                if (r.Mapping(node, what) is not { } map)
                {
                    entries.Add(new ProgrammeEntry(position, "", 0, "", "", "", false));
                    numbers.Add(null);
                    continue;
                }
                r.OnlyKeys(map, what, EntryKeys);
                numbers.Add(r.Integer(map, "entry", what));
                var daysAfter = r.Integer(map, "days_after", what);
                if (daysAfter is null && map["days_after"] is null) r.Problem(map, $"{what}: 'days_after' is missing.");
                var assumedDays = r.Integer(map, "assumes_days", what);
                var assumedPhase = r.Text(map, "assumes_after", what);
                var safetySms = r.Text(map, "safety_sms", what);
                var safetySubject = r.Text(map, "safety_email_subject", what);
                var safetyBody = r.Text(map, "safety_email_body", what);
                var anySafety = safetySms is not null || safetySubject is not null || safetyBody is not null;
                entries.Add(new ProgrammeEntry(
                    position,
                    r.Text(map, "phase", what) ?? "",
                    daysAfter ?? 0,
                    r.Text(map, "sms", what) ?? "",
                    r.Text(map, "email_subject", what) ?? "",
                    r.Text(map, "email_body", what) ?? "",
                    r.Boolean(map, "graduation", what) ?? false,
                    assumedDays is not null || assumedPhase is not null ? new EntryAssumptions(assumedDays ?? 0, assumedPhase) : null,
                    anySafety ? new EntryText(safetySms ?? "", safetySubject ?? "", safetyBody ?? "") : null));
            }
        }
        r.ThrowIfProblems();
        return new Programme(phases, entries, numbers);
    }
}
