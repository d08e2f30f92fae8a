using Encourage.Safety;
using Xunit.Abstractions;

namespace Encourage.Core.Tests.Safety;

/// <summary>
/// The held-out texts (safety-heldout.tsv), read as a reply is read: rules alone, then rules with the semantic layer.
/// Nothing is tuned on them. The figures are the README's; the floors below are what the layers hold today.
/// </summary>
public sealed class HeldOutSafetyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task On_held_out_texts_the_semantic_layer_adds_help_the_rules_miss()
    {
        var (embedder, _) = await new SentenceModel().Loading;
        var calibration = Calibration.LoadEmbedded();
        var examples = SafetyCorpus.LoadExamples();
        var vectors = SemanticVectors.LoadEmbedded(examples);
        var index = new SemanticIndex(examples.Select((e, i) => (e.Label, vectors.Vectors[i])));
        var heldOut = SafetyCorpus.LoadHeldOut();

        var rules = SafetyEvaluation.Figures("rules", heldOut, [.. heldOut.Select(t => SafetyEvaluation.Rules(t.Text))]);
        var both = SafetyEvaluation.Figures("rules + semantic", heldOut, [.. heldOut.Select(t => SafetyEvaluation.Combined(t.Text,
            s => SemanticSafety.Read(embedder, index, calibration.Thresholds, SemanticSafety.Segments(s), default)))]);
        output.WriteLine(SafetyEvaluation.Format([rules, both], calibration));

        Assert.True(heldOut.Count >= 200);
        Assert.True(both.HelpRecall > rules.HelpRecall, "the semantic layer must add help the rules miss");
        Assert.True(both.For(SafetyCorpus.Crisis).Recall >= rules.For(SafetyCorpus.Crisis).Recall);
        Assert.True(both.For(SafetyCorpus.Abuse).Recall >= rules.For(SafetyCorpus.Abuse).Recall);
        Assert.True(both.DangerHelped - rules.DangerHelped >= HeldOutFloors.AddedHelp, $"added {both.DangerHelped - rules.DangerHelped}");
        Assert.True(both.HelpRecall >= HeldOutFloors.HelpRecall, $"help recall {both.HelpRecall:P1}");
        Assert.True(both.For(SafetyCorpus.Crisis).Precision >= HeldOutFloors.Precision && both.For(SafetyCorpus.Abuse).Precision >= HeldOutFloors.Precision);
        Assert.True(both.IdiomFalseAlarm <= HeldOutFloors.IdiomFalseAlarm, $"idioms raising help {both.IdiomFalseAlarm:P1}");
    }

    /// <summary>
    /// Floors a little under what was measured on 2026-12-03 (49 more danger texts helped, help recall 68.5%, precision
    /// 92.0% and 100%, idioms 2/64). The goals are not all met: precision 90% is; recall 98% and idioms 3% are
    /// not (see the README). Raise a floor when the layers get better; never lower one to let a change through.
    /// </summary>
    private static class HeldOutFloors
    {
        public const int AddedHelp = 40;
        public const double HelpRecall = 0.65;
        public const double Precision = 0.90;
        public const double IdiomFalseAlarm = 0.04;
    }
}
