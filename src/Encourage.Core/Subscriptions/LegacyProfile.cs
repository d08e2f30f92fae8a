using Azure;
using Azure.Data.Tables;

namespace Encourage.Subscriptions;

/// <summary>
/// Profiles written before status, channel and pronoun were enums hold them in lower case ("active", "both", "him"),
/// which Azure.Data.Tables cannot read into an enum. Such a row is upgraded in place (a merge of those columns, If-Match),
/// then read as usual.
/// </summary>
public static class LegacyProfile
{
    /// <summary>True when the row exists and is now readable (upgraded here, or by somebody else meanwhile).</summary>
    public static async Task<bool> UpgradeAsync(TableClient table, string id, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<TableEntity>(id, Subscriber.ProfileRowKey, cancellationToken: cancellationToken);
        if (!found.HasValue) return false;
        var row = found.Value!;
        var upgrade = new TableEntity(id, Subscriber.ProfileRowKey);
        var changed = Upgrade<SubscriberStatus>(row, upgrade, nameof(Subscriber.Status))
                    | Upgrade<Channels>(row, upgrade, nameof(Subscriber.Channel))
                    | Upgrade<Pronoun>(row, upgrade, nameof(Subscriber.Pronoun));
        if (!changed) return false; // not a casing problem: let the error stand
        try
        {
            await table.UpdateEntityAsync(upgrade, row.ETag, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // upgraded (or changed) by somebody else meanwhile: read again
        }
        return true;
    }

    private static bool Upgrade<T>(TableEntity row, TableEntity upgrade, string column) where T : struct, Enum
    {
        if (row.GetString(column) is not { } stored || Enum.TryParse<T>(stored, ignoreCase: false, out _)) return false;
        if (!Enum.TryParse<T>(stored, ignoreCase: true, out var value)) return false;
        upgrade[column] = value.ToString();
        return true;
    }
}
