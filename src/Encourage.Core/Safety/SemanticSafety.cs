using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Encourage.Hosting;
using Encourage.Replies;

namespace Encourage.Safety;

/// <summary>The semantic layer's reading of one text: its verdict, the nearer kind of danger, and the scores behind them.</summary>
public sealed record SemanticReading(SemanticVerdict Verdict, SafetyKind Kind, SemanticScores Scores);

/// <summary>
/// The second safety layer, behind the rules: compares a text's meaning with the labelled examples (crisis, abuse,
/// none, idioms) by their precomputed vectors, and cuts the margin where cross-validation put the thresholds. Only the
/// incoming text is encoded (a few milliseconds); the whole text and each of its clauses are scored, and the clause
/// nearest danger speaks for the text, so "I texted him and I'm scared of what he'll do" is read for its fear. When the
/// model could not load, or its data are stale, it reads nothing and the rules answer alone (the warm-up logged why).
/// </summary>
public sealed partial class SemanticSafety(SentenceModel model, IOptions<EncourageOptions> options, ILogger<SemanticSafety> logger)
{
    /// <summary>How long a reply waits for a model still loading (Twilio waits 15 s): start-up takes 1-3 s.</summary>
    public static readonly TimeSpan LoadWait = TimeSpan.FromSeconds(8);
    private const int MaxSegments = 4;
    private const int CacheSize = 4096;

    private static readonly Lazy<Shipped> Data = new(LoadShipped, LazyThreadSafetyMode.ExecutionAndPublication);

    // Keyed by a hash of the cleaned text, so the cache holds no one's words: replies repeat ("texted him", "ok").
    private readonly ConcurrentDictionary<string, SemanticReading> cache = new(StringComparer.Ordinal);

    public bool Enabled => options.Value.SemanticSafety;

    /// <summary>Why the shipped examples or thresholds cannot be used (stale, missing), or null when they can.</summary>
    public static string? DataProblem => Data.Value.Problem;

    /// <summary>The shipped thresholds, as chosen by <c>content calibrate</c>.</summary>
    public static Calibration? ShippedCalibration => Data.Value.Calibration;

    /// <summary>The semantic reading of a text, or null when the layer is off or unavailable (the rules answer alone).</summary>
    public async Task<SemanticReading?> ReadAsync(string? body, CancellationToken cancellationToken)
    {
        if (!Enabled || string.IsNullOrWhiteSpace(body) || Data.Value is not { Index: { } index, Calibration: { } calibration })
        {
            return null;
        }

        ISentenceEmbedder embedder;
        try
        {
            embedder = (await model.Loading.WaitAsync(LoadWait, cancellationToken)).Embedder;
        }
        catch (TimeoutException)
        {
            Log.NotReady(logger, (int)LoadWait.TotalSeconds);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.Unavailable(logger); // the warm-up logged the error itself, at start
            return null;
        }

        var segments = Segments(body);
        if (segments.Length == 0) return null;
        var key = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', segments))));
        if (cache.TryGetValue(key, out var known)) return known;
        SemanticReading reading;
        try
        {
            reading = Read(embedder, index, calibration.Thresholds, segments, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // The model failing on one text must not fail the reply: the rules have read it already.
            Log.ReadFailed(logger, e);
            return null;
        }
        if (cache.Count >= CacheSize) cache.Clear();
        cache[key] = reading;
        return reading;
    }

    /// <summary>Scores every segment and keeps the one nearest danger.</summary>
    public static SemanticReading Read(ISentenceEmbedder embedder, SemanticIndex index, SemanticThresholds thresholds, string[] segments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(thresholds);
        var vectors = embedder.Encode(segments, cancellationToken);
        var best = vectors.Select(v => index.Score(v, thresholds.K)).MaxBy(s => s.Margin)!;
        return new SemanticReading(thresholds.Judge(best), best.Kind, best);
    }

    /// <summary>The whole text as the model reads it, then its clauses when it has more than one (at most <see cref="MaxSegments"/> in all).</summary>
    public static string[] Segments(string body)
    {
        var text = ReplyText.Read(body.Length > KeywordParser.MaxChars ? body[..KeywordParser.MaxChars] : body);
        if (text.Words.Length == 0) return [];
        var segments = new List<string> { text.Words };
        if (text.Clauses.Count > 1)
        {
            segments.AddRange(text.Clauses.Where(c => c.Contains(' ', StringComparison.Ordinal) && c != text.Words).Distinct(StringComparer.Ordinal).Take(MaxSegments - 1));
        }
        return [.. segments];
    }

    /// <summary>
    /// Whether the rules alone settle the text: a safety match, or a bare keyword (STATUS, URGE, PAUSE 3): two words
    /// or fewer read as something other than free text. Everything else is read for its meaning too.
    /// </summary>
    public static bool Settled(ParsedReply parsed, string? body)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        if (parsed.SafetyConcern || string.IsNullOrWhiteSpace(body)) return true;
        var words = KeywordParser.Normalize(body).Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return words <= 2 && parsed.Intent is not (Intent.Unknown or Intent.MaybeDone);
    }

