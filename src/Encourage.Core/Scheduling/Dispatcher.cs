using Encourage.Delivery;

namespace Encourage.Scheduling;

/// <summary>Where the dispatcher has read the due index up to.</summary>
public sealed class DispatchCursor : ITableEntity
{
    public string PartitionKey { get; set; } = "cursor";
    public string RowKey { get; set; } = "due-index";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The last slot (yyyyMMddHHmm) a tick finished.</summary>
    public string LastSlot { get; set; } = "";

    /// <summary>
    /// The storage's own time of the cursor write before the last: an index row behind the cursor that was written
    /// after it was written after the tick before last read, so no tick has enqueued it yet.
    /// </summary>
    public DateTimeOffset? WrittenSince { get; set; }
}

/// <summary>What one tick did.</summary>
public sealed record DispatchResult(string FromSlot, string ToSlot, int RowsRead, int Enqueued, int Behind = 0, int LateOrStuck = 0);

/// <summary>
/// The timer's work: read the due-index slots that have come due since the last finished tick, and enqueue one send
/// job per row. It never deletes rows (the sender moves them once it has sent), so a crash at any point only means a
/// slot is read again, and the sender's delivery rows make the repeat harmless.
/// </summary>
public sealed partial class Dispatcher(DueIndex dueIndex, SendJobQueue queue, EncourageStorage storage, LateWatch lateWatch, TimeProvider time,
    ILogger<Dispatcher> logger, ClockDelayedJobs? onTheClock = null)
{
    /// <summary>A clock this far behind the cursor was moved back (the dev clock): the cursor follows it.</summary>
    private static readonly TimeSpan ClockMovedBack = TimeSpan.FromHours(1);

    /// <summary>
    /// Each tick reads this many slots before the cursor again: a row written into the current slot just after a tick
    /// read it (a confirmation at 08:59:59 for 09:00) is still picked up by the next tick.
    /// </summary>
    private const int OverlapSlots = 3;

    public async Task<DispatchResult> TickAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var toSlot = DueIndex.Slot(now);
        var cursor = await ReadCursorAsync(cancellationToken);
        var fromSlot = cursor.LastSlot.Length == 0
            ? "000000000000"
            : DueIndex.Slot(DueIndex.SlotStart(cursor.LastSlot).AddMinutes(-SendSchedule.SlotMinutes * OverlapSlots));
        if (string.CompareOrdinal(fromSlot, toSlot) > 0) fromSlot = toSlot;

        var rows = await dueIndex.ReadAsync(fromSlot, toSlot, cancellationToken);
        var toSend = rows.Where(r => r.DueUtc <= now).ToList(); // later in the current slot: the next tick takes it

        // Behind the cursor there should be nothing but rows whose jobs are still retrying. A row written there since
        // the tick before last (a due time computed from a clock behind the dispatcher's) is sent now, never stranded;
        // one more than 26 hours behind is late: reported once, and given one more try.
        var behind = cursor.LastSlot.Length == 0 ? [] : await dueIndex.ReadBeforeAsync(fromSlot, cancellationToken);
        var markers = await lateWatch.ListAsync(cancellationToken);
        var known = markers.Select(m => m.RowKey).ToHashSet(StringComparer.Ordinal);
        var late = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in behind)
        {
            var isLate = row.DueUtc < now - LateWatch.LateAfter;
            if (isLate) late.Add(row.SubscriberId);
            if (cursor.WrittenSince is not { } since || row.Timestamp > since)
            {
                if (row.DueUtc <= now) toSend.Add(row);
            }
            else if (isLate && !known.Contains(row.SubscriberId))
            {
                await lateWatch.ReportAsync(row.SubscriberId, "late", row.DueUtc, cancellationToken);
                toSend.Add(row);
            }
        }

        var enqueued = 0;
        await Parallel.ForEachAsync(toSend, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
            async (row, ct) =>
            {
                await queue.EnqueueAsync(new SendJob(SendJobKind.Daily, row.SubscriberId, row.DueUtc), null, ct);
                Interlocked.Increment(ref enqueued);
            });

        if (onTheClock is not null) enqueued += await onTheClock.ReleaseDueAsync(queue, cancellationToken);

        await AdvanceCursorAsync(cursor, toSlot, now, cancellationToken);
        var lateOrStuck = markers.Count == 0 && late.Count == 0 ? 0
            : await lateWatch.ReviewAsync(await lateWatch.ListAsync(cancellationToken), late, cancellationToken);
        Log.Tick(logger, fromSlot, toSlot, rows.Count, enqueued);
        return new DispatchResult(fromSlot, toSlot, rows.Count, enqueued, behind.Count, lateOrStuck);
    }

    private async Task<DispatchCursor> ReadCursorAsync(CancellationToken cancellationToken)
    {
        var found = await storage.Dispatch.GetEntityIfExistsAsync<DispatchCursor>("cursor", "due-index", cancellationToken: cancellationToken);
        return found.HasValue ? found.Value! : new DispatchCursor();
    }

    private Task AdvanceCursorAsync(DispatchCursor cursor, string toSlot, DateTimeOffset now, CancellationToken cancellationToken) =>
        OptimisticRetry.RunAsync(async () =>
        {
            var movedBack = cursor.LastSlot.Length > 0 && DueIndex.SlotStart(cursor.LastSlot) > now + ClockMovedBack;
            // An overlapping tick got further; unless the clock itself went back, when the cursor follows it.
            if (string.CompareOrdinal(cursor.LastSlot, toSlot) >= 0 && !movedBack) return (true, cursor);
            cursor.WrittenSince = cursor.Timestamp;
            cursor.LastSlot = toSlot;
            if (await OptimisticRetry.TryWriteAsync(storage.Dispatch, cursor, cancellationToken)) return (true, cursor);
            cursor = await ReadCursorAsync(cancellationToken);
            return (false, cursor);
        }, "dispatched");

    private static partial class Log
    {
        [LoggerMessage(2001, LogLevel.Information, "Dispatch read slots {FromSlot}..{ToSlot}: {Rows} rows, {Enqueued} jobs enqueued")]
        public static partial void Tick(ILogger logger, string fromSlot, string toSlot, int rows, int enqueued);
    }
}
