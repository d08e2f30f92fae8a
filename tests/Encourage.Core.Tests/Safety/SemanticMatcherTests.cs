using Encourage.Safety;

namespace Encourage.Core.Tests.Safety;

/// <summary>The matcher as arithmetic, on small made-up vectors: nearest examples by kind, the margin and its cuts.</summary>
public sealed class SemanticMatcherTests
{
    private static float[] Unit(params float[] v)
    {
        var n = MathF.Sqrt(v.Sum(x => x * x));
        return [.. v.Select(x => x / n)];
    }

    private static readonly SemanticIndex Index = new([
        (SafetyCorpus.Crisis, Unit(1, 0, 0)),
        (SafetyCorpus.Crisis, Unit(1, 0.2f, 0)),
        (SafetyCorpus.Abuse, Unit(0, 1, 0)),
        (SafetyCorpus.None, Unit(0, 0, 1)),
        (SafetyCorpus.Idiom, Unit(0.6f, 0, 0.8f)),
    ]);

    [Fact]
    public void Each_kind_scores_the_mean_of_its_k_nearest_and_idioms_count_as_none()
    {
        var scores = Index.Score(Unit(1, 0, 0), k: 1);
        Assert.Equal(1f, scores.Crisis, 3);
        Assert.Equal(0f, scores.Abuse, 3);
        Assert.Equal(0.6f, scores.None, 3); // the idiom, nearer than the plain none
        Assert.Equal(SafetyKind.SelfHarm, scores.Kind);
        Assert.Equal(0.4f, scores.Margin, 3);

        var two = Index.Score(Unit(1, 0, 0), k: 2);
        Assert.Equal((1f + Unit(1, 0.2f, 0)[0]) / 2, two.Crisis, 3);
        Assert.Equal(0.3f, two.None, 3);
    }

    [Theory]
    [InlineData(0.50f, SemanticVerdict.Danger)]
    [InlineData(0.30f, SemanticVerdict.Danger)]
    [InlineData(0.29f, SemanticVerdict.Check)]
    [InlineData(0.10f, SemanticVerdict.Check)]
    [InlineData(0.09f, SemanticVerdict.Clear)]
    [InlineData(-0.5f, SemanticVerdict.Clear)]
    public void The_margin_is_cut_into_danger_a_grey_zone_and_clear(float margin, SemanticVerdict verdict)
    {
        var thresholds = new SemanticThresholds(1, CheckMargin: 0.10f, DangerMargin: 0.30f);
        Assert.Equal(verdict, thresholds.Judge(new SemanticScores(Crisis: 0.5f + margin, Abuse: 0, None: 0.5f)));
    }

    [Fact]
    public void A_text_is_read_whole_and_clause_by_clause_and_the_clause_nearest_danger_speaks()
    {
        Assert.Equal(["i texted him and i am scared of what hell do", "i texted him", "i am scared of what hell do"],
            SemanticSafety.Segments("I texted him and I'm scared of what he'll do"));
        Assert.Equal(["killing it today"], SemanticSafety.Segments("killing it today!!"));
        Assert.Empty(SemanticSafety.Segments("💔💔"));

        // The second segment is the one near danger: it decides the reading.
        var embedder = new Fixed(Unit(0, 0, 1), Unit(0, 1, 0));
        var reading = SemanticSafety.Read(embedder, Index, new SemanticThresholds(1, 0.1f, 0.3f), ["whole", "clause"], default);
        Assert.Equal(SemanticVerdict.Danger, reading.Verdict);
        Assert.Equal(SafetyKind.Abuse, reading.Kind);
    }

    [Theory]
    [InlineData("STATUS", true)]
    [InlineData("PAUSE 3", true)]
    [InlineData("urge", true)]
    [InlineData("I want to die", true)] // the rules matched: help already
    [InlineData("i texted him", false)]
    [InlineData("im done", false)] // an ambiguous ending: the semantic layer may still read danger in it
    [InlineData("i cant stop shaking tonight", false)]
    public void Bare_keywords_and_rule_matches_are_settled_by_the_rules(string text, bool settled) =>
        Assert.Equal(settled, SemanticSafety.Settled(Encourage.Replies.KeywordParser.Parse(text), text));

    private sealed class Fixed(params float[][] vectors) : ISentenceEmbedder
    {
        public float[][] Encode(string[] texts, CancellationToken cancellationToken) => vectors[..texts.Length];
    }
}
