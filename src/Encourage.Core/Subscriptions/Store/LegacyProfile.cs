namespace Encourage.Subscriptions;

/// <summary>
/// Profiles written before status, channel and pronoun were enums hold them in lower case ("active", "both", "him"),
/// which Azure.Data.Tables would read as the enums' defaults. Such a row (no <see cref="Subscriber.Shape"/> mark) is
/// upgraded in place by <see cref="SubscriberStore"/> (a merge of those columns and the mark, If-Match), then read as
/// usual. A value that is not a name in any case is not guessed at: the read fails.
/// </summary>
internal static class LegacyProfile
{
    /// <summary>Upgrades the row if it is still unmarked (somebody else may have done it meanwhile).</summary>
    public static async Task UpgradeAsync(TableClient table, string id, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<TableEntity>(id, Subscriber.ProfileRowKey, cancellationToken: cancellationToken);
        if (!found.HasValue) return;
        var row = found.Value!;
        if ((row.GetInt32(nameof(Subscriber.Shape)) ?? 0) >= Subscriber.CurrentShape) return;
        var upgrade = new TableEntity(id, Subscriber.ProfileRowKey) { [nameof(Subscriber.Shape)] = Subscriber.CurrentShape };
        Upgrade<SubscriberStatus>(row, upgrade, nameof(Subscriber.Status));
        Upgrade<Channels>(row, upgrade, nameof(Subscriber.Channel));
        Upgrade<Pronoun>(row, upgrade, nameof(Subscriber.Pronoun));
        try
        {
            await table.UpdateEntityAsync(upgrade, row.ETag, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // upgraded (or changed) by somebody else meanwhile: read again
        }
    }

    private static void Upgrade<T>(TableEntity row, TableEntity upgrade, string column) where T : struct, Enum
    {
        if (row.GetString(column) is not { } stored) return; // missing: the default, as it always was
        if (!Enum.TryParse<T>(stored, ignoreCase: true, out var value) || !Enum.IsDefined(value))
        {
            throw new InvalidDataException($"Profile {row.PartitionKey}: {column} \"{stored}\" is not a {typeof(T).Name}.");
        }
        upgrade[column] = value.ToString();
    }
}
