using System.Globalization;
using System.IO.Hashing;
using System.Text;
using Encourage.Hosting;

namespace Encourage.Scheduling;

/// <summary>One row of the due index: this subscriber is due at <see cref="DueUtc"/>.</summary>
public sealed class DueIndexRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public DateTimeOffset DueUtc { get; set; }
    public string SubscriberId => RowKey;
}

/// <summary>
/// The due index: subscribers keyed by the 5-minute UTC slot of their next send, so a dispatch tick reads only
/// who is due. PartitionKey = bucket + "-" + slot (yyyyMMddHHmm); RowKey = subscriber id. The bucket (a stable
/// hash of the id) spreads a popular send time over several partitions, and putting it first lets one range
/// query per bucket read every slot since the last tick.
/// </summary>
public sealed class DueIndex(EncourageStorage storage, IOptions<EncourageOptions> options)
{
    private readonly int _buckets = options.Value.DueIndexBuckets;

    public int Buckets => _buckets;

    public static string Slot(DateTimeOffset utc)
    {
        var u = utc.ToUniversalTime();
        var minute = u.Minute / SendSchedule.SlotMinutes * SendSchedule.SlotMinutes;
        return new DateTime(u.Year, u.Month, u.Day, u.Hour, minute, 0, DateTimeKind.Utc)
            .ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
    }

    public static DateTimeOffset SlotStart(string slot) =>
        DateTimeOffset.ParseExact(slot, "yyyyMMddHHmm", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public int BucketOf(string subscriberId) =>
        (int)(XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(subscriberId)) % (uint)_buckets);

    public string PartitionFor(string subscriberId, DateTimeOffset dueUtc) =>
        PartitionFor(BucketOf(subscriberId), Slot(dueUtc));

    public static string PartitionFor(int bucket, string slot) => bucket.ToString("D2", CultureInfo.InvariantCulture) + "-" + slot;

    /// <summary>Writes the row for a due time (idempotent).</summary>
    public Task AddAsync(string subscriberId, DateTimeOffset dueUtc, CancellationToken cancellationToken) =>
        storage.DueIndex.UpsertEntityAsync(
            new DueIndexRow { PartitionKey = PartitionFor(subscriberId, dueUtc), RowKey = subscriberId, DueUtc = dueUtc },
            TableUpdateMode.Replace, cancellationToken);

    /// <summary>Removes the row for a due time; a row already gone is fine.</summary>
    public async Task RemoveAsync(string subscriberId, DateTimeOffset dueUtc, CancellationToken cancellationToken)
    {
        await storage.DueIndex.DeleteEntityAsync(PartitionFor(subscriberId, dueUtc), subscriberId, ETag.All, cancellationToken);
    }

    /// <summary>
    /// Moving a subscriber's row is two halves around the profile's write: the new row first
    /// (<see cref="AddNewAsync"/>), the old one last (<see cref="RemoveOldAsync"/>). A crash in between leaves two rows
    /// (the sender drops the stale one) and never none (which would stall the subscriber).
    /// </summary>
    public Task AddNewAsync(string subscriberId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken) =>
        to is { } t && t != from ? AddAsync(subscriberId, t, cancellationToken) : Task.CompletedTask;

    /// <summary>The second half of a move: the old row goes, unless the new one took its place.</summary>
    public Task RemoveOldAsync(string subscriberId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken) =>
        from is { } f && (to is null || PartitionFor(subscriberId, f) != PartitionFor(subscriberId, to.Value))
            ? RemoveAsync(subscriberId, f, cancellationToken)
            : Task.CompletedTask;

    /// <summary>Every row in a slot before <paramref name="beforeSlot"/>: what the dispatcher has left behind (normally nothing).</summary>
    public Task<IReadOnlyList<DueIndexRow>> ReadBeforeAsync(string beforeSlot, CancellationToken cancellationToken) =>
        QueryBucketsAsync(bucket => TableClient.CreateQueryFilter(
            $"PartitionKey ge {PartitionFor(bucket, "000000000000")} and PartitionKey lt {PartitionFor(bucket, beforeSlot)}"), cancellationToken);

    /// <summary>Every row in the slots from <paramref name="fromSlot"/> to <paramref name="toSlot"/> inclusive, bucket by bucket in parallel.</summary>
    public Task<IReadOnlyList<DueIndexRow>> ReadAsync(string fromSlot, string toSlot, CancellationToken cancellationToken) =>
        QueryBucketsAsync(bucket => TableClient.CreateQueryFilter(
            $"PartitionKey ge {PartitionFor(bucket, fromSlot)} and PartitionKey le {PartitionFor(bucket, toSlot)}"), cancellationToken);

    private async Task<IReadOnlyList<DueIndexRow>> QueryBucketsAsync(Func<int, string> filterFor, CancellationToken cancellationToken)
    {
        var perBucket = await Task.WhenAll(Enumerable.Range(0, _buckets).Select(async bucket =>
        {
            var filter = filterFor(bucket);
            var rows = new List<DueIndexRow>();
            await foreach (var row in storage.DueIndex.QueryAsync<DueIndexRow>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
            {
                rows.Add(row);
            }
            return rows;
        }));
        return perBucket.SelectMany(r => r).ToList();
    }
}
