using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Encourage.TestSupport;

namespace Encourage.Bench;

/// <summary>"--name value" options, with defaults and clear errors.</summary>
public sealed class BenchArgs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public BenchArgs(IEnumerable<string> args)
    {
        string? pending = null;
        foreach (var a in args)
        {
            if (a.StartsWith("--", StringComparison.Ordinal))
            {
                if (pending is not null) _values[pending] = "true";
                pending = a[2..];
            }
            else if (pending is not null)
            {
                _values[pending] = a;
                pending = null;
            }
            else
            {
                throw new ArgumentException($"Unexpected argument '{a}' (options are --name value).");
            }
        }
        if (pending is not null) _values[pending] = "true";
    }

    public string? String(string name)
    {
        _read.Add(name);
        return _values.GetValueOrDefault(name);
    }

    public int Int(string name, int fallback, int min, int max)
    {
        var s = String(name);
        if (s is null) return fallback;
        if (!int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
        {
            throw new ArgumentException($"--{name} must be an integer from {min} to {max} (got '{s}').");
        }
        return v;
    }

    public double Double(string name, double fallback, double min, double max)
    {
        var s = String(name);
        if (s is null) return fallback;
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
        {
            throw new ArgumentException($"--{name} must be a number from {min} to {max} (got '{s}').");
        }
        return v;
    }

    public bool Flag(string name) => String(name) is "true" or "1" or "yes";

    public IReadOnlyList<int> IntList(string name, IReadOnlyList<int> fallback, int min, int max)
    {
        var s = String(name);
        if (s is null) return fallback;
        var list = new List<int>();
        foreach (var part in s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var text = part.Replace("_", "", StringComparison.Ordinal);
            var scale = 1;
            if (text.EndsWith('k')) { scale = 1000; text = text[..^1]; }
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v * (long)scale < min || v * (long)scale > max)
            {
                throw new ArgumentException($"--{name} must be a comma-separated list of integers from {min} to {max} (got '{s}').");
            }
            list.Add(v * scale);
        }
        if (list.Count == 0) throw new ArgumentException($"--{name} is empty.");
        return list;
    }

    /// <summary>Refuses options nobody read (a typo would otherwise silently run the default).</summary>
    public void RejectUnknown()
    {
        var unknown = _values.Keys.Where(k => !_read.Contains(k)).ToList();
        if (unknown.Count > 0) throw new ArgumentException("Unknown option(s): " + string.Join(", ", unknown.Select(u => "--" + u)));
    }
}

/// <summary>Progress on stderr (stdout carries only the final JSON line).</summary>
public static class Progress
{
    private static readonly Stopwatch Since = Stopwatch.StartNew();

    public static void Line(string message) =>
        Console.Error.WriteLine($"[{Since.Elapsed.TotalSeconds,7:F1}s] {message}");
}

public static class Machine
{
    private static readonly double? StartLoad = LoadAverage();

    /// <summary>Captures the load average at start (call first thing).</summary>
    public static void Start() => _ = StartLoad;

    private static double? LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null; // not Linux
        }
    }

    /// <summary>Processor count, OS, .NET, GC mode, Azurite's version and the load average, for the JSON line.</summary>
    public static async Task<JsonObject> InfoAsync()
    {
        var info = new JsonObject
        {
            ["processor_count"] = Environment.ProcessorCount,
            ["os"] = RuntimeInformation.OSDescription,
            ["os_arch"] = RuntimeInformation.OSArchitecture.ToString(),
            ["dotnet"] = RuntimeInformation.FrameworkDescription,
            ["server_gc"] = System.Runtime.GCSettings.IsServerGC,
            ["azurite"] = await AzuriteVersion(),
            ["load_avg_1m_at_start"] = StartLoad,
            ["load_avg_1m_at_end"] = LoadAverage(),
        };
        return info;
    }

    /// <summary>The running Azurite's version, from the Server header it answers with ("Azurite-Table/3.37.0").</summary>
    private static async Task<string> AzuriteVersion()
    {
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            using var response = await client.GetAsync(new Uri("http://127.0.0.1:10002/devstoreaccount1/Tables"));
            return response.Headers.Server.ToString() is { Length: > 0 } server ? server : "unknown";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return "unknown (not answering on 127.0.0.1:10002)";
        }
    }

    public static double Round(double v, int digits = 3) => Math.Round(v, digits, MidpointRounding.AwayFromZero);
}

/// <summary>
/// Counts what the Table service returned on the wire: requests, and entities in query responses (the "value" array
/// of each page, or one for a point read). Installed on <see cref="ClientOptions.Default"/> before any client is
/// built, so the product's own clients (whose options EncourageStorage creates) carry it without a change to Core.
/// </summary>
public sealed class TableReadCounter : HttpPipelinePolicy
{
    private long _requests;
    private long _entities;
    private long _queryPages;

