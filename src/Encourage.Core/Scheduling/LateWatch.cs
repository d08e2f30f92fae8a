using Encourage.Arc;
using NodaTime;

namespace Encourage.Scheduling;

/// <summary>A subscriber found late or stuck: one row each in the Dispatch table's "late" partition.</summary>
public sealed class LateMarker : ITableEntity
{
    public const string Partition = "late";
    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string Reason { get; set; } = "";
    public DateTimeOffset? DueUtc { get; set; }
    public DateTimeOffset DetectedUtc { get; set; }
}

/// <summary>
/// Keeps the list of subscribers who are late (next due more than 26 hours behind now) or stuck (active, and their
/// next message more than 3 days overdue, counting from the last one sent). Each is logged once, when first found,
/// and counted on the dashboard until it moves on. The dispatcher reports rows left behind its cursor; the sender
/// reports a subscriber it reschedules without sending. The list stays as small as the trouble, so reading it is
/// cheap and nothing scans subscribers.
/// </summary>
public sealed partial class LateWatch(EncourageStorage storage, SubscriberStore subscribers, Programme programme, TimeProvider time, ILogger<LateWatch> logger)
{
    public static readonly TimeSpan LateAfter = TimeSpan.FromHours(26);
    public const int StuckAfterDays = 3;

    /// <summary>Why this profile is late or stuck at <paramref name="now"/>, or null when it is neither. Pure.</summary>
    public static string? Check(Subscriber p, DateTimeOffset now, Programme programme)
    {
        if (p.Status != SubscriberStatus.Active) return null;
        if (p.NextDueUtc is { } due && due < now - LateAfter) return "late";
        if (!SendSchedule.TryGetZone(p.TimeZone, out var zone)) return null;
        LocalDate? last = SendSchedule.TryParseDate(p.LastSentLocalDate, out var sent) ? sent
            : p.ConfirmedUtc is { } confirmed ? SendSchedule.LocalDateOf(confirmed, zone) : null;
        if (last is null) return null;
        if (p.LastSentLocalDate is null && SendSchedule.TryParseDate(p.StartDate, out var start) && start > last) last = start;
        var gap = p.LastSentLocalDate is null ? 0 : Math.Max(1, programme.Entry(p.NextEntry)?.DaysAfterPrevious ?? 1);
        var owedOn = last.Value.PlusDays(gap);
        var today = SendSchedule.LocalDateOf(now, zone);
        return today > owedOn.PlusDays(StuckAfterDays) ? "stuck" : null;
    }

    /// <summary>Checks a profile the sender could not send to; records and logs it the first time it is late or stuck.</summary>
    public async Task CheckAsync(Subscriber profile, CancellationToken cancellationToken)
    {
        if (Check(profile, time.GetUtcNow(), programme) is { } reason) await ReportAsync(profile.Id, reason, profile.NextDueUtc, cancellationToken);
    }

    /// <summary>Records a late or stuck subscriber; logs only when it was not already on the list.</summary>
    public async Task ReportAsync(string subscriberId, string reason, DateTimeOffset? dueUtc, CancellationToken cancellationToken)
    {
        try
        {
            await storage.Dispatch.AddEntityAsync(new LateMarker { RowKey = subscriberId, Reason = reason, DueUtc = dueUtc, DetectedUtc = time.GetUtcNow() },
                cancellationToken);
            Log.Found(logger, subscriberId, reason, dueUtc);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Already on the list, and already logged.
        }
    }

    public async Task<IReadOnlyList<LateMarker>> ListAsync(CancellationToken cancellationToken)
    {
        var markers = new List<LateMarker>();
        await foreach (var m in storage.Dispatch.QueryAsync<LateMarker>(TableClient.CreateQueryFilter($"PartitionKey eq {LateMarker.Partition}"),
            cancellationToken: cancellationToken))
        {
            markers.Add(m);
        }
        return markers;
    }

    /// <summary>
    /// Takes off the list everyone who has moved on (sent, stopped, erased), except those whose row is still behind
    /// the dispatcher (<paramref name="stillBehind"/>); returns how many are left.
    /// </summary>
    public async Task<int> ReviewAsync(IReadOnlyList<LateMarker> markers, IReadOnlySet<string> stillBehind, CancellationToken cancellationToken)
    {
        var left = 0;
        var now = time.GetUtcNow();
        foreach (var marker in markers)
        {
            if (!stillBehind.Contains(marker.RowKey))
            {
                var profile = await subscribers.GetAsync(marker.RowKey, cancellationToken);
                if (profile is null || Check(profile, now, programme) is null)
                {
                    await storage.Dispatch.DeleteEntityAsync(LateMarker.Partition, marker.RowKey, ETag.All, cancellationToken);
                    Log.MovedOn(logger, marker.RowKey);
                    continue;
                }
            }
            left++;
        }
        return left;
    }

    /// <summary>How many subscribers are on the list now (the dashboard's "late or stuck").</summary>
    public static async Task<long> CountAsync(EncourageStorage storage, CancellationToken cancellationToken)
    {
        long count = 0;
        try
        {
            await foreach (var _ in storage.Dispatch.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {LateMarker.Partition}"),
                select: ["RowKey"], cancellationToken: cancellationToken))
            {
                count++;
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No Dispatch table yet: nothing has been dispatched, so nobody is late.
        }
        return count;
    }

    private static partial class Log
    {
        [LoggerMessage(2002, LogLevel.Warning, "Subscriber {SubscriberId} is {Reason}: next due {NextDueUtc:o}. Counted on the dashboard as late or stuck until it moves on")]
        public static partial void Found(ILogger logger, string subscriberId, string reason, DateTimeOffset? nextDueUtc);

        [LoggerMessage(2003, LogLevel.Information, "Subscriber {SubscriberId} is no longer late or stuck")]
        public static partial void MovedOn(ILogger logger, string subscriberId);
    }
}
