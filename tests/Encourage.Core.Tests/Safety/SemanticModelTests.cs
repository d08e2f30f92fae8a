using Encourage.Hosting;
using Encourage.Safety;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Encourage.Core.Tests.Safety;

/// <summary>
/// The real model, loaded once for this test process (every provider shares it): it still gives the vectors that were
/// shipped, it reads meaning the words miss, and on the held-out texts the two layers are measured as the README says.
/// </summary>
public sealed class SemanticModelTests(ITestOutputHelper output)
{
    private static readonly IOptions<EncourageOptions> On = Options.Create(new EncourageOptions { PublicBaseUrl = "https://x.test", TokenSecret = new string('k', 32) });

    [Fact]
    public async Task The_model_gives_the_vectors_that_were_shipped()
    {
        var (embedder, load) = await new SentenceModel().Loading;
        output.WriteLine($"load: {load.Wall.TotalMilliseconds:F0} ms wall, {load.Cpu.TotalMilliseconds:F0} ms CPU, working set {load.WorkingSetBytes / (1024 * 1024)} MB");
        var examples = SafetyCorpus.LoadExamples();
        var shipped = SemanticVectors.LoadEmbedded(examples);
        foreach (var i in new[] { 0, 150, 333, examples.Count - 1 })
        {
            var v = embedder.Encode([SemanticVectors.ModelText(examples[i].Text)], default)[0];
            Assert.True(SemanticIndex.Dot(v, shipped.Vectors[i]) > 0.999f, $"example {i} drifted: run `content embed`");
        }
    }

    [Fact]
    public async Task Many_service_providers_share_one_loaded_model()
    {
        var a = new SentenceModel().Loading;
        var b = new SentenceModel().Loading;
        Assert.Same(a, b);
        Assert.Same((await a).Embedder, (await b).Embedder);
    }

    [Theory]
    [InlineData("I texted him and I'm scared of what he'll do", SafetyKind.Abuse)]
    [InlineData("tied the rope to the beam in the garage", SafetyKind.SelfHarm)]
    public async Task Words_the_rules_miss_are_read_for_their_meaning(string text, SafetyKind kind)
    {
        Assert.Null(Encourage.Replies.SafetyWords.Classify(text));
        var semantic = new SemanticSafety(new SentenceModel(), On, NullLogger<SemanticSafety>.Instance);

        var reading = await semantic.ReadAsync(text, default);

        Assert.NotNull(reading);
        Assert.Equal(SemanticVerdict.Danger, reading.Verdict);
        Assert.Equal(kind, reading.Kind);
        Assert.Same(reading, await semantic.ReadAsync(text, default)); // a repeated text is not encoded again
    }

    [Fact]
    public async Task Everyday_texts_stay_clear()
    {
        var semantic = new SemanticSafety(new SentenceModel(), On, NullLogger<SemanticSafety>.Instance);
        foreach (var text in new[] { "i texted him", "killing it at work today", "he hit me up last night", "can i change my time" })
        {
            Assert.Equal(SemanticVerdict.Clear, (await semantic.ReadAsync(text, default))!.Verdict);
        }
    }

    [Fact]
    public async Task Off_by_setting_it_reads_nothing()
    {
        var off = Options.Create(new EncourageOptions { PublicBaseUrl = "https://x.test", TokenSecret = new string('k', 32), SemanticSafety = false });
        Assert.Null(await new SemanticSafety(new SentenceModel(), off, NullLogger<SemanticSafety>.Instance).ReadAsync("tied the rope to the beam in the garage", default));
    }
}