    /// <summary>Only counts while true (the tick), so seeding and clean-up are not counted.</summary>
    public volatile bool Enabled;

    public long Requests => Interlocked.Read(ref _requests);
    public long Entities => Interlocked.Read(ref _entities);
    public long QueryPages => Interlocked.Read(ref _queryPages);

    public void Reset()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _entities, 0);
        Interlocked.Exchange(ref _queryPages, 0);
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

    private void Count(HttpMessage message)
    {
        if (!Enabled || !message.HasResponse) return;
        var uri = message.Request.Uri.ToUri();
        // Table calls only: Azurite's table port (UseDevelopmentStorage=true), or a real account's table endpoint.
        if (uri.Port != 10002 && !uri.Host.Contains(".table.", StringComparison.OrdinalIgnoreCase)) return;
        Interlocked.Increment(ref _requests);
        if (message.Request.Method != RequestMethod.Get || message.Response.Status != 200) return;
        var stream = message.Response.ContentStream;
        if (stream is null || !stream.CanSeek) return;
        var start = stream.Position;
        try
        {
            using var doc = JsonDocument.Parse(stream);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array)
            {
                Interlocked.Increment(ref _queryPages);
                Interlocked.Add(ref _entities, value.GetArrayLength());
            }
            else if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("PartitionKey", out _))
            {
                Interlocked.Increment(ref _entities); // a point read
            }
        }
        catch (JsonException)
        {
            // Not JSON (table list, errors): nothing read.
        }
        finally
        {
            stream.Position = start;
        }
    }
}

/// <summary>
/// Clients for seeding and clean-up: patient (60 s network timeout, 6 retries) where the product's are quick (5 s, 2),
/// so a busy machine slows seeding down instead of failing it. Seeding writes are upserts, so a retry is harmless.
/// </summary>
public static class SeedClient
{
    public static TableClient For(TableClient productTable) => Named(productTable.Name);

    /// <summary>
    /// The subscribers table of a private set, seeded row by row at scale on purpose (the product's client for it is
    /// internal to SubscriberStore).
    /// </summary>
    public static TableClient Subscribers(EncourageServices services) => Named(services.Prefix + "Subscribers");

    private static TableClient Named(string table) =>
        new TableServiceClient(Azurite.ConnectionString, Options()).GetTableClient(table);

    public static TableClientOptions Options()
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 6;
        options.Retry.Delay = TimeSpan.FromMilliseconds(500);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(10);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(60);
        return options;
    }
}

/// <summary>Entity-group transactions as the service allows them: at most 100 operations, all in one partition.</summary>
public static class Batches
{
    public const int MaxOperations = 100;

    /// <summary>Inserts (fails on an existing row): for measuring Azurite's insert rate into a fresh table.</summary>
    public static Task AddAsync<T>(TableClient table, IReadOnlyList<T> entities, CancellationToken cancellationToken) where T : class, ITableEntity =>
        SubmitAsync(table, entities, TableTransactionActionType.Add, cancellationToken);

    /// <summary>Upserts (replace): for seeding, where a retried batch must not fail on its own first attempt.</summary>
    public static Task UpsertAsync<T>(TableClient table, IReadOnlyList<T> entities, CancellationToken cancellationToken) where T : class, ITableEntity =>
        SubmitAsync(table, entities, TableTransactionActionType.UpsertReplace, cancellationToken);

    private static async Task SubmitAsync<T>(TableClient table, IReadOnlyList<T> entities, TableTransactionActionType action, CancellationToken cancellationToken) where T : class, ITableEntity
    {
        if (entities.Count is 0 or > MaxOperations)
        {
            throw new InvalidOperationException($"A batch must hold 1 to {MaxOperations} operations; this one has {entities.Count}.");
        }
        var partition = entities[0].PartitionKey;
        foreach (var e in entities)
        {
            if (!string.Equals(e.PartitionKey, partition, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"A batch must stay in one partition; '{partition}' and '{e.PartitionKey}' are mixed.");
            }
        }
        await table.SubmitTransactionAsync(entities.Select(e => new TableTransactionAction(action, e)), cancellationToken);
    }

    /// <summary>Groups entities by partition and cuts each group into batches of at most 100.</summary>
    public static List<List<T>> Plan<T>(IEnumerable<T> entities) where T : ITableEntity =>
        entities.GroupBy(e => e.PartitionKey, StringComparer.Ordinal)
            .SelectMany(g => g.Chunk(MaxOperations).Select(c => c.ToList()))
            .ToList();
}

public static class Stats
{
    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
