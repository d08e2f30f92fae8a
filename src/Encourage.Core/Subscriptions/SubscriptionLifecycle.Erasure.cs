using Encourage.Delivery;

namespace Encourage.Subscriptions;

/// <summary>
/// Erasure. Each contact on a profile is its own person's consent, so erasing one contact (an unsubscribe link with
/// "also delete my data", or an operator's erase by email) never erases what belongs to the other channel's owner.
/// </summary>
public sealed partial class SubscriptionLifecycle
{
    /// <summary>
    /// Erases everything about a subscriber (operator): the partition (profile, deliveries, slips, handled messages),
    /// the index row, an email alias that points at it, and the provider-message map. Keeps only keyed hashes of its
    /// contacts in the suppression list, so an erased number is never texted by mistake.
    /// </summary>
    public async Task<LifecycleOutcome> EraseAsync(string id, CancellationToken cancellationToken)
    {
        var profile = await store.GetAsync(id, cancellationToken);
        if (profile is null) return LifecycleOutcome.NotFound;
        if (profile.Phone is { } phone) await suppressions.AddAsync(phone, cancellationToken);
        if (profile.Email is { } email) await suppressions.AddAsync(email, cancellationToken);
        await ErasePartitionAsync(profile, cancellationToken);
        return LifecycleOutcome.Done;
    }

    /// <summary>
    /// Erases one contact's data from a profile. When the other channel's contact confirmed for themselves, only this
    /// contact's data goes (an email is detached; a phone's profile hands the email side to a profile of its own);
    /// otherwise the whole profile goes. Only this contact is suppressed. With a link's <paramref name="claim"/>, only
    /// while the link still speaks for the profile.
    /// </summary>
    public async Task<LifecycleOutcome> EraseContactAsync(string id, Channels channel, CancellationToken cancellationToken, LinkClaim? claim = null)
    {
        return await OptimisticRetry.RunAsync(async () =>
        {
            var profile = await store.GetAsync(id, cancellationToken);
            if (profile is null) return (true, LifecycleOutcome.NotFound);
            if (claim is not null && tokens.Standing(claim, profile) != LinkStanding.Current) return (true, LifecycleOutcome.OlderLink);
            if (ContactOn(profile, channel) is not { } contact) return (true, LifecycleOutcome.NotFound);
            await suppressions.AddAsync(contact, cancellationToken);

            var other = channel == Channels.Sms ? Channels.Email : Channels.Sms;
            var otherConsented = profile.Channel.HasFlag(other) && profile.ConfirmedOn(other) && ContactOn(profile, other) is not null;
            if (!otherConsented)
            {
                await ErasePartitionAsync(profile, cancellationToken);
                return (true, LifecycleOutcome.Done);
            }
            if (channel == Channels.Email)
            {
                if (!await DetachEmailAsync(profile, cancellationToken)) return (false, LifecycleOutcome.NoChange);
            }
            else
            {
                await HandEmailSideOnAsync(profile, cancellationToken);
            }
            Log.ContactErased(logger, id, channel.ToString());
            return (true, LifecycleOutcome.Done);
        }, "erased");
    }

    /// <summary>For the send path's confirmation rule: when this contact was erased, or null.</summary>
    public async Task<DateTimeOffset?> SuppressedSinceAsync(Subscriber profile, Channels channel, CancellationToken cancellationToken) =>
        ContactOn(profile, channel) is { } contact ? await suppressions.SuppressedSinceAsync(contact, cancellationToken) : null;

    /// <summary>For the send path: a contact on the suppression list gets nothing until it confirms again.</summary>
    public async Task<bool> IsSuppressedAsync(Subscriber profile, Channels channel, CancellationToken cancellationToken) =>
        ContactOn(profile, channel) is { } contact && await suppressions.IsSuppressedAsync(contact, cancellationToken);

    private async Task<bool> DetachEmailAsync(Subscriber profile, CancellationToken cancellationToken)
    {
        var email = profile.Email!;
        if (profile.EraseContact(Channels.Email) != Move.Done || !await store.TrySaveAsync(profile, cancellationToken)) return false;
        await store.DeleteAliasIfOursAsync(email, profile.Id, cancellationToken);
        var rows = (await deliveries.ForSubscriberAsync(profile.Id, cancellationToken)).Where(r => r.Channel == ChannelNames.Email).ToList();
        foreach (var row in rows)
        {
            if (row.ProviderMessageId is { } pid) await storage.Messages.DeleteEntityAsync(DeliveryLog.ProviderKey(pid), "", ETag.All, cancellationToken);
            await store.DeleteDeliveryAsync(row.PartitionKey, row.RowKey, cancellationToken);
        }
        return true;
    }

    /// <summary>
    /// The phone's owner erases, but the email's owner confirmed too: the email side goes on under a profile keyed by
    /// the email, and the phone's partition (its texts, slips, deliveries) is deleted.
    /// </summary>
    private async Task HandEmailSideOnAsync(Subscriber profile, CancellationToken cancellationToken)
    {
        var emailId = keys.ForEmail(profile.Email!);
        if (await store.GetAsync(emailId, cancellationToken) is null)
        {
            var copy = (await store.GetAsync(profile.Id, cancellationToken))!;
            copy.Id = emailId;
            copy.ETag = default;
            copy.Loaded = null;
            copy.LoadedDueUtc = null; // a new profile: its due-index row is written with it
            if (copy.EraseContact(Channels.Sms) == Move.Done) await store.TrySaveAsync(copy, cancellationToken);
        }
        await ErasePartitionAsync(profile, cancellationToken);
    }

    private async Task ErasePartitionAsync(Subscriber profile, CancellationToken cancellationToken)
    {
        var id = profile.Id;
        if (profile.Email is { } email) await store.DeleteAliasIfOursAsync(email, id, cancellationToken);
        var providerIds = (await deliveries.ForSubscriberAsync(id, cancellationToken))
            .Select(r => r.ProviderMessageId).OfType<string>().ToList();
        foreach (var pid in providerIds)
        {
            await storage.Messages.DeleteEntityAsync(DeliveryLog.ProviderKey(pid), "", ETag.All, cancellationToken);
        }
        if (profile.NextDueUtc is { } due) await dueIndex.RemoveAsync(id, due, cancellationToken);
        await store.DeletePartitionAsync(id, cancellationToken);
        await store.DeletedAsync(profile, cancellationToken);
        Log.Erased(logger, id);
    }
}