    /// <summary>The parsed reply with the semantic verdict in it: danger is a safety match, the grey zone a check-in.</summary>
    public static ParsedReply Apply(ParsedReply parsed, SemanticReading? reading)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        return reading?.Verdict switch
        {
            SemanticVerdict.Danger => parsed with { Safety = reading.Kind, SafetyBySemantic = true },
            SemanticVerdict.Check => parsed with { PossibleDanger = true },
            _ => parsed,
        };
    }

    private sealed record Shipped(SemanticIndex? Index, Calibration? Calibration, string? Problem);

    private static Shipped LoadShipped()
    {
        try
        {
            var examples = SafetyCorpus.LoadExamples();
            var vectors = SemanticVectors.LoadEmbedded(examples);
            var calibration = Calibration.LoadEmbedded();
            if (calibration.ExamplesSha256 != SemanticVectors.Hash(examples))
            {
                return new Shipped(null, null, $"{Calibration.FileName} was chosen on other examples: run `dotnet run --project src/Encourage.Cli -- content calibrate`.");
            }
            return new Shipped(new SemanticIndex(examples.Select((e, i) => (e.Label, vectors.Vectors[i]))), calibration, null);
        }
        catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException or FormatException or InvalidOperationException)
        {
            return new Shipped(null, null, e.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(9101, LogLevel.Warning, "The semantic safety layer was still loading after {Seconds} s: this reply was read by the safety words alone")]
        public static partial void NotReady(ILogger logger, int seconds);

        [LoggerMessage(9103, LogLevel.Error, "The semantic safety layer failed on a reply: it was read by the safety words alone")]
        public static partial void ReadFailed(ILogger logger, Exception exception);

        [LoggerMessage(9102, LogLevel.Warning, "The semantic safety layer is unavailable (see the error at start): this reply was read by the safety words alone")]
        public static partial void Unavailable(ILogger logger);
    }
}

/// <summary>
/// Loads the sentence model at start, off the request path, and says how it went: the load time and memory, or an
/// error that the semantic layer is unavailable and the safety words answer alone. Never a silent downgrade.
/// </summary>
public sealed partial class SemanticWarmup(SentenceModel model, IOptions<EncourageOptions> options, ILogger<SemanticWarmup> logger) : Microsoft.Extensions.Hosting.IHostedService
{
    /// <summary>Done when the load has finished either way and has been logged (tests wait for it).</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SemanticSafety)
        {
            Log.Off(logger);
            return Task.CompletedTask;
        }
        if (SemanticSafety.DataProblem is { } problem)
        {
            Log.DataUnusable(logger, problem);
            return Task.CompletedTask;
        }
        Completion = model.Loading.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully)
            {
                var load = t.Result.Load;
                Log.Loaded(logger, SentenceModel.Name, (long)load.Wall.TotalMilliseconds, (long)load.Cpu.TotalMilliseconds, load.WorkingSetBytes / (1024 * 1024));
            }
            else
            {
                Log.LoadFailed(logger, SentenceModel.Name, t.Exception?.GetBaseException());
            }
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(9110, LogLevel.Information, "Semantic safety layer ready: {Model} loaded in {WallMs} ms ({CpuMs} ms of CPU); the process holds {WorkingSetMb} MB")]
        public static partial void Loaded(ILogger logger, string model, long wallMs, long cpuMs, long workingSetMb);

        [LoggerMessage(9111, LogLevel.Error, "Semantic safety layer UNAVAILABLE: {Model} could not load. Replies are read by the safety words alone until a restart")]
        public static partial void LoadFailed(ILogger logger, string model, Exception? exception);

        [LoggerMessage(9112, LogLevel.Error, "Semantic safety layer UNAVAILABLE: {Problem} Replies are read by the safety words alone")]
        public static partial void DataUnusable(ILogger logger, string problem);

        [LoggerMessage(9113, LogLevel.Warning, "Semantic safety layer off (Encourage__SemanticSafety=false): replies are read by the safety words alone")]
        public static partial void Off(ILogger logger);
    }
}
