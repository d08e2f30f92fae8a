using Encourage.Arc;

namespace Encourage.Replies;

/// <summary>Every text Encourage sends besides the programme itself, read from replies.yaml.</summary>
public sealed class ReplyBook
{
    internal const string FileName = "replies.yaml";

    private static readonly string[] TopKeys = ["recovery_lines", "slips", "messages"];

    private readonly IReadOnlyDictionary<string, string> messages;

    // Values the same for every text (the support contact), filled wherever a text uses them.
    private readonly IReadOnlyDictionary<string, string> standing;

    private ReplyBook(
        IReadOnlyList<string> recoveryLines,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> slips,
        IReadOnlyDictionary<string, string> messages,
        IReadOnlyDictionary<string, string>? standing = null)
    {
        RecoveryLines = recoveryLines;
        Slips = slips;
        this.messages = messages;
        this.standing = standing ?? new Dictionary<string, string>(StringComparer.Ordinal);
        Keys = [.. messages.Keys];
    }

    /// <summary>
    /// The same texts, with values that are the same for everyone (e.g. <c>{support}</c>) filled in wherever a text
    /// uses them, so no caller has to pass them. Values a caller passes win.
    /// </summary>
    public ReplyBook WithStandingValues(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var merged = new Dictionary<string, string>(standing, StringComparer.Ordinal);
        foreach (var (k, v) in values) merged[k] = v;
        return new ReplyBook(RecoveryLines, Slips, messages, merged);
    }

    private IReadOnlyDictionary<string, string>? With(IReadOnlyDictionary<string, string>? values)
    {
        if (standing.Count == 0) return values;
        if (values is null || values.Count == 0) return standing;
        var merged = new Dictionary<string, string>(standing, StringComparer.Ordinal);
        foreach (var (k, v) in values) merged[k] = v;
        return merged;
    }

    /// <summary>The message keys present in the file.</summary>
    public IReadOnlyCollection<string> Keys { get; }

    /// <summary>The recovery line templates, unfilled.</summary>
    internal IReadOnlyList<string> RecoveryLines { get; }

    /// <summary>Slip reply templates by slip kind as written (e.g. "droveby"), then by phase id.</summary>
    internal IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Slips { get; }

    /// <summary>The unfilled template for a message key, or null.</summary>
    internal string? Template(string key) => messages.GetValueOrDefault(key);

    /// <summary>How a slip kind is written in replies.yaml and in the keyword a subscriber texts: its name in lower case.</summary>
    public static string SlipKey(SlipKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>The embedded replies, parsed and linted once together with the programme.</summary>
    /// <exception cref="ContentException">The embedded content fails lint.</exception>
    public static ReplyBook LoadEmbedded() => EmbeddedContent.Replies;

    /// <exception cref="KeyNotFoundException">The key is not in the book (embedded content always has every <see cref="ReplyKeys"/> key).</exception>
    /// <exception cref="ArgumentException">The text uses a named value that <paramref name="values"/> does not give.</exception>
    public string Text(string key, string firstName, Pronoun pronoun, IReadOnlyDictionary<string, string>? values = null)
    {
        var template = Template(key) ?? throw new KeyNotFoundException($"{FileName} has no message '{key}'.");
        return Placeholders.Fill(template, firstName, pronoun, With(values));
    }

    /// <summary>
    /// An email key (welcome_email, confirm_email, email_footer) rendered to HTML and plain text. Use this rather than
    /// <see cref="Text"/> for Markdown keys: it puts the name and values in after Markdown runs, so they cannot become markup.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The key is not in the book.</exception>
    public (string Html, string Text) Email(string key, string firstName, Pronoun pronoun, IReadOnlyDictionary<string, string>? values = null, bool canText = true)
    {
        var template = Template(key) ?? throw new KeyNotFoundException($"{FileName} has no message '{key}'.");
        return MessageRenderer.RenderMarkdown(template, firstName, pronoun, With(values), canText);
    }

    /// <summary>The reply to a reported slip, written for the phase the subscriber is in.</summary>
    /// <exception cref="KeyNotFoundException">No reply for that kind and phase.</exception>
    public string Slip(SlipKind kind, string phaseId, string firstName, Pronoun pronoun)
    {
        if (!Slips.TryGetValue(SlipKey(kind), out var byPhase) || !byPhase.TryGetValue(phaseId, out var template))
            throw new KeyNotFoundException($"{FileName} has no slip reply for '{SlipKey(kind)}' in phase '{phaseId}'.");
        return Placeholders.Fill(template, firstName, pronoun);
    }

    /// <summary>
    /// The reply to a slip for this person, written for the phase. In safety mode, where the phase's wording nudges
    /// towards the ex ("keep it friendly", "hold on loosely"), the give-space wording is used instead.
    /// </summary>
    public string SlipFor(Subscriptions.Subscriber subscriber, SlipKind kind, string phaseId)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        var text = Slip(kind, phaseId, subscriber.FirstName, subscriber.Pronoun);
        return subscriber.SafetyMode && Arc.ContentLint.PushTowardsContact(text).Count > 0
            ? Slip(kind, Arc.PhaseIds.GiveSpace, subscriber.FirstName, subscriber.Pronoun)
            : text;
    }

