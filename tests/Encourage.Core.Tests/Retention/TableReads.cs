using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Encourage.Core.Tests.Retention;

/// <summary>
/// Counts the entities the Table service returned on the wire (each query page's "value" array, or one for a point
/// read), but only for calls made inside <see cref="Measure"/>'s async flow, so other tests running at once are not
/// counted. Installed once on <see cref="ClientOptions.Default"/>, before the measured services build their clients.
/// </summary>
internal sealed class TableReads : HttpPipelinePolicy
{
    private static readonly AsyncLocal<Tally?> Current = new();
    private static readonly object Gate = new();
    private static bool _installed;

    public sealed class Tally
    {
        private long _entities;
        public long Entities => Interlocked.Read(ref _entities);
        internal void Add(long n) => Interlocked.Add(ref _entities, n);
    }

    public static void Install()
    {
        lock (Gate)
        {
            if (_installed) return;
            ClientOptions.Default.AddPolicy(new TableReads(), HttpPipelinePosition.PerCall);
            _installed = true;
        }
    }

    /// <summary>Runs <paramref name="work"/> and returns what it returned with the entities it read.</summary>
    public static async Task<(T Result, long Entities)> Measure<T>(Func<Task<T>> work)
    {
        var tally = new Tally();
        Current.Value = tally;
        try
        {
            var result = await work();
            return (result, tally.Entities);
        }
        finally
        {
            Current.Value = null;
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        Count(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        Count(message);
    }

    private static void Count(HttpMessage message)
    {
        if (Current.Value is not { } tally || !message.HasResponse) return;
        if (message.Request.Method != RequestMethod.Get || message.Response.Status != 200) return;
        if (message.Request.Uri.Port != 10002) return;
        var stream = message.Response.ContentStream;
        if (stream is null || !stream.CanSeek) return;
        var start = stream.Position;
        try
        {
            using var doc = JsonDocument.Parse(stream);
            if (doc.RootElement.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array) tally.Add(value.GetArrayLength());
            else if (doc.RootElement.TryGetProperty("PartitionKey", out _)) tally.Add(1);
        }
        catch (JsonException)
        {
            // not an entity response
        }
        finally
        {
            stream.Position = start;
        }
    }
}
