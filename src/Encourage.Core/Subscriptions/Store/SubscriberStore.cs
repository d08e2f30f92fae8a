namespace Encourage.Subscriptions;

/// <summary>What <see cref="SubscriberStore.ChangeAsync"/> did: the move, and the profile as saved (null when there is none).</summary>
public sealed record Changed(Subscriber? Profile, Move Move)
{
    public bool Done => Move == Move.Done;
}

/// <summary>
/// The one store of a subscriber's partition of the Subscribers table: nothing else reads or writes a row there (the
/// rows are in <c>PartitionRows.cs</c>; a test holds every other file to it). This part holds the profile: every write
/// is conditional on the ETag it read, and every write of a profile goes through <see cref="TrySaveAsync"/>, which also
/// moves the profile's due-index row in the crash-safe order; <see cref="ChangeAsync"/> wraps a transition
/// (<c>Subscriber.Transitions.cs</c>) in the one retry policy. The other parts: deliveries, replies, alerts, and the
/// whole partition (export, erasure). Every write is checked against <see cref="TableLimits"/> first.
/// </summary>
public sealed partial class SubscriberStore(EncourageStorage storage, ContactKeys keys, Insights.SubscriberGauges gauges, Retention.ExpiryIndex expiry,
    Scheduling.DueIndex dueIndex)
{
    private readonly TableClient _table = storage.Subscribers;

    public async Task<Subscriber?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsValidId(id)) return null;
        var found = await _table.GetEntityIfExistsAsync<Subscriber>(id, Subscriber.ProfileRowKey, cancellationToken: cancellationToken);
        if (found.HasValue && found.Value!.Shape < Subscriber.CurrentShape)
        {
            // A row from before the enums: upgraded in place, then read again.
            await LegacyProfile.UpgradeAsync(_table, id, cancellationToken);
            found = await _table.GetEntityIfExistsAsync<Subscriber>(id, Subscriber.ProfileRowKey, cancellationToken: cancellationToken);
        }
        if (!found.HasValue) return null;
        var subscriber = found.Value!;
        subscriber.Loaded = gauges.StateOf(subscriber);
        subscriber.LoadedDueUtc = subscriber.NextDueUtc;
        return subscriber;
    }

    /// <summary>
    /// Reads the profile, applies a transition and saves it (If-Match, due-index row moved); somebody else's write in
    /// between means read and decide again (<see cref="OptimisticRetry"/>). Only <see cref="Move.Done"/> writes.
    /// </summary>
    public Task<Changed> ChangeAsync(string id, Func<Subscriber, Move> change, CancellationToken cancellationToken) =>
        OptimisticRetry.RunAsync(async () =>
        {
            var profile = await GetAsync(id, cancellationToken);
            if (profile is null) return (true, new Changed(null, Move.Refused));
            var move = change(profile);
            if (move != Move.Done) return (true, new Changed(profile, move));
            return (await TrySaveAsync(profile, cancellationToken), new Changed(profile, Move.Done));
        }, "updated");

    public Task<Subscriber?> GetByPhoneAsync(string e164, CancellationToken cancellationToken) =>
        GetAsync(keys.ForPhone(e164), cancellationToken);

    public async Task<Subscriber?> GetByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var id = keys.ForEmail(email);
        var direct = await GetAsync(id, cancellationToken);
        if (direct is not null) return direct;
        var alias = await _table.GetEntityIfExistsAsync<ContactAlias>(id, ContactAlias.AliasRowKey, cancellationToken: cancellationToken);
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
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            if (await GetAsync(row.PartitionKey, cancellationToken) is { } profile) found.Add(profile);
        }
        return found;
    }

    /// <summary>
    /// Writes the profile (added when it was never read, else replaced If-Match); false when somebody else wrote it
    /// first. The due-index row moves around the write: the new row before, the old one after, so a crash leaves a
    /// stale row (dropped by the sender) and never none.
    /// </summary>
    public Task<bool> TrySaveAsync(Subscriber subscriber, CancellationToken cancellationToken) =>
        TrySaveAsync(subscriber, [], cancellationToken);

    /// <summary>
    /// <see cref="TrySaveAsync(Subscriber, CancellationToken)"/> with <paramref name="alsoWrite"/> (rows of the same
    /// partition) in the profile's transaction. A transaction that fails for another reason than the profile (a
    /// marker already there) throws to the caller.
    /// </summary>
    private async Task<bool> TrySaveAsync(Subscriber subscriber, IReadOnlyList<TableTransactionAction> alsoWrite, CancellationToken cancellationToken)
    {
        var (from, to) = (subscriber.LoadedDueUtc, subscriber.NextDueUtc);
        subscriber.Shape = Subscriber.CurrentShape;
        TableLimits.CheckBatch([.. alsoWrite, ProfileWrite(subscriber)]); // before anything is written, the index rows too
        await dueIndex.AddNewAsync(subscriber.Id, from, to, cancellationToken);
        await expiry.EndedAsync(subscriber, cancellationToken); // retention: an ended profile is indexed before it is written
        try
        {
            if (alsoWrite.Count > 0)
            {
                var response = await SubmitAsync([.. alsoWrite, ProfileWrite(subscriber)], cancellationToken);
                subscriber.ETag = response[^1].Headers.ETag ?? subscriber.ETag;
            }
            else if (!await OptimisticRetry.TryWriteAsync(_table, subscriber, cancellationToken))
            {
                return false; // changed, deleted or created by somebody else since it was read
            }
        }
        catch (TableTransactionFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
        await dueIndex.RemoveOldAsync(subscriber.Id, from, to, cancellationToken);
        subscriber.LoadedDueUtc = to;
        await WrittenAsync(subscriber, cancellationToken);
        return true;
    }

    /// <summary>The profile's part of a transaction: added when it was never read, else replaced If-Match.</summary>
    private static TableTransactionAction ProfileWrite(Subscriber subscriber) => subscriber.ETag == default
        ? new TableTransactionAction(TableTransactionActionType.Add, subscriber)
        : new TableTransactionAction(TableTransactionActionType.UpdateReplace, subscriber, subscriber.ETag);

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

    /// <summary>
    /// Uses up a "download my data" link: true once, for a link still current; its use time on the profile (saved
    /// If-Match) makes every data link issued before it stale, so two posts of one link cannot both download.
    /// </summary>
    public Task<bool> UseDataLinkAsync(LinkClaim claim, LinkToken tokens, CancellationToken cancellationToken) =>
        OptimisticRetry.RunAsync(async () =>
        {
            var profile = await GetAsync(claim.SubscriberId, cancellationToken);
            if (profile is null || tokens.Standing(claim, profile) != LinkStanding.Current) return (true, false);
            profile.DataLinkUsedUtc = tokens.Now > claim.IssuedUtc ? tokens.Now : claim.IssuedUtc;
            return (await TrySaveAsync(profile, cancellationToken), true);
        }, "used a data link");

    public Task SetAliasAsync(string email, string subscriberId, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(Checked(new ContactAlias { PartitionKey = keys.ForEmail(email), SubscriberId = subscriberId }),
            TableUpdateMode.Replace, cancellationToken);

    /// <summary>Deletes the email's alias row only when it points at this profile: another profile's rows are not ours.</summary>
    public async Task DeleteAliasIfOursAsync(string email, string id, CancellationToken cancellationToken)
    {
        var emailId = keys.ForEmail(email);
        if (emailId == id) return; // the alias partition is this profile's own, deleted with it
        var alias = await _table.GetEntityIfExistsAsync<ContactAlias>(emailId, ContactAlias.AliasRowKey, cancellationToken: cancellationToken);
        if (alias.HasValue && alias.Value!.SubscriberId == id)
        {
            await _table.DeleteEntityAsync(emailId, ContactAlias.AliasRowKey, alias.Value.ETag, cancellationToken);
        }
    }

    /// <summary>Ids are ours (a letter and 32 hex digits): anything else is refused before it reaches a key.</summary>
    public static bool IsValidId(string? id) =>
        id is { Length: 33 } && (id[0] is 'p' or 'e') && id.AsSpan(1).IndexOfAnyExcept("0123456789abcdef") < 0;
}
