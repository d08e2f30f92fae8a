using System.Globalization;

namespace Encourage.Delivery;

/// <summary>Maps a provider's message id back to the subscriber and delivery it belongs to, for delivery callbacks.</summary>
public sealed class ProviderMessage : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string SubscriberId { get; set; } = "";
    public string DeliveryRowKey { get; set; } = "";
    public string Channel { get; set; } = "";
}

/// <summary>What a claim attempt found.</summary>
public enum ClaimOutcome { Claimed, AlreadySent, HeldByAnother, Finished, ProfileChanged }

/// <summary>A claim, and whether an earlier attempt may already have reached the provider.</summary>
public sealed record Claim(ClaimOutcome Outcome, DeliveryRow? Row, bool MayHaveBeenSent);

/// <summary>
/// Sending once: the rules for claiming a send and reading what an earlier attempt left; the delivery rows themselves
/// are read and written by <see cref="SubscriberStore"/>, the provider-message map (the Messages table) here.
/// </summary>
public sealed class DeliveryLog(SubscriberStore store, EncourageStorage storage, Retention.ExpiryIndex expiry, TimeProvider time)
{
    /// <summary>How long a claim stands before a send whose outcome was never recorded may be tried again.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    public static string Key(string kind, int entry, string channel) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind}-{entry:D3}-{channel}");

    public Task<DeliveryRow?> GetAsync(string subscriberId, string key, CancellationToken cancellationToken) =>
        store.GetDeliveryAsync(subscriberId, key, cancellationToken);

    /// <summary>
    /// Claims a send. The claim row and a touch of the profile (If-Match on the ETag the caller read) go in one
    /// transaction, so a STOP stored after that read makes the claim fail, and the sender re-reads. The first try
    /// (by far the most common) inserts without reading; only when a row is already there is it read and judged.
    /// <paramref name="claimToken"/> names the run: a live claim with the same token is this run's own (an earlier
    /// try whose answer was lost, so the provider was not called for it), not another worker's.
    /// </summary>
    public async Task<Claim> ClaimAsync(
        Subscriber profile, string key, string kind, int entry, Channels channel, string claimToken, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var row = new DeliveryRow
        {
            PartitionKey = profile.Id,
            RowKey = DeliveryRow.Prefix + key,
            Channel = ChannelNames.Of(channel),
            Kind = kind,
            Entry = entry,
            ClaimedUtc = now,
            ClaimToken = claimToken,
        };
        await expiry.DeliveryAsync(profile.Id, row.RowKey, now, cancellationToken); // retention: indexed before the row exists
        var first = await TryClaimAsync(profile, row, mayHaveBeenSent: false, cancellationToken);
        if (first is not { Outcome: ClaimOutcome.HeldByAnother }) return first;

        // A row is there already: an earlier attempt's, or another worker's right now.
        var existing = await GetAsync(profile.Id, key, cancellationToken);
        if (existing is null) return first; // claimed and then erased meanwhile: stand down
        var ours = existing.State == DeliveryStates.Claimed && existing.ClaimToken == claimToken;
        switch (existing.State)
        {
            case DeliveryStates.Sent: return new Claim(ClaimOutcome.AlreadySent, existing, true);
            case DeliveryStates.Failed or DeliveryStates.Dropped: return new Claim(ClaimOutcome.Finished, existing, false);
            case DeliveryStates.Claimed when !ours && now - existing.ClaimedUtc < Lease: return new Claim(ClaimOutcome.HeldByAnother, existing, true);
            case DeliveryStates.Claimed or DeliveryStates.Unknown or DeliveryStates.Released: break;
            default: return new Claim(ClaimOutcome.Finished, existing, false);
        }
        // The last attempt ended without learning the outcome (state unknown), or its worker died mid-call (a claim
        // past its lease). Take it over, If-Match on the row as read; the caller asks the provider before sending again.
        // Our own claim is taken again too: its touch moved the profile's ETag, so this try's touch fails (412) and the
        // caller re-reads the profile and comes back here, as after any profile change.
        var mayHaveBeenSent = existing.State != DeliveryStates.Released && !ours;
        existing.State = DeliveryStates.Claimed;
        existing.ClaimedUtc = now;
        existing.ClaimToken = claimToken;
        existing.Attempts++;
        return await TryClaimAsync(profile, existing, mayHaveBeenSent, cancellationToken);
    }

    /// <summary>A new row is inserted; a row read before is taken over If-Match on its ETag (both with the profile touch).</summary>
    private async Task<Claim> TryClaimAsync(Subscriber profile, DeliveryRow row, bool mayHaveBeenSent, CancellationToken cancellationToken)
    {
        var outcome = await store.TryClaimDeliveryAsync(profile, row, cancellationToken);
        return outcome == ClaimOutcome.Claimed ? new Claim(outcome, row, mayHaveBeenSent) : new Claim(outcome, null, true);
    }

    public async Task MarkSentAsync(DeliveryRow row, ProviderReceipt receipt, CancellationToken cancellationToken)
    {
        row.State = DeliveryStates.Sent;
        row.SentUtc = time.GetUtcNow();
        row.ProviderMessageId = receipt.ProviderMessageId;
        row.LastError = null;
        await store.SaveDeliveryAsync(row, cancellationToken);
        // Only Twilio's status callback needs the way back from its SID; SendGrid's events carry our custom_args.
        if (row.Channel != ChannelNames.Sms) return;
        await expiry.ProviderMessageAsync(row.PartitionKey, ProviderKey(receipt.ProviderMessageId), row.ClaimedUtc, cancellationToken); // retention
        await storage.Messages.UpsertEntityAsync(new ProviderMessage
        {
            PartitionKey = ProviderKey(receipt.ProviderMessageId),
            RowKey = "",
            SubscriberId = row.PartitionKey,
            DeliveryRowKey = row.RowKey,
            Channel = row.Channel,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    public Task MarkAsync(DeliveryRow row, string state, string? error, CancellationToken cancellationToken)
    {
        row.State = state;
        row.LastError = error;
        return store.SaveDeliveryAsync(row, cancellationToken);
    }

    /// <summary>The provider certainly did not take the message: free the claim so a retry sends at once.</summary>
    public async Task ReleaseAsync(DeliveryRow row, string error, CancellationToken cancellationToken)
    {
        row.State = DeliveryStates.Released;
        row.LastError = error;
        await store.SaveDeliveryAsync(row, cancellationToken);
    }

    public async Task<ProviderMessage?> FindByProviderIdAsync(string providerMessageId, CancellationToken cancellationToken)
    {
        var key = ProviderKey(providerMessageId);
        if (key.Length == 0) return null;
        var found = await storage.Messages.GetEntityIfExistsAsync<ProviderMessage>(key, "", cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>The most recent error recorded on any of a subscriber's deliveries (for the poison list).</summary>
    public async Task<string?> LatestErrorAsync(string subscriberId, CancellationToken cancellationToken) =>
        (await ForSubscriberAsync(subscriberId, cancellationToken))
            .Where(r => r.LastError is not null)
            .MaxBy(r => r.Timestamp)?.LastError;

    /// <summary>Every delivery row of a subscriber.</summary>
    public Task<IReadOnlyList<DeliveryRow>> ForSubscriberAsync(string subscriberId, CancellationToken cancellationToken) =>
        store.DeliveriesAsync(subscriberId, cancellationToken);

    /// <summary>Provider ids are keys: keep only characters a key may hold.</summary>
    public static string ProviderKey(string id)
    {
        var clean = new string(id.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.').Take(200).ToArray());
        return clean;
    }
}
