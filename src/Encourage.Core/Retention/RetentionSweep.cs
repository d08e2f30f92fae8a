using System.Globalization;

namespace Encourage.Retention;

/// <summary>Where the sweep has read the expiry index up to (a row in the Expiry table, outside every day partition).</summary>
public sealed class RetentionCursor : ITableEntity
{
    public const string Partition = "~cursor";
    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "sweep";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The last day (yyyyMMdd) a sweep finished.</summary>
    public string LastDay { get; set; } = "";
}

/// <summary>What one sweep did. <see cref="RowsRead"/> counts every row it read: index rows, the cursor, profiles.</summary>
public sealed record RetentionResult(string FromDay, string ToDay, int IndexRowsRead, int RowsRead,
    int TextsRemoved, int DeliveriesRemoved, int ProviderMessagesRemoved, int SubscribersErased, int NothingToDo)
{
    public int Expired => TextsRemoved + DeliveriesRemoved + ProviderMessagesRemoved + SubscribersErased;
}

/// <summary>
/// The daily retention job: reads the expiry-index days that have come since the last finished sweep and does what
/// each row asks: blank a reply's text, delete a delivery row and its provider-message map, erase an ended subscriber
/// (through <see cref="SubscriptionLifecycle.EraseAsync"/>, which keeps the hashed suppression entry). Every action is
/// idempotent, so a crash only means a day is read again.
/// </summary>
public sealed partial class RetentionSweep(
    ExpiryIndex index,
    EncourageStorage storage,
    SubscriberStore store,
    SubscriptionLifecycle lifecycle,
    TimeProvider time,
    ILogger<RetentionSweep> logger)
{
    public async Task<RetentionResult> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = ExpiryIndex.Today(now);
        var cursor = await ReadCursorAsync(cancellationToken);
        var fromDay = cursor.LastDay.Length == 0
            ? "00000000"
            : DateTime.ParseExact(cursor.LastDay, "yyyyMMdd", CultureInfo.InvariantCulture).AddDays(1).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        if (string.CompareOrdinal(fromDay, today) > 0)
        {
            return new RetentionResult(fromDay, today, 0, 1, 0, 0, 0, 0, 0);
        }

        var rows = await index.ReadAsync(fromDay, today, cancellationToken);
        int texts = 0, deliveries = 0, messages = 0, erased = 0, nothing = 0, profilesRead = 0, trimmed = 0;
        await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (row, ct) =>
            {
                switch (row.Kind)
                {
                    case ExpiryKinds.ReplyText:
                        Count(await store.BlankReplyTextAsync(row.SubscriberId, row.Target, now, ct), ref texts, ref nothing);
                        break;
                    case ExpiryKinds.Delivery:
                        Count(await store.DeleteDeliveryAsync(row.SubscriberId, row.Target, ct), ref deliveries, ref nothing);
                        break;
                    case ExpiryKinds.ProviderMessage:
                        Count((await storage.Messages.DeleteEntityAsync(row.Target, "", ETag.All, ct)).Status != 404, ref messages, ref nothing);
                        break;
                    case ExpiryKinds.Counter:
                        Count((await storage.Limits.DeleteEntityAsync(row.SubscriberId, row.Target, ETag.All, ct)).Status != 404, ref trimmed, ref nothing);
                        break;
                    case ExpiryKinds.StrangerAlert:
                        // Only while it is still a stranger's: someone who has joined since keeps it, and loses it with their data.
                        Count(await store.GetAsync(row.SubscriberId, ct) is null
                            && await store.DeleteAlertAsync(row.SubscriberId, ETag.All, ct), ref trimmed, ref nothing);
                        break;
                    case ExpiryKinds.Ended:
                        Interlocked.Increment(ref profilesRead);
                        Count(await EraseIfStillEndedAsync(row, now, ct), ref erased, ref nothing);
                        break;
                    default:
                        Interlocked.Increment(ref nothing);
                        break;
                }
            });
        await index.RemoveAsync(rows, cancellationToken);
        await AdvanceCursorAsync(cursor, today, cancellationToken);

        var result = new RetentionResult(fromDay, today, rows.Count, rows.Count + 1 + profilesRead, texts, deliveries, messages, erased, nothing);
        Log.Swept(logger, fromDay, today, rows.Count, texts, deliveries, messages, erased, nothing);
        return result;
    }

    private static void Count(bool done, ref int counter, ref int nothing)
    {
        if (done) Interlocked.Increment(ref counter);
        else Interlocked.Increment(ref nothing);
    }

    private async Task<bool> EraseIfStillEndedAsync(ExpiryRow row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var profile = await store.GetAsync(row.SubscriberId, cancellationToken);
        // Started again since (START, a new sign-up), or ended again later (a newer index row covers that): not yet.
        if (profile is not { Status: SubscriberStatus.Unsubscribed or SubscriberStatus.Graduated, EndedUtc: { } ended }) return false;
        if (ended + index.KeepEnded > now) return false;
        return await lifecycle.EraseAsync(profile.Id, cancellationToken) == LifecycleOutcome.Done;
    }

    private async Task<RetentionCursor> ReadCursorAsync(CancellationToken cancellationToken)
    {
        var found = await storage.Expiry.GetEntityIfExistsAsync<RetentionCursor>(RetentionCursor.Partition, "sweep", cancellationToken: cancellationToken);
        return found.HasValue ? found.Value! : new RetentionCursor();
    }

    private Task AdvanceCursorAsync(RetentionCursor cursor, string day, CancellationToken cancellationToken) =>
        OptimisticRetry.RunAsync(async () =>
        {
            if (string.CompareOrdinal(cursor.LastDay, day) >= 0) return (true, cursor); // an overlapping sweep got further
            cursor.LastDay = day;
            if (await OptimisticRetry.TryWriteAsync(storage.Expiry, cursor, cancellationToken)) return (true, cursor);
            cursor = await ReadCursorAsync(cancellationToken);
            return (false, cursor);
        }, "swept");

    private static partial class Log
    {
        [LoggerMessage(16001, LogLevel.Information,
            "Retention sweep {FromDay}..{ToDay}: {IndexRows} index rows; {Texts} reply texts blanked, {Deliveries} deliveries and {Messages} provider maps deleted, {Erased} ended subscribers erased, {Nothing} already gone")]
        public static partial void Swept(ILogger logger, string fromDay, string toDay, int indexRows, int texts, int deliveries, int messages, int erased, int nothing);
    }
}
