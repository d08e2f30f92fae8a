using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Encourage.Replies;

namespace Encourage.Safety;

/// <summary>What a text gets from the safety side: the safety reply (led by the crisis or the abuse line), a check-in with the crisis line, or nothing.</summary>
public enum SafetyAnswer { Crisis, Abuse, Check, None }

/// <summary>One detector's figures on a set of labelled texts.</summary>
public sealed record DetectorFigures(
    [property: JsonPropertyName("detector")] string Detector,
    [property: JsonPropertyName("labels")] IReadOnlyList<LabelFigures> Labels,
    [property: JsonPropertyName("dangerTexts")] int DangerTexts,
    [property: JsonPropertyName("dangerHelped")] int DangerHelped,
    [property: JsonPropertyName("helped")] int Helped,
    [property: JsonPropertyName("idioms")] int Idioms,
    [property: JsonPropertyName("idiomsHelped")] int IdiomsHelped,
    [property: JsonPropertyName("nones")] int Nones,
    [property: JsonPropertyName("nonesHelped")] int NonesHelped,
    [property: JsonIgnore] IReadOnlyList<(CorpusText Text, SafetyAnswer Answer)> Wrong)
{
    /// <summary>Danger texts (crisis or abuse) that got help of any kind: the safety reply or the check-in.</summary>
    [JsonPropertyName("helpRecall")]
    public double HelpRecall => DangerTexts == 0 ? 1 : (double)DangerHelped / DangerTexts;

    /// <summary>Texts that got help and were danger.</summary>
    [JsonPropertyName("helpPrecision")]
    public double HelpPrecision => Helped == 0 ? 1 : (double)DangerHelped / Helped;

    [JsonPropertyName("idiomFalseAlarm")]
    public double IdiomFalseAlarm => Idioms == 0 ? 0 : (double)IdiomsHelped / Idioms;

    [JsonPropertyName("noneFalseAlarm")]
    public double NoneFalseAlarm => Nones == 0 ? 0 : (double)NonesHelped / Nones;

    public LabelFigures For(string label) => Labels.Single(l => l.Label == label);
}

