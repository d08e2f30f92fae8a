using Encourage.Retention;

namespace Encourage.Storage;

/// <summary>
/// Counters per key and time window (an hour, a day), shared by every instance: one row in the Limits table per
/// (key, window), PartitionKey = key, RowKey = window, counted with If-Match. The one store of Limits rows: sign-up
/// limits and reply budgets both count here. Each row is mirrored in the expiry index when it is created, so the
/// retention sweep deletes it a day after its window closes.
/// </summary>
public sealed class WindowCounters(EncourageStorage storage, ExpiryIndex expiry)
{
    /// <summary>Adds <paramref name="by"/> and returns the new count; <see cref="long.MaxValue"/> when the row stays too busy to count.</summary>
    public async Task<long> AddAsync(string key, string window, DateTimeOffset windowEnds, long by, CancellationToken cancellationToken)
    {
        var counted = await CountAsync(key, window, windowEnds, row =>
        {
            var count = (row.GetInt64("Count") ?? 0) + by;
            row["Count"] = count;
            return count;
        }, cancellationToken);
        return counted ?? long.MaxValue;
    }

    /// <summary>
    /// Counts one day and the current hour in one row (RowKey "d" + yyyyMMdd; <c>Count</c> the day's, <c>Hour</c> and
    /// <c>HourCount</c> the current hour's): one read and one write where two windows took two of each. The hour is
    /// always counted; the day only when <paramref name="countsForDay"/> says so given the new hour count (an answer
    /// refused by the hour's cap was never sent). Returns both counts; <see cref="long.MaxValue"/> for both when the row
    /// stays too busy to count.
    /// </summary>
    public async Task<(long Hour, long Day)> AddHourAndDayAsync(string key, DateTimeOffset now, long by, Func<long, bool> countsForDay,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(countsForDay);
        var utc = now.UtcDateTime;
        var window = "d" + utc.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var counted = await CountAsync(key, window, new DateTimeOffset(utc.Date.AddDays(1), TimeSpan.Zero), row =>
        {
            // A row from before the hour was kept here (or from an earlier hour) starts the hour at zero.
            var hour = row.GetInt32("Hour") == utc.Hour ? (row.GetInt64("HourCount") ?? 0) + by : by;
            var day = (row.GetInt64("Count") ?? 0) + (countsForDay(hour) ? by : 0);
            row["Count"] = day;
            row["Hour"] = utc.Hour;
            row["HourCount"] = hour;
            return (hour, day);
        }, cancellationToken);
        return counted ?? (long.MaxValue, long.MaxValue);
    }

    /// <summary>
    /// Reads the (key, window) row, lets <paramref name="count"/> change it and writes it back If-Match (a new row is
    /// added, its expiry index row first); read again when another instance counted at the same moment. Null when the
    /// row stays too busy to count.
    /// </summary>
    private async Task<T?> CountAsync<T>(string key, string window, DateTimeOffset windowEnds, Func<TableEntity, T> count,
        CancellationToken cancellationToken) where T : struct
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var found = await storage.Limits.GetEntityIfExistsAsync<TableEntity>(key, window, cancellationToken: cancellationToken);
            var row = found.HasValue ? found.Value! : new TableEntity(key, window);
            var counted = count(row);
            try
            {
                if (!found.HasValue)
                {
                    // The index row first: a crash between the two leaves an index row pointing at nothing.
                    await expiry.AddAsync(ExpiryKinds.Counter, key, window, windowEnds.AddDays(1), cancellationToken);
                    await storage.Limits.AddEntityAsync(row, cancellationToken);
                }
                else
                {
                    await storage.Limits.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                return counted;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another instance counted at the same moment: read again.
                await Task.Delay(Random.Shared.Next(5, 30), cancellationToken);
            }
        }
        return null;
    }

    /// <summary>Marks (key, window) as seen; false when it was already marked (a replay). Trimmed like a counter.</summary>
    public async Task<bool> TryMarkOnceAsync(string key, string window, DateTimeOffset windowEnds, CancellationToken cancellationToken)
    {
        await expiry.AddAsync(ExpiryKinds.Counter, key, window, windowEnds.AddDays(1), cancellationToken);
        try
        {
            await storage.Limits.AddEntityAsync(new TableEntity(key, window) { ["Count"] = 1L }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }
}
