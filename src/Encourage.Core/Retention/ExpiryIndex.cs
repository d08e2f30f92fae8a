using System.Globalization;
using System.IO.Hashing;
using System.Text;
using Encourage.Hosting;

namespace Encourage.Retention;

/// <summary>What an expiry row asks the sweep to do.</summary>
public static class ExpiryKinds
{
    /// <summary>Blank the text of a reply event (slip, urge, contact); its kind, time and day stay.</summary>
    public const string ReplyText = "text";

    /// <summary>Delete a delivery row.</summary>
    public const string Delivery = "delivery";

    /// <summary>Delete the provider-message map row (Twilio SID to subscriber) of a delivery.</summary>
    public const string ProviderMessage = "message";

    /// <summary>Erase an unsubscribed or graduated subscriber, if they are still ended and long enough.</summary>
    public const string Ended = "ended";

    /// <summary>Delete a counter row of the Limits table (SubscriberId = its key, Target = its window).</summary>
    public const string Counter = "counter";

    /// <summary>Delete the safety-alert row of a number or address with no profile (a stranger).</summary>
    public const string StrangerAlert = "stranger-alert";
}

/// <summary>One thing that expires: PartitionKey = "{bucket:00}-{yyyyMMdd}", RowKey = "{kind}|{subscriber}|{target}".</summary>
public sealed class ExpiryRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string Kind { get; set; } = "";
    public string SubscriberId { get; set; } = "";

    /// <summary>The row the kind acts on: a RowKey in the subscriber's partition, or a provider message key.</summary>
    public string Target { get; set; } = "";
    public DateTimeOffset ExpiresUtc { get; set; }
}

/// <summary>
/// The expiry index: every row that must go (or lose its text) after a while is mirrored, when it is written, by one
/// row here in the partition of the first whole UTC day on which it has expired, spread over buckets like the due
/// index. The daily sweep reads only the days that have come since it last ran, so its cost follows what expired,
/// not what is stored. Index rows are written before the rows they mirror: a crash in between leaves an index row
/// pointing at nothing (the sweep finds nothing to do), never a row that is kept forever.
/// </summary>
public sealed class ExpiryIndex(EncourageStorage storage, IOptions<EncourageOptions> options)
{
    public const int Buckets = 8;
    private readonly EncourageOptions _options = options.Value;

    public TimeSpan KeepReplyText => TimeSpan.FromDays(_options.KeepReplyTextDays);
    public TimeSpan KeepDelivery => TimeSpan.FromDays(_options.KeepDeliveryDays);
    public TimeSpan KeepEnded => TimeSpan.FromDays(_options.KeepEndedDays);

    /// <summary>The first whole UTC day on which something expiring at <paramref name="expiresUtc"/> has expired.</summary>
    public static string Day(DateTimeOffset expiresUtc) =>
        expiresUtc.UtcDateTime.Date.AddDays(1).ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static string Today(DateTimeOffset nowUtc) => nowUtc.UtcDateTime.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static int BucketOf(string subscriberId) =>
        (int)(XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(subscriberId)) % Buckets);

    public static string PartitionFor(int bucket, string day) => bucket.ToString("D2", CultureInfo.InvariantCulture) + "-" + day;

    public static ExpiryRow Row(string kind, string subscriberId, string target, DateTimeOffset expiresUtc) => new()
    {
        PartitionKey = PartitionFor(BucketOf(subscriberId), Day(expiresUtc)),
        RowKey = kind + "|" + subscriberId + "|" + target,
        Kind = kind,
        SubscriberId = subscriberId,
        Target = target,
        ExpiresUtc = expiresUtc,
    };

    /// <summary>Writes one expiry row (idempotent: the same thing written twice on a day is one row).</summary>
    public Task AddAsync(string kind, string subscriberId, string target, DateTimeOffset expiresUtc, CancellationToken cancellationToken) =>
        storage.Expiry.UpsertEntityAsync(Row(kind, subscriberId, target, expiresUtc), TableUpdateMode.Replace, cancellationToken);

    /// <summary>A delivery row claimed at <paramref name="claimedUtc"/>.</summary>
    public Task DeliveryAsync(string subscriberId, string deliveryRowKey, DateTimeOffset claimedUtc, CancellationToken cancellationToken) =>
        AddAsync(ExpiryKinds.Delivery, subscriberId, deliveryRowKey, claimedUtc + KeepDelivery, cancellationToken);

    /// <summary>The provider-message map row of a delivery, which goes with the delivery.</summary>
    public Task ProviderMessageAsync(string subscriberId, string providerKey, DateTimeOffset claimedUtc, CancellationToken cancellationToken) =>
        AddAsync(ExpiryKinds.ProviderMessage, subscriberId, providerKey, claimedUtc + KeepDelivery, cancellationToken);

    /// <summary>The reply events a webhook transaction is about to add: their text expires (none without text).</summary>
    public async Task RepliesAsync(IEnumerable<ReplyEventRow> events, CancellationToken cancellationToken)
    {
        foreach (var reply in events.Where(e => e.Text.Length > 0))
        {
            await AddAsync(ExpiryKinds.ReplyText, reply.PartitionKey, reply.RowKey, reply.Utc + KeepReplyText, cancellationToken);
        }
    }

    /// <summary>A profile about to be written as ended (unsubscribed or graduated): it is erased after the keep period.</summary>
    public Task EndedAsync(Subscriber profile, CancellationToken cancellationToken) =>
        profile is { EndedUtc: { } ended, Status: SubscriberStatus.Unsubscribed or SubscriberStatus.Graduated }
            ? AddAsync(ExpiryKinds.Ended, profile.Id, "", ended + KeepEnded, cancellationToken)
            : Task.CompletedTask;

    /// <summary>Every expiry row in the days from <paramref name="fromDay"/> to <paramref name="toDay"/> inclusive, bucket by bucket.</summary>
    public async Task<IReadOnlyList<ExpiryRow>> ReadAsync(string fromDay, string toDay, CancellationToken cancellationToken)
    {
        var perBucket = await Task.WhenAll(Enumerable.Range(0, Buckets).Select(async bucket =>
        {
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey ge {PartitionFor(bucket, fromDay)} and PartitionKey le {PartitionFor(bucket, toDay)}");
            var rows = new List<ExpiryRow>();
            await foreach (var row in storage.Expiry.QueryAsync<ExpiryRow>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
            {
                rows.Add(row);
            }
            return rows;
        }));
        return perBucket.SelectMany(r => r).ToList();
    }

    /// <summary>Removes index rows the sweep has acted on, 100 to a transaction within a partition.</summary>
    public async Task RemoveAsync(IEnumerable<ExpiryRow> rows, CancellationToken cancellationToken)
    {
        foreach (var chunk in rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal).SelectMany(g => g.Chunk(100)))
        {
            try
            {
                await storage.Expiry.SubmitTransactionAsync(
                    chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(r.PartitionKey, r.RowKey), ETag.All)),
                    cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status == 404)
            {
                // An overlapping sweep removed some already: remove the rest one by one (a missing row is fine).
                foreach (var r in chunk) await storage.Expiry.DeleteEntityAsync(r.PartitionKey, r.RowKey, ETag.All, cancellationToken);
            }
        }
    }
}