    /// <summary>A line to open the next programme message after a slip; the same seed always picks the same line.</summary>
    public string RecoveryLine(int seed, string firstName, Pronoun pronoun)
    {
        if (RecoveryLines.Count == 0) throw new InvalidOperationException($"{FileName} has no recovery lines.");
        var index = (int)(((long)seed % RecoveryLines.Count + RecoveryLines.Count) % RecoveryLines.Count);
        return Placeholders.Fill(RecoveryLines[index], firstName, pronoun);
    }

    /// <summary>Reads replies YAML. Structural problems throw; content problems are left to <see cref="ContentLint"/>.</summary>
    /// <exception cref="ContentException">The YAML is malformed or not shaped like a reply book; never any other exception.</exception>
    public static ReplyBook Parse(string yaml)
    {
        if (yaml is null) throw new ContentException($"{FileName}: no text was given.");
        var root = YamlTree.Load(yaml, FileName);
        if (root is null || root is YamlScalar { Value.Length: 0 })
            throw new ContentException($"{FileName}: is empty; it needs 'recovery_lines:', 'slips:' and 'messages:'.");
        var r = new YamlReader(FileName);
        var top = r.Mapping(root, "the file");
        r.ThrowIfProblems();
        r.OnlyKeys(top!, "the file", TopKeys);

        var recovery = new List<string>();
        if (r.Sequence(top!["recovery_lines"], "'recovery_lines'") is { } lines)
        {
            foreach (var node in lines.Items)
            {
                if (node is YamlScalar s) recovery.Add(s.Value);
                else r.Problem(node, "each recovery line should be text.");
            }
        }

        var slips = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        if (r.Mapping(top!["slips"], "'slips'") is { } slipMap)
        {
            foreach (var (kind, node) in slipMap.Pairs)
            {
                if (r.Mapping(node, $"slips.{YamlReader.Clip(kind)}") is not { } byPhase) continue;
                var replies = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (phase, text) in byPhase.Pairs)
                {
                    if (text is YamlScalar s) replies[phase] = s.Value;
                    else r.Problem(text, $"slips.{YamlReader.Clip(kind)}.{YamlReader.Clip(phase)} should be text.");
                }
                slips[kind] = replies;
            }
        }

        var messages = new Dictionary<string, string>(StringComparer.Ordinal);
        if (r.Mapping(top!["messages"], "'messages'") is { } messageMap)
        {
            foreach (var (key, node) in messageMap.Pairs)
            {
                if (node is YamlScalar s) messages[key] = s.Value;
                else r.Problem(node, $"messages.{YamlReader.Clip(key)} should be text.");
            }
        }
        r.ThrowIfProblems();
        return new ReplyBook(recovery, slips, messages);
    }
}
