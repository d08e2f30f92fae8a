using Encourage.Safety;
using Xunit.Abstractions;

namespace Encourage.Core.Tests.Safety;

public sealed class SafetyCorpusTests(ITestOutputHelper output)
{
    private static readonly IReadOnlyList<CorpusText> Corpus = SafetyCorpus.LoadEmbedded();

    [Fact]
    public void The_corpus_has_at_least_150_labelled_texts_of_every_label()
    {
        Assert.True(Corpus.Count >= 150, $"only {Corpus.Count} texts");
        foreach (var label in SafetyCorpus.Labels)
        {
            Assert.True(Corpus.Count(t => t.Label == label) >= 40, $"too few {label} texts");
        }
        var repeated = Corpus.GroupBy(t => t.Text, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(repeated.Count == 0, "repeated: " + string.Join(" / ", repeated));
    }

    [Fact]
    public void Recall_on_crisis_and_abuse_is_100_percent_and_precision_is_reported()
    {
        var report = SafetyCorpus.Evaluate(Corpus);
        output.WriteLine(report.Format());

        var missed = report.Wrong.Where(w => w.Text.Label != SafetyCorpus.None).Select(w => $"line {w.Text.Line} ({w.Text.Label}): {w.Text.Text}").ToList();
        Assert.True(missed.Count == 0, "missed: " + string.Join(" / ", missed));
        Assert.Equal(1.0, report.For(SafetyCorpus.Crisis).Recall);
        Assert.Equal(1.0, report.For(SafetyCorpus.Abuse).Recall);
        // Precision is what it is (the README quotes it); it must not quietly collapse.
        Assert.True(report.For(SafetyCorpus.Crisis).Precision >= 0.95, report.Format());
        Assert.True(report.For(SafetyCorpus.Abuse).Precision >= 0.95, report.Format());
    }

    [Fact]
    public void The_figures_are_counted_per_label()
    {
        var corpus = SafetyCorpus.Parse("crisis\ti want to die\nabuse\the hit me\nnone\the hit me up last night\nnone\ti'm going to die if he doesn't text back\n# a comment\n");
        var report = SafetyCorpus.Evaluate(corpus);

        Assert.Equal(new LabelFigures(SafetyCorpus.Crisis, 1, 2, 1), report.For(SafetyCorpus.Crisis));
        Assert.Equal(0.5, report.For(SafetyCorpus.Crisis).Precision);
        Assert.Equal(new LabelFigures(SafetyCorpus.None, 2, 1, 1), report.For(SafetyCorpus.None));
        Assert.Equal(0.5, report.For(SafetyCorpus.None).Recall);
        var wrong = Assert.Single(report.Wrong);
        Assert.Equal(4, wrong.Text.Line);
        Assert.Contains("line 4: labelled none, matched as crisis", report.Format(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("danger\the hit me")]
    [InlineData("crisis he hit me")]
    [InlineData("crisis\t ")]
    public void A_bad_line_is_named(string tsv)
    {
        var e = Assert.Throws<FormatException>(() => SafetyCorpus.Parse(tsv));
        Assert.Contains("line 1", e.Message, StringComparison.Ordinal);
    }
}
