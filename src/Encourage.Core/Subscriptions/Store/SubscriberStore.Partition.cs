namespace Encourage.Subscriptions;

/// <summary>The whole partition at once (the export and erasure), and the checked writes every part goes through.</summary>
public sealed partial class SubscriberStore
{
    /// <summary>Every row of a partition as stored, whatever its kind, for "everything held about them".</summary>
    public async Task<IReadOnlyList<TableEntity>> ReadPartitionAsync(string partition, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var e in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken))
        {
            rows.Add(e);
        }
        return rows;
    }

    /// <summary>Deletes every row of a partition but an alias there that points at another profile (that one belongs to it).</summary>
    public async Task DeletePartitionAsync(string partition, CancellationToken cancellationToken)
    {
        var rowKeys = new List<string>();
        await foreach (var e in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"),
            select: ["RowKey", nameof(ContactAlias.SubscriberId)], cancellationToken: cancellationToken))
        {
            if (e.RowKey == ContactAlias.AliasRowKey && e.GetString(nameof(ContactAlias.SubscriberId)) is { } owner && owner != partition) continue;
            rowKeys.Add(e.RowKey);
        }
        var deletes = rowKeys.Select(rk => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, rk), ETag.All));
        foreach (var batch in TableLimits.Batches(deletes)) await SubmitAsync(batch, cancellationToken);
    }

    /// <summary>The rows of one kind (a RowKey prefix ending in '|'): in one partition, or in all of them (null: an operator's scan).</summary>
    private IAsyncEnumerable<T> RowsAsync<T>(string? partition, string prefix, CancellationToken cancellationToken) where T : class, ITableEntity, new()
    {
        var end = prefix[..^1] + "}"; // '}' follows '|': the first key past every key with the prefix
        var filter = partition is null
            ? TableClient.CreateQueryFilter($"RowKey ge {prefix} and RowKey lt {end}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {end}");
        return _table.QueryAsync<T>(filter, cancellationToken: cancellationToken);
    }

    /// <summary>One row, or null when it is not there.</summary>
    private async Task<T?> GetRowAsync<T>(string partition, string rowKey, CancellationToken cancellationToken) where T : class, ITableEntity
    {
        var found = await _table.GetEntityIfExistsAsync<T>(partition, rowKey, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Deletes one row (If-Match <paramref name="ifMatch"/>); false when it was not there.</summary>
    private async Task<bool> DeleteRowAsync(string partition, string rowKey, ETag ifMatch, CancellationToken cancellationToken) =>
        (await _table.DeleteEntityAsync(partition, rowKey, ifMatch, cancellationToken)).Status != 404;

    /// <summary>One transaction, checked against what Azure accepts (<see cref="TableLimits.CheckBatch"/>) first.</summary>
    private async Task<IReadOnlyList<Response>> SubmitAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        TableLimits.CheckBatch(actions);
        return (await _table.SubmitTransactionAsync(actions, cancellationToken)).Value;
    }

    /// <summary>The entity, once it is known that Azure would accept it (<see cref="TableLimits.CheckEntity"/>).</summary>
    private static T Checked<T>(T entity) where T : ITableEntity
    {
        TableLimits.CheckEntity(entity);
        return entity;
    }
}
