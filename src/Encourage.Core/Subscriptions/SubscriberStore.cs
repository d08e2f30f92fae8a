using Azure;
using Azure.Data.Tables;
using Encourage.Storage;

namespace Encourage.Subscriptions;

/// <summary>Points an email address at the subscriber who owns it (a subscriber on both channels is keyed by phone).</summary>
public sealed class ContactAlias : ITableEntity
{
    public const string AliasRowKey = "alias";
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = AliasRowKey;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string SubscriberId { get; set; } = "";
}

/// <summary>Reads and writes subscriber profiles. Every write is conditional on the ETag it read.</summary>
public sealed class SubscriberStore(EncourageStorage storage, ContactKeys keys, Insights.SubscriberGauges gauges, Retention.ExpiryIndex expiry)
{
    public TableClient Table => storage.Subscribers;

    public async Task<Subscriber?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsValidId(id)) return null;
        var found = await storage.Subscribers.GetEntityIfExistsAsync<Subscriber>(id, Subscriber.ProfileRowKey, cancellationToken: cancellationToken);
        if (!found.HasValue) return null;
        var subscriber = found.Value!;
        subscriber.Loaded = gauges.StateOf(subscriber);
        return subscriber;
    }

    public Task<Subscriber?> GetByPhoneAsync(string e164, CancellationToken cancellationToken) =>
        GetAsync(keys.ForPhone(e164), cancellationToken);

    public async Task<Subscriber?> GetByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var id = keys.ForEmail(email);
        var direct = await GetAsync(id, cancellationToken);
        if (direct is not null) return direct;
        var alias = await storage.Subscribers.GetEntityIfExistsAsync<ContactAlias>(id, ContactAlias.AliasRowKey, cancellationToken: cancellationToken);
        return alias.HasValue ? await GetAsync(alias.Value!.SubscriberId, cancellationToken) : null;
    }

    /// <summary>
    /// Every profile that holds this email, confirmed or not (its own, one it is an alias of, a pending "both" sign-up),
    /// for an operator's erasure. A query over profile rows: erasure is rare, and must miss none.
    /// </summary>
    public async Task<IReadOnlyList<Subscriber>> ProfilesHoldingEmailAsync(string email, CancellationToken cancellationToken)
    {
        var found = new List<Subscriber>();
        var filter = TableClient.CreateQueryFilter($"RowKey eq {Subscriber.ProfileRowKey} and Email eq {email.Trim().ToLowerInvariant()}");
        await foreach (var row in storage.Subscribers.QueryAsync<Subscriber>(filter, cancellationToken: cancellationToken))
        {
            row.Loaded = gauges.StateOf(row);
            found.Add(row);
        }
        return found;
    }

    public async Task AddAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        await expiry.EndedAsync(subscriber, cancellationToken); // retention: an ended profile is indexed before it is written
        var response = await storage.Subscribers.AddEntityAsync(subscriber, cancellationToken);
        subscriber.ETag = response.Headers.ETag ?? ETag.All;
        await WrittenAsync(subscriber, cancellationToken);
    }

    /// <summary>Replaces the profile if nobody changed it since it was read; false when somebody did.</summary>
    public async Task<bool> TryUpdateAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        await expiry.EndedAsync(subscriber, cancellationToken); // retention: an ended profile is indexed before it is written
        try
        {
            var response = await storage.Subscribers.UpdateEntityAsync(subscriber, subscriber.ETag, TableUpdateMode.Replace, cancellationToken);
            subscriber.ETag = response.Headers.ETag ?? subscriber.ETag;
            await WrittenAsync(subscriber, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>Moves the dashboard's gauges from the state the profile was read in to the one just written.</summary>
    public async Task WrittenAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        var now = gauges.StateOf(subscriber);
        await gauges.TrackAsync(subscriber.Loaded, now, cancellationToken);
        subscriber.Loaded = now;
    }

    /// <summary>The profile is gone (expired or erased): it leaves the gauges.</summary>
    public Task DeletedAsync(Subscriber subscriber, CancellationToken cancellationToken) =>
        gauges.TrackAsync(subscriber.Loaded, null, cancellationToken);

    public Task SetAliasAsync(string email, string subscriberId, CancellationToken cancellationToken) =>
        storage.Subscribers.UpsertEntityAsync(new ContactAlias { PartitionKey = keys.ForEmail(email), SubscriberId = subscriberId },
            TableUpdateMode.Replace, cancellationToken);

    /// <summary>Ids are ours (a letter and 32 hex digits): anything else is refused before it reaches a key.</summary>
    public static bool IsValidId(string? id) =>
        id is { Length: 33 } && (id[0] is 'p' or 'e') && id.AsSpan(1).IndexOfAnyExcept("0123456789abcdef") < 0;
}
