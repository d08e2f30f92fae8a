using System.Globalization;

namespace Encourage.Insights;

/// <summary>One shard of a daily counter: PartitionKey = UTC date (yyyy-MM-dd), RowKey = name + "~" + shard.</summary>
public sealed class CounterRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public long Value { get; set; }
}

/// <summary>
/// Daily counters kept as events happen (sends, slips by kind and day, urges, opt-outs, graduations), so the
/// dashboard reads a few rows per day instead of scanning every slip. Events are added up in memory and written
/// every couple of seconds (<see cref="CounterFlusher"/>), so a webhook's answer never waits on a counter's
/// read-modify-write; a process killed without warning loses at most those seconds of counts, which the dashboard
/// can bear and a subscriber never sees. Each counter is split into shards so that two instances flushing at once
/// rarely fight over one row's ETag.
/// </summary>
public sealed class Counters(EncourageStorage storage, TimeProvider time) : IAsyncDisposable
{
    private const int Shards = 8;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Partition, string Name), long> _pending = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);

    /// <summary>Partition of the counters that are levels, not daily events (subscribers by status and phase).</summary>
    public const string GaugePartition = "gauges";

    public Task AddAsync(string name, long delta, CancellationToken cancellationToken)
    {
        Add(Day(time.GetUtcNow()), name, delta);
        return Task.CompletedTask;
    }

    public Task AddGaugeAsync(string name, long delta, CancellationToken cancellationToken)
    {
        Add(GaugePartition, name, delta);
        return Task.CompletedTask;
    }

    private void Add(string partition, string name, long delta) =>
        _pending.AddOrUpdate((partition, name), delta, (_, v) => v + delta);

    /// <summary>Writes every count added so far in this process.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            foreach (var key in _pending.Keys)
            {
                if (!_pending.TryRemove(key, out var delta) || delta == 0) continue;
                try
                {
                    await WriteAsync(key.Partition, key.Name, delta, cancellationToken);
                }
                catch
                {
                    Add(key.Partition, key.Name, delta); // keep it for the next flush
                    throw;
                }
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    /// <summary>A last flush when the container goes (the CLI, tests); storage already gone is no reason to fail.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await FlushAsync(CancellationToken.None);
        }
        catch (RequestFailedException)
        {
            // The tables were deleted (a test's or the simulator's private set): nothing left to count into.
        }
        _flushing.Dispose();
    }

    /// <summary>Current levels: name to value, shards summed.</summary>
    public async Task<IReadOnlyDictionary<string, long>> ReadGaugesAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        var totals = new Dictionary<string, long>();
        await foreach (var row in storage.Stats.QueryAsync<CounterRow>(TableClient.CreateQueryFilter($"PartitionKey eq {GaugePartition}"), cancellationToken: cancellationToken))
        {
            var name = ShardName(row.RowKey);
            totals[name] = totals.GetValueOrDefault(name) + row.Value;
        }
        return totals;
    }

    private static string ShardName(string rowKey)
    {
        var cut = rowKey.LastIndexOf('~');
        return cut > 0 ? rowKey[..cut] : rowKey;
    }

    private async Task WriteAsync(string partition, string name, long delta, CancellationToken cancellationToken)
    {
        var rowKey = name + "~" + Random.Shared.Next(Shards).ToString(CultureInfo.InvariantCulture);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var found = await storage.Stats.GetEntityIfExistsAsync<CounterRow>(partition, rowKey, cancellationToken: cancellationToken);
            try
            {
                if (found.HasValue)
                {
                    var row = found.Value!;
                    row.Value += delta;
                    await storage.Stats.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await storage.Stats.AddEntityAsync(new CounterRow { PartitionKey = partition, RowKey = rowKey, Value = delta }, cancellationToken);
                }
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Someone else counted at the same moment: read again and add on top.
            }
        }
    }

    /// <summary>Every counter of the days from <paramref name="from"/> to <paramref name="to"/>, shards summed: (day, name) to value.</summary>
    public async Task<IReadOnlyDictionary<(string Day, string Name), long>> ReadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        // Day partitions sort as dates; "gauges" sorts after every date and is left out by the upper bound.
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {Day(from)} and PartitionKey le {Day(to)}");
        var totals = new Dictionary<(string, string), long>();
        await foreach (var row in storage.Stats.QueryAsync<CounterRow>(filter, cancellationToken: cancellationToken))
        {
            var key = (row.PartitionKey, ShardName(row.RowKey));
            totals[key] = totals.GetValueOrDefault(key) + row.Value;
        }
        return totals;
    }

    public static string Day(DateTimeOffset utc) => Day(DateOnly.FromDateTime(utc.UtcDateTime));

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Writes the in-memory counts every couple of seconds, and once more when the host stops.</summary>
public sealed partial class CounterFlusher(Counters counters, Microsoft.Extensions.Logging.ILogger<CounterFlusher> logger) : Microsoft.Extensions.Hosting.BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await counters.FlushAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.FlushFailed(logger, e.GetType().Name);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await counters.FlushAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.FlushFailed(logger, e.GetType().Name);
        }
    }

    private static partial class Log
    {
        [Microsoft.Extensions.Logging.LoggerMessage(8001, Microsoft.Extensions.Logging.LogLevel.Warning, "Writing counters failed ({Error}); they are kept for the next try")]
        public static partial void FlushFailed(Microsoft.Extensions.Logging.ILogger logger, string error);
    }
}
