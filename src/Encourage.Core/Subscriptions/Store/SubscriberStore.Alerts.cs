namespace Encourage.Subscriptions;

/// <summary>The operator-alert row: the hourly claim of <see cref="Safety.OperatorAlerts"/> (whose rule it is).</summary>
public sealed partial class SubscriberStore
{
    public Task<AlertRow?> GetAlertAsync(string subscriberId, CancellationToken cancellationToken) =>
        GetRowAsync<AlertRow>(subscriberId, AlertRow.Key, cancellationToken);

    /// <summary>
    /// Adds the row when it has no ETag, else replaces it If-Match; its new ETag is kept on it. Throws as the table
    /// does (409, 412) when somebody else claimed first.
    /// </summary>
    public async Task WriteAlertAsync(AlertRow row, CancellationToken cancellationToken)
    {
        var response = row.ETag == default
            ? await _table.AddEntityAsync(Checked(row), cancellationToken)
            : await _table.UpdateEntityAsync(Checked(row), row.ETag, TableUpdateMode.Replace, cancellationToken);
        row.ETag = response.Headers.ETag ?? default;
    }

    /// <summary>Deletes the alert row (If-Match <paramref name="ifMatch"/>); false when it was not there.</summary>
    public Task<bool> DeleteAlertAsync(string subscriberId, ETag ifMatch, CancellationToken cancellationToken) =>
        DeleteRowAsync(subscriberId, AlertRow.Key, ifMatch, cancellationToken);
}
