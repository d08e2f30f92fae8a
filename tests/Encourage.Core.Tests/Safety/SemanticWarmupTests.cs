using Encourage.Hosting;
using Encourage.Safety;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Encourage.Core.Tests.Safety;

/// <summary>A model that cannot load is an error at start, and the rules answer alone: never a silent downgrade.</summary>
public sealed class SemanticWarmupTests
{
    private static IOptions<EncourageOptions> Options(bool on = true) =>
        Microsoft.Extensions.Options.Options.Create(new EncourageOptions { PublicBaseUrl = "https://x.test", TokenSecret = new string('k', 32), SemanticSafety = on });

    [Fact]
    public async Task A_model_that_cannot_load_is_logged_as_an_error_at_start_and_reads_nothing()
    {
        var model = new SentenceModel(() => throw new DllNotFoundException("onnxruntime"));
        var log = new ListLogger<SemanticWarmup>();
        var warmup = new SemanticWarmup(model, Options(), log);

        await warmup.StartAsync(default);
        await warmup.Completion;

        var error = Assert.Single(log.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("UNAVAILABLE", error.Message, StringComparison.Ordinal);
        Assert.Contains("safety words alone", error.Message, StringComparison.Ordinal);
        Assert.Null(await new SemanticSafety(model, Options(), NullLogger<SemanticSafety>.Instance).ReadAsync("tied the rope to the beam in the garage", default));
    }

    [Fact]
    public async Task A_model_that_fails_on_one_text_leaves_that_reply_to_the_rules()
    {
        var model = new SentenceModel(() => new Failing());

        Assert.Null(await new SemanticSafety(model, Options(), NullLogger<SemanticSafety>.Instance).ReadAsync("tied the rope to the beam in the garage", default));
    }

    [Fact]
    public async Task The_warm_up_starts_the_load_at_start_and_says_what_it_cost()
    {
        var model = new SentenceModel(() => new Zero());
        var log = new ListLogger<SemanticWarmup>();
        var warmup = new SemanticWarmup(model, Options(), log);
        Assert.False(model.Started);

        await warmup.StartAsync(default);
        Assert.True(model.Started); // off the request path: no reply has to ask for it
        await warmup.Completion;

        Assert.Contains(log.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("ready", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Off_by_setting_is_a_warning_at_start()
    {
        var model = new SentenceModel(() => new Zero());
        var log = new ListLogger<SemanticWarmup>();

        await new SemanticWarmup(model, Options(on: false), log).StartAsync(default);

        Assert.False(model.Started);
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Encourage__SemanticSafety=false", StringComparison.Ordinal));
    }

    private sealed class Zero : ISentenceEmbedder
    {
        public float[][] Encode(string[] texts, CancellationToken cancellationToken) => [.. texts.Select(_ => new float[SentenceModel.Dimensions])];
    }

    private sealed class Failing : ISentenceEmbedder
    {
        public float[][] Encode(string[] texts, CancellationToken cancellationToken) => throw new InvalidOperationException("onnx failed");
    }

    private sealed class ListLogger<T> : ILogger<T>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries) Entries.Add((logLevel, formatter(state, exception)));
        }
    }
}
