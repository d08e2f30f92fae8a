using Encourage.Delivery;

namespace Encourage.Subscriptions;

/// <summary>Delivery rows: the claim that makes a send happen once, and what came of it (the rules are in <see cref="DeliveryLog"/>).</summary>
public sealed partial class SubscriberStore
{
    public Task<DeliveryRow?> GetDeliveryAsync(string subscriberId, string key, CancellationToken cancellationToken) =>
        GetRowAsync<DeliveryRow>(subscriberId, DeliveryRow.Prefix + key, cancellationToken);

    /// <summary>
    /// Writes a claim (a new row is added; one read before is replaced If-Match) and a touch of the profile (If-Match
    /// on the ETag the caller read) in one transaction: <see cref="ClaimOutcome.ProfileChanged"/> when the profile
    /// changed since, <see cref="ClaimOutcome.HeldByAnother"/> when the row is there or changed since.
    /// </summary>
    public async Task<ClaimOutcome> TryClaimDeliveryAsync(Subscriber profile, DeliveryRow row, CancellationToken cancellationToken)
    {
        var claim = row.ETag == default
            ? new TableTransactionAction(TableTransactionActionType.Add, row)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, row.ETag);
        var touch = new TableEntity(profile.Id, Subscriber.ProfileRowKey) { ["LastClaimUtc"] = row.ClaimedUtc };
        try
        {
            var response = await SubmitAsync([claim, new TableTransactionAction(TableTransactionActionType.UpdateMerge, touch, profile.ETag)], cancellationToken);
            row.ETag = response[0].Headers.ETag ?? ETag.All;
            profile.ETag = response[1].Headers.ETag ?? profile.ETag;
            return ClaimOutcome.Claimed;
        }
        catch (TableTransactionFailedException e)
        {
            // Action 1 is the profile touch; action 0 is the claim itself.
            return e.FailedTransactionActionIndex == 1 ? ClaimOutcome.ProfileChanged : ClaimOutcome.HeldByAnother;
        }
    }

    /// <summary>Saves a delivery row as it now stands, whatever its ETag (fails, 404, when it was erased meanwhile).</summary>
    public Task SaveDeliveryAsync(DeliveryRow row, CancellationToken cancellationToken) =>
        _table.UpdateEntityAsync(Checked(row), ETag.All, TableUpdateMode.Replace, cancellationToken);

    /// <summary>Every delivery row of a subscriber.</summary>
    public async Task<IReadOnlyList<DeliveryRow>> DeliveriesAsync(string subscriberId, CancellationToken cancellationToken)
    {
        var rows = new List<DeliveryRow>();
        await foreach (var row in RowsAsync<DeliveryRow>(subscriberId, DeliveryRow.Prefix, cancellationToken)) rows.Add(row);
        return rows;
    }

    /// <summary>Deletes a delivery row (its RowKey); false when it was not there.</summary>
    public Task<bool> DeleteDeliveryAsync(string subscriberId, string rowKey, CancellationToken cancellationToken) =>
        DeleteRowAsync(subscriberId, rowKey, ETag.All, cancellationToken);
}