/// <summary>
/// The safety report on the held-out texts: the rules alone, and the rules with the semantic layer behind them, each
/// text read the way <see cref="InboundReplies"/> reads a reply (rules first; what they leave open, by meaning).
/// </summary>
public static class SafetyEvaluation
{
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.Strict };

    /// <summary>The rules' answer: a listed phrase, else an ambiguous ending's check-in ("I'm done"), else nothing.</summary>
    public static SafetyAnswer Rules(string text) => Answer(KeywordParser.Parse(text));

    /// <summary>The answer of the rules and then the semantic layer, as the reply path gives it.</summary>
    public static SafetyAnswer Combined(string text, Func<string, SemanticReading?> semantic)
    {
        ArgumentNullException.ThrowIfNull(semantic);
        var parsed = KeywordParser.Parse(text);
        return Answer(SemanticSafety.Settled(parsed, text) ? parsed : SemanticSafety.Apply(parsed, semantic(text)));
    }

    private static SafetyAnswer Answer(ParsedReply parsed) => parsed switch
    {
        { Safety: SafetyKind.SelfHarm } => SafetyAnswer.Crisis,
        { Safety: SafetyKind.Abuse } => SafetyAnswer.Abuse,
        { PossibleDanger: true } or { Intent: Intent.MaybeDone } => SafetyAnswer.Check,
        _ => SafetyAnswer.None,
    };

    public static DetectorFigures Figures(string detector, IReadOnlyList<CorpusText> texts, IReadOnlyList<SafetyAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(answers);
        var pairs = texts.Zip(answers).ToList();
        static string Named(SafetyAnswer a) => a switch { SafetyAnswer.Crisis => SafetyCorpus.Crisis, SafetyAnswer.Abuse => SafetyCorpus.Abuse, _ => SafetyCorpus.None };
        var labels = SafetyCorpus.Labels.Select(label => new LabelFigures(label,
            Texts: pairs.Count(p => SafetyCorpus.Scored(p.First.Label) == label),
            Predicted: pairs.Count(p => Named(p.Second) == label),
            Correct: pairs.Count(p => SafetyCorpus.Scored(p.First.Label) == label && Named(p.Second) == label))).ToList();
        static bool Danger(CorpusText t) => SafetyCorpus.Scored(t.Label) != SafetyCorpus.None;
        static bool Helped(SafetyAnswer a) => a != SafetyAnswer.None;
        return new DetectorFigures(detector, labels,
            DangerTexts: pairs.Count(p => Danger(p.First)),
            DangerHelped: pairs.Count(p => Danger(p.First) && Helped(p.Second)),
            Helped: pairs.Count(p => Helped(p.Second)),
            Idioms: pairs.Count(p => p.First.Label == SafetyCorpus.Idiom),
            IdiomsHelped: pairs.Count(p => p.First.Label == SafetyCorpus.Idiom && Helped(p.Second)),
            Nones: pairs.Count(p => p.First.Label == SafetyCorpus.None),
            NonesHelped: pairs.Count(p => p.First.Label == SafetyCorpus.None && Helped(p.Second)),
            Wrong: [.. pairs.Where(p => Danger(p.First) ? Named(p.Second) != p.First.Label : Helped(p.Second)).Select(p => (p.First, p.Second))]);
    }

    /// <summary>The report as `content safety-report` prints it and the README quotes it.</summary>
    public static string Format(IReadOnlyList<DetectorFigures> detectors, Calibration? calibration)
    {
        ArgumentNullException.ThrowIfNull(detectors);
        var text = new StringBuilder();
        var n = detectors.Count == 0 ? 0 : detectors[0].Labels.Sum(l => l.Texts);
        text.AppendLine(CultureInfo.InvariantCulture, $"held-out texts: {n} (safety-heldout.tsv: nothing is tuned on them)");
        text.AppendLine("| detector | label | texts | answered as | correct | precision | recall |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var d in detectors)
        {
            foreach (var l in d.Labels)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {d.Detector} | {l.Label} | {l.Texts} | {l.Predicted} | {l.Correct} | {l.Precision:P1} | {l.Recall:P1} |");
            }
        }
        text.AppendLine();
        text.AppendLine("| detector | danger texts helped (recall) | helped texts that were danger (precision) | idioms raising help | everyday texts raising help |");
        text.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var d in detectors)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {d.Detector} | {d.DangerHelped}/{d.DangerTexts} ({d.HelpRecall:P1}) | {d.DangerHelped}/{d.Helped} ({d.HelpPrecision:P1}) | {d.IdiomsHelped}/{d.Idioms} ({d.IdiomFalseAlarm:P1}) | {d.NonesHelped}/{d.Nones} ({d.NoneFalseAlarm:P1}) |");
        }
        text.AppendLine("\"helped\": the safety reply or the check-in with the crisis line (an ambiguous ending's, or the semantic grey zone's); a label's precision and recall count the safety reply led by that label only.");
        if (calibration is { } c)
        {
            var cv = c.CrossValidation;
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"rules + semantic, {cv.Folds}-fold cross-validation on the {cv.Texts} examples (k = {c.K}, check at margin {c.CheckMargin}, danger at {c.DangerMargin}): " +
                $"help recall {cv.HelpRecall:P1} (the semantic layer caught {cv.SemanticRecall:P1} of the {cv.RulesMissed} danger texts the rules missed), crisis recall {cv.CrisisRecall:P1}, abuse recall {cv.AbuseRecall:P1}, " +
                $"danger precision {cv.DangerPrecision:P1}, idioms raising help {cv.IdiomFalseAlarm:P1}, everyday texts raising help {cv.NoneFalseAlarm:P1}");
        }
        foreach (var d in detectors)
        {
            text.AppendLine();
            text.AppendLine(d.Wrong.Count == 0 ? $"{d.Detector}: every held-out text answered as labelled" : $"{d.Detector}: answered differently from the label:");
            foreach (var (t, answer) in d.Wrong)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  line {t.Line}: labelled {t.Label}, answered {answer.ToString().ToLowerInvariant()}: {t.Text}");
            }
        }
        return text.ToString();
    }

    /// <summary>One line of JSON: the held-out figures of each detector and the cross-validated ones.</summary>
    public static string JsonLine(IReadOnlyList<DetectorFigures> detectors, Calibration? calibration) =>
        JsonSerializer.Serialize(new { heldOut = detectors, crossValidation = calibration?.CrossValidation, thresholds = calibration?.Thresholds }, Json);
}
