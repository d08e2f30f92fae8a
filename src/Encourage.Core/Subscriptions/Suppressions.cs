using System.Security.Cryptography;
using System.Text;
using Encourage.Hosting;

namespace Encourage.Subscriptions;

/// <summary>
/// Contacts that must never be messaged by mistake after erasure, kept only as keyed hashes (no number or address).
/// </summary>
public sealed class Suppressions(EncourageStorage storage, IOptions<EncourageOptions> options)
{
    private readonly byte[] _key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.ContactKeyOrTokenSecret), "encourage/suppression/v1"u8);

    public Task AddAsync(string contact, CancellationToken cancellationToken) =>
        storage.Suppression.UpsertEntityAsync(new TableEntity(Key(contact), "erased"), TableUpdateMode.Replace, cancellationToken);

    public async Task<bool> IsSuppressedAsync(string contact, CancellationToken cancellationToken) =>
        await SuppressedSinceAsync(contact, cancellationToken) is not null;

    /// <summary>When the contact went on the list (the row's storage timestamp), or null when it is not on it.</summary>
    public async Task<DateTimeOffset?> SuppressedSinceAsync(string contact, CancellationToken cancellationToken)
    {
        var row = await storage.Suppression.GetEntityIfExistsAsync<TableEntity>(Key(contact), "erased", cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.Timestamp ?? DateTimeOffset.MinValue : null;
    }

    public async Task LiftAsync(string contact, CancellationToken cancellationToken) =>
        await storage.Suppression.DeleteEntityAsync(Key(contact), "erased", ETag.All, cancellationToken);

    private string Key(string contact) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(contact.Trim().ToLowerInvariant())));
}
