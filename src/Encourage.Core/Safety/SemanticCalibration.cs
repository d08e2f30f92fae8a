using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Encourage.Safety;

/// <summary>
/// Cross-validated figures on the examples (each fold judged by the other folds' examples and cuts): help recall,
/// the labels' recall, danger precision and false alarms are of the rules and the semantic layer together, as a reply is
/// read; <see cref="SemanticRecall"/> is the semantic layer's share of the danger texts the rules miss.
/// </summary>
public sealed record CrossValidation(
    [property: JsonPropertyName("k")] int K,
    [property: JsonPropertyName("folds")] int Folds,
    [property: JsonPropertyName("texts")] int Texts,
    [property: JsonPropertyName("helpRecall")] double HelpRecall,
    [property: JsonPropertyName("crisisRecall")] double CrisisRecall,
    [property: JsonPropertyName("abuseRecall")] double AbuseRecall,
    [property: JsonPropertyName("dangerPrecision")] double DangerPrecision,
    [property: JsonPropertyName("idiomFalseAlarm")] double IdiomFalseAlarm,
    [property: JsonPropertyName("noneFalseAlarm")] double NoneFalseAlarm,
    [property: JsonPropertyName("rulesMissed")] int RulesMissed,
    [property: JsonPropertyName("semanticRecall")] double SemanticRecall);

