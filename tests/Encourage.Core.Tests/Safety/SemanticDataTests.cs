using Encourage.Safety;

namespace Encourage.Core.Tests.Safety;

/// <summary>
/// The semantic layer's shipped data without the model: the vectors file matches the examples, and the thresholds are
/// the ones cross-validation chooses from it (so nobody can set them by hand, and nobody forgets `content embed`).
/// </summary>
public sealed class SemanticDataTests
{
    [Fact]
    public void The_vectors_file_was_made_from_the_examples_as_they_are()
    {
        Assert.Null(SemanticSafety.DataProblem);
        var examples = SafetyCorpus.LoadExamples();
        var vectors = SemanticVectors.LoadEmbedded(examples);
        Assert.Equal(examples.Count, vectors.Vectors.Length);
        Assert.All(vectors.Vectors, v => Assert.InRange(MathF.Sqrt(SemanticIndex.Dot(v, v)), 0.99f, 1.01f));
    }

    [Fact]
    public void A_vectors_file_for_other_examples_is_refused_as_stale()
    {
        var examples = SafetyCorpus.LoadExamples();
        var bytes = SemanticVectors.LoadEmbedded(examples).ToBytes();
        var edited = examples.Select((e, i) => i == 3 ? e with { Text = e.Text + " tonight" } : e).ToList();

        var e = Assert.Throws<InvalidDataException>(() => SemanticVectors.Read(bytes, edited));
        Assert.Contains("content embed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_thresholds_are_the_ones_k_fold_cross_validation_chooses()
    {
        var shipped = Calibration.LoadEmbedded();
        var derived = SemanticCalibration.Run(SemanticVectors.LoadEmbedded(SafetyCorpus.LoadExamples()));

        Assert.Equal(derived.ToJson(), shipped.ToJson());
        Assert.Equal(SemanticCalibration.Folds, shipped.CrossValidation.Folds);
        Assert.True(shipped.CheckMargin <= shipped.DangerMargin);
    }

    [Fact]
    public void The_examples_cover_what_the_issue_names()
    {
        var examples = SafetyCorpus.LoadExamples();
        var heldOut = SafetyCorpus.LoadHeldOut();
        Assert.True(examples.Count + heldOut.Count >= 600, $"{examples.Count} examples and {heldOut.Count} held out");
        Assert.True(examples.Count(t => SafetyCorpus.Scored(t.Label) == SafetyCorpus.None) >= 150);
        Assert.True(examples.Count(t => t.Label == SafetyCorpus.Idiom) + heldOut.Count(t => t.Label == SafetyCorpus.Idiom) >= 150);
        var texts = string.Join('\n', examples.Select(e => e.Text.ToLowerInvariant()));
        foreach (var means in new[] { "mg", "paracetamol", "antifreeze", "syringe", "revolver", "tablets", "goodbye", "burden", "tonight", "choke", "nudes", "tracker", "stalk" })
        {
            Assert.Contains(means, texts, StringComparison.Ordinal);
        }
        // Held out means held out: no text is in both.
        Assert.Empty(heldOut.Select(h => h.Text.ToLowerInvariant()).Intersect(examples.Select(e => e.Text.ToLowerInvariant())));
    }
}
