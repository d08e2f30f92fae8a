using Azure.Data.Tables;

namespace Encourage.Local;

/// <summary>
/// The local host's clock: real time plus an offset the dev phone's "next day" button moves forward, so a newcomer
/// can walk through the programme in minutes. Every service reads time through it. The offset is kept in the local
/// store (the Dispatch table), so a restarted host on the same store goes on at the same moment: the dispatcher's
/// cursor and every due time written under the moved clock still line up.
/// </summary>
public sealed class LocalClock : TimeProvider
{
    private const string Partition = "dev-clock";
    private const string Row = "offset";
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    /// <summary>Takes up the offset an earlier run of the host left in this store.</summary>
    public async Task LoadAsync(TableClient table, CancellationToken cancellationToken)
    {
        var saved = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Row, cancellationToken: cancellationToken);
        if (saved.HasValue && saved.Value!.GetInt64("OffsetTicks") is { } ticks) Interlocked.Exchange(ref _offsetTicks, ticks);
    }

    /// <summary>Moves the clock forward and saves the new offset.</summary>
    public async Task AdvanceAsync(TimeSpan by, TableClient table, CancellationToken cancellationToken)
    {
        Advance(by);
        await table.UpsertEntityAsync(new TableEntity(Partition, Row) { ["OffsetTicks"] = Offset.Ticks }, TableUpdateMode.Replace, cancellationToken);
    }
}