/// <summary>semantic-thresholds.json: the cuts, the data they were chosen on and how.</summary>
public sealed record Calibration(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("examplesSha256")] string ExamplesSha256,
    [property: JsonPropertyName("k")] int K,
    [property: JsonPropertyName("checkMargin")] float CheckMargin,
    [property: JsonPropertyName("dangerMargin")] float DangerMargin,
    [property: JsonPropertyName("rule")] string Rule,
    [property: JsonPropertyName("crossValidation")] CrossValidation CrossValidation,
    [property: JsonPropertyName("byK")] IReadOnlyList<CrossValidation> ByK)
{
    public const string ResourceName = "Encourage.Safety.semantic-thresholds.json";
    public const string FileName = "semantic-thresholds.json";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    [JsonIgnore]
    public SemanticThresholds Thresholds => new(K, CheckMargin, DangerMargin);

    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    public static Calibration Parse(string json) => JsonSerializer.Deserialize<Calibration>(json) ?? throw new InvalidDataException($"{FileName} is empty.");

    public static Calibration LoadEmbedded()
    {
        using var stream = typeof(Calibration).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidDataException($"{FileName} is not in the assembly: run `dotnet run --project src/Encourage.Cli -- content calibrate`.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}

/// <summary>
/// Chooses the semantic layer's thresholds from its labelled examples by stratified k-fold cross-validation: each text
/// is scored against the examples of the other folds only, and the cuts are set where the out-of-fold false alarms on
/// texts that are not danger (none and idioms) reach a stated rate. Deterministic: the same examples give the same
/// file, which a test checks.
/// </summary>
public static class SemanticCalibration
{
    public const int Folds = 5;

    /// <summary>At most this share of not-danger texts may reach a check-in.</summary>
    public const double CheckFalseAlarm = 0.03;

    /// <summary>At most this share of not-danger texts may get the full safety reply.</summary>
    public const double DangerFalseAlarm = 0.01;

    public static readonly int[] Ks = [1, 2, 3, 5];

    public static readonly string Rule = string.Concat(
        FormattableString.Invariant($"Stratified {Folds}-fold cross-validation over the examples (safety-corpus.tsv and safety-examples.tsv; the i-th text of a label goes to fold i mod {Folds}). "),
        "Each text is scored against the other folds' examples: margin = mean similarity of its k nearest crisis or abuse examples (the nearer) minus that of its k nearest none/idiom examples. ",
        FormattableString.Invariant($"The semantic layer only reads what the rules leave open, so the cuts are set on those texts: checkMargin so that at most {CheckFalseAlarm:P0} of the out-of-fold none and idiom texts the rules do not flag reach it, dangerMargin so that at most {DangerFalseAlarm:P0} do (and never below checkMargin); "),
        FormattableString.Invariant($"k is the one of {string.Join(", ", Ks)} with the highest cross-validated help recall of rules and semantic layer together (ties: the smaller). "),
        "The cross-validated figures are honest for the cuts: each fold is judged with cuts chosen on the other folds' scores alone.");

    public static Calibration Run(SemanticVectors vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        var examples = vectors.Examples;
        var fold = FoldOf(examples);
        var rules = examples.Select(e => SafetyEvaluation.Rules(e.Text)).ToArray();
        bool Open(int i) => rules[i] == SafetyAnswer.None;
        var byK = new List<(int K, CrossValidation Figures, float Check, float Danger)>();
        foreach (var k in Ks)
        {
            var scores = OutOfFold(vectors, fold, k);
            var (check, danger) = Cuts(examples, scores, Open);
            // Honest figures: fold f is judged with cuts chosen on the other folds' out-of-fold scores.
            var answers = new SafetyAnswer[examples.Count];
            for (var f = 0; f < Folds; f++)
            {
                var (c, d) = Cuts(examples, scores, i => fold[i] != f && Open(i));
                var thresholds = new SemanticThresholds(k, c, d);
                for (var i = 0; i < examples.Count; i++)
                {
                    if (fold[i] != f) continue;
                    answers[i] = !Open(i) ? rules[i] : thresholds.Judge(scores[i]) switch
                    {
                        SemanticVerdict.Danger => scores[i].Kind == SafetyKind.SelfHarm ? SafetyAnswer.Crisis : SafetyAnswer.Abuse,
                        SemanticVerdict.Check => SafetyAnswer.Check,
                        _ => SafetyAnswer.None,
                    };
                }
            }
            byK.Add((k, Figures(examples, answers, rules, k), check, danger));
        }
        var best = byK.OrderByDescending(b => b.Figures.HelpRecall).ThenBy(b => b.K).First();
        return new Calibration(SentenceModel.Name, SemanticVectors.Hash(examples), best.K, best.Check, best.Danger, Rule, best.Figures, [.. byK.Select(b => b.Figures)]);
    }

    private static int[] FoldOf(IReadOnlyList<CorpusText> examples)
    {
        var seen = new Dictionary<string, int>();
        var fold = new int[examples.Count];
        for (var i = 0; i < examples.Count; i++)
        {
            var label = examples[i].Label;
            seen[label] = seen.GetValueOrDefault(label) + 1;
            fold[i] = (seen[label] - 1) % Folds;
        }
        return fold;
    }

    private static SemanticScores[] OutOfFold(SemanticVectors vectors, int[] fold, int k)
    {
        var scores = new SemanticScores[vectors.Examples.Count];
        for (var f = 0; f < Folds; f++)
        {
            var index = new SemanticIndex(Enumerable.Range(0, fold.Length).Where(i => fold[i] != f).Select(i => (vectors.Examples[i].Label, vectors.Vectors[i])));
            for (var i = 0; i < fold.Length; i++)
            {
                if (fold[i] == f) scores[i] = index.Score(vectors.Vectors[i], k);
            }
        }
        return scores;
    }

    private static (float Check, float Danger) Cuts(IReadOnlyList<CorpusText> examples, SemanticScores[] scores, Func<int, bool> use)
    {
        var safe = Enumerable.Range(0, examples.Count)
            .Where(i => use(i) && SafetyCorpus.Scored(examples[i].Label) == SafetyCorpus.None)
            .Select(i => scores[i].Margin).OrderByDescending(m => m).ToArray();
        float Above(double rate)
        {
            var allowed = (int)Math.Floor(rate * safe.Length);
            // Just above the (allowed+1)-th highest margin: exactly `allowed` texts (barring ties) reach the cut.
            return allowed < safe.Length ? MathF.Round(safe[allowed] + 0.0005f, 4) : float.MinValue;
        }
        var check = Above(CheckFalseAlarm);
        return (check, Math.Max(check, Above(DangerFalseAlarm)));
    }

    /// <summary>The figures of a set of answers against the labels; <paramref name="rules"/> are the rules' own answers.</summary>
    public static CrossValidation Figures(IReadOnlyList<CorpusText> examples, IReadOnlyList<SafetyAnswer> answers, IReadOnlyList<SafetyAnswer> rules, int k)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(rules);
        var idx = Enumerable.Range(0, examples.Count).ToList();
        double Share(Func<int, bool> of, Func<int, bool> hit)
        {
            var all = idx.Where(of).ToList();
            return all.Count == 0 ? 1 : (double)all.Count(hit) / all.Count;
        }
        bool Danger(int i) => SafetyCorpus.Scored(examples[i].Label) != SafetyCorpus.None;
        bool Helped(int i) => answers[i] != SafetyAnswer.None;
        bool Missed(int i) => Danger(i) && rules[i] == SafetyAnswer.None;
        return new CrossValidation(k, Folds, examples.Count,
            HelpRecall: Share(Danger, Helped),
            CrisisRecall: Share(i => examples[i].Label == SafetyCorpus.Crisis, i => answers[i] == SafetyAnswer.Crisis),
            AbuseRecall: Share(i => examples[i].Label == SafetyCorpus.Abuse, i => answers[i] == SafetyAnswer.Abuse),
            DangerPrecision: Share(i => answers[i] is SafetyAnswer.Crisis or SafetyAnswer.Abuse, Danger),
            IdiomFalseAlarm: Share(i => examples[i].Label == SafetyCorpus.Idiom, Helped),
            NoneFalseAlarm: Share(i => examples[i].Label == SafetyCorpus.None, Helped),
            RulesMissed: idx.Count(Missed),
            SemanticRecall: Share(Missed, Helped));
    }
}
