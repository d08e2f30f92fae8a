using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Encourage.Storage;

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
/// dashboard reads a few rows per day instead of scanning every slip. Each counter is split into shards so that
/// a dispatch burst does not make every sender fight over one row's ETag.
/// </summary>
public sealed class Counters(EncourageStorage storage, TimeProvider time)
{
    private const int Shards = 8;

    /// <summary>Partition of the counters that are levels, not daily events (subscribers by status and phase).</summary>
    public const string GaugePartition = "gauges";

    public Task AddAsync(string name, long delta, CancellationToken cancellationToken) =>
        AddAsync(Day(time.GetUtcNow()), name, delta, cancellationToken);

    public Task AddGaugeAsync(string name, long delta, CancellationToken cancellationToken) =>
        AddAsync(GaugePartition, name, delta, cancellationToken);

    /// <summary>Current levels: name to value, shards summed.</summary>
    public async Task<IReadOnlyDictionary<string, long>> ReadGaugesAsync(CancellationToken cancellationToken)
    {
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

    private async Task AddAsync(string partition, string name, long delta, CancellationToken cancellationToken)
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
