using System.Globalization;
using System.Text;
using Encourage.Replies;

namespace Encourage.Safety;

/// <summary>One labelled text of the safety corpus.</summary>
public sealed record CorpusText(int Line, string Label, string Text);

/// <summary>Precision and recall of one label over the corpus.</summary>
public sealed record LabelFigures(string Label, int Texts, int Predicted, int Correct)
{
    public double Precision => Predicted == 0 ? 1 : (double)Correct / Predicted;
    public double Recall => Texts == 0 ? 1 : (double)Correct / Texts;
}

/// <summary>How the safety words did on the corpus: figures per label, and every text they got wrong.</summary>
public sealed record SafetyReport(IReadOnlyList<LabelFigures> Labels, IReadOnlyList<(CorpusText Text, string Predicted)> Wrong)
{
    public LabelFigures For(string label) => Labels.Single(l => l.Label == label);

    /// <summary>The report as the CLI prints it and the README quotes it.</summary>
    public string Format()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"safety corpus: {Labels.Sum(l => l.Texts)} texts");
        text.AppendLine("| label | texts | matched as | correct | precision | recall |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var l in Labels)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {l.Label} | {l.Texts} | {l.Predicted} | {l.Correct} | {l.Precision:P1} | {l.Recall:P1} |");
        }
        text.AppendLine(Wrong.Count == 0 ? "every text classified as labelled" : "classified differently from the label:");
        foreach (var (t, predicted) in Wrong)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  line {t.Line}: labelled {t.Label}, matched as {predicted}: {t.Text}");
        }
        return text.ToString();
    }
}

/// <summary>
/// The labelled corpus (safety-corpus.tsv, shipped inside the assembly so the CLI can report on it anywhere) and
/// its evaluation against <see cref="SafetyWords.Classify"/>.
/// </summary>
public static class SafetyCorpus
{
    public const string Crisis = "crisis";
    public const string Abuse = "abuse";
    public const string None = "none";

    /// <summary>A figure of speech or an everyday use of a danger word ("killing it"): scored as none, counted apart.</summary>
    public const string Idiom = "idiom";
    public static IReadOnlyList<string> Labels { get; } = [Crisis, Abuse, None];

    /// <summary>Every label a line may carry: <see cref="Labels"/> and <see cref="Idiom"/>.</summary>
    public static IReadOnlyList<string> AllLabels { get; } = [Crisis, Abuse, None, Idiom];
    internal const string ResourceName = "Encourage.Safety.safety-corpus.tsv";
    internal const string ExamplesResourceName = "Encourage.Safety.safety-examples.tsv";
    internal const string HeldOutResourceName = "Encourage.Safety.safety-heldout.tsv";

    /// <summary>The rules' corpus (safety-corpus.tsv): the list is held at 100% recall on it.</summary>
    public static IReadOnlyList<CorpusText> LoadEmbedded() => Load(ResourceName);

    /// <summary>The semantic layer's labelled examples: the rules' corpus, then safety-examples.tsv.</summary>
    public static IReadOnlyList<CorpusText> LoadExamples() => [.. Load(ResourceName), .. Load(ExamplesResourceName)];

    /// <summary>The held-out texts (safety-heldout.tsv): measured on, never tuned on.</summary>
    public static IReadOnlyList<CorpusText> LoadHeldOut() => Load(HeldOutResourceName);

    /// <summary>The label a figure is counted under: an idiom is a none.</summary>
    public static string Scored(string label) => label == Idiom ? None : label;

    private static IReadOnlyList<CorpusText> Load(string resourceName)
    {
        using var stream = typeof(SafetyCorpus).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded resource {resourceName} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>Reads "label&lt;TAB&gt;text" lines; # starts a comment. A bad line is an error naming it.</summary>
    public static IReadOnlyList<CorpusText> Parse(string tsv)
    {
        var texts = new List<CorpusText>();
        var lines = tsv.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#')) continue;
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            var label = tab < 0 ? "" : line[..tab].Trim();
            if (tab < 0 || !AllLabels.Contains(label) || line[(tab + 1)..].Trim().Length == 0)
            {
                throw new FormatException($"safety-corpus.tsv line {i + 1}: expected \"crisis|abuse|none|idiom<TAB>text\", got \"{line}\".");
            }
            texts.Add(new CorpusText(i + 1, label, line[(tab + 1)..].Trim()));
        }
        return texts;
    }

    /// <summary>The label the safety words give a text.</summary>
    public static string Predict(string text) => SafetyWords.Classify(text) switch
    {
        SafetyKind.SelfHarm => Crisis,
        SafetyKind.Abuse => Abuse,
        _ => None,
    };

    public static SafetyReport Evaluate(IReadOnlyList<CorpusText> corpus)
    {
        var predicted = corpus.Select(t => (Text: t, Predicted: Predict(t.Text))).ToList();
        var figures = Labels.Select(label => new LabelFigures(label,
            Texts: predicted.Count(p => Scored(p.Text.Label) == label),
            Predicted: predicted.Count(p => p.Predicted == label),
            Correct: predicted.Count(p => Scored(p.Text.Label) == label && p.Predicted == label))).ToList();
        return new SafetyReport(figures, predicted.Where(p => p.Predicted != Scored(p.Text.Label)).Select(p => (p.Text, p.Predicted)).ToList());
    }
}
