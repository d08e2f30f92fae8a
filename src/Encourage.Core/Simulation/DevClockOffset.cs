namespace Encourage.Simulation;

/// <summary>
/// The local host's dev clock offset, kept in the store (the Dispatch table's "dev-clock" row), so a restarted host
/// goes on at the same moment and the CLI reads the same "today" as the dashboard. Only the local host writes it.
/// </summary>
public static class DevClockOffset
{
    private const string Partition = "dev-clock";
    private const string Row = "offset";

    public static async Task<TimeSpan> LoadAsync(EncourageStorage storage, CancellationToken cancellationToken)
    {
        try
        {
            var saved = await storage.Dispatch.GetEntityIfExistsAsync<TableEntity>(Partition, Row, cancellationToken: cancellationToken);
            return saved.HasValue && saved.Value!.GetInt64("OffsetTicks") is { } ticks ? TimeSpan.FromTicks(ticks) : TimeSpan.Zero;
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return TimeSpan.Zero;
        }
    }

    public static Task SaveAsync(EncourageStorage storage, TimeSpan offset, CancellationToken cancellationToken) =>
        storage.Dispatch.UpsertEntityAsync(new TableEntity(Partition, Row) { ["OffsetTicks"] = offset.Ticks }, TableUpdateMode.Replace, cancellationToken);
}
