using System.Globalization;
using System.Text.Json.Nodes;
using Encourage.Delivery;

namespace Encourage.Privacy;

/// <summary>
/// Everything held about one person, as JSON: the profile, each channel with its consent time, slips (with their text
/// while it is kept), other reply events and handled messages, deliveries and their provider map, and whether each
/// contact is on the suppression list. Every row is printed with its stored properties as they are, so what the person
/// reads is what is held; the same builder serves the CLI and the "Download my data" link.
/// </summary>
public sealed class PersonalDataExport(SubscriberStore store, EncourageStorage storage, ContactKeys keys, Suppressions suppressions, TimeProvider time)
{
    public async Task<JsonObject> ForPhoneAsync(string e164, CancellationToken cancellationToken)
    {
        var id = keys.ForPhone(e164);
        var rows = await PartitionAsync(id, cancellationToken);
        var profile = Profile(rows);
        var emailRows = profile?.GetString("Email") is { Length: > 0 } email
            ? await PartitionAsync(keys.ForEmail(email), cancellationToken) : [];
        return await BuildAsync(id, rows, emailRows, e164, profile?.GetString("Email"), cancellationToken);
    }

    public async Task<JsonObject> ForEmailAsync(string email, CancellationToken cancellationToken)
    {
        var emailId = keys.ForEmail(email);
        var emailRows = await PartitionAsync(emailId, cancellationToken);
        // A subscriber on both channels is keyed by phone; the email's partition holds an alias to it.
        var alias = emailRows.FirstOrDefault(r => r.RowKey == ContactAlias.AliasRowKey)?.GetString(nameof(ContactAlias.SubscriberId));
        if (alias is not null && SubscriberStore.IsValidId(alias))
        {
            var rows = await PartitionAsync(alias, cancellationToken);
            return await BuildAsync(alias, rows, emailRows, Profile(rows)?.GetString("Phone"), email, cancellationToken);
        }
        return await BuildAsync(emailId, emailRows, [], Profile(emailRows)?.GetString("Phone"), email, cancellationToken);
    }

    /// <summary>For a link token's subscriber id: the contacts come from the profile (none left after erasure).</summary>
    public async Task<JsonObject?> ForSubscriberAsync(string id, CancellationToken cancellationToken)
    {
        if (!SubscriberStore.IsValidId(id)) return null;
        var rows = await PartitionAsync(id, cancellationToken);
        if (Profile(rows) is not { } profile) return null;
        var phone = profile.GetString("Phone");
        var email = profile.GetString("Email");
        var emailRows = email is { Length: > 0 } && keys.ForEmail(email) != id ? await PartitionAsync(keys.ForEmail(email), cancellationToken) : [];
        return await BuildAsync(id, rows, emailRows, phone, email, cancellationToken);
    }

    /// <summary>
    /// For a "download my data" link sent to one contact: everything in its profile when the profile holds that contact
    /// alone; for a two-contact profile from before each contact had its own, only what is that contact's (its channel's
    /// consent and the messages sent to it), never what the other contact wrote.
    /// </summary>
    public async Task<JsonObject?> ForContactAsync(string id, Channels channel, CancellationToken cancellationToken)
    {
        if (!SubscriberStore.IsValidId(id)) return null;
        var rows = await PartitionAsync(id, cancellationToken);
        if (Profile(rows) is not { } profile) return null;
        ChannelNames.TryParse(profile.GetString(nameof(Subscriber.Channel)), out var held);
        if (held == channel) return await ForSubscriberAsync(id, cancellationToken);
        var name = ChannelNames.Of(channel);
        var own = Channels(profile).OfType<JsonObject>().Where(c => c["channel"]?.GetValue<string>() == name).Select(c => (JsonNode)c.DeepClone()).ToArray();
        var contact = profile.GetString(channel == Subscriptions.Channels.Sms ? nameof(Subscriber.Phone) : nameof(Subscriber.Email));
        var result = new JsonObject
        {
            ["exportedUtc"] = time.GetUtcNow().ToString("o", CultureInfo.InvariantCulture),
            ["channels"] = new JsonArray(own),
            ["deliveries"] = new JsonArray([.. rows.Where(r => r.RowKey.StartsWith(DeliveryRow.Prefix, StringComparison.Ordinal) &&
                r.GetString(nameof(DeliveryRow.Channel)) == name).Select(r => (JsonNode)Properties(r))]),
        };
        var suppression = new JsonObject();
        if (contact is { Length: > 0 }) suppression[name] = await suppressions.IsSuppressedAsync(contact, cancellationToken);
        result["suppression"] = suppression;
        return result;
    }

    private async Task<JsonObject> BuildAsync(string id, IReadOnlyList<TableEntity> rows, IReadOnlyList<TableEntity> contactRows,
        string? phone, string? email, CancellationToken cancellationToken)
    {
        var result = new JsonObject();
        var profile = Profile(rows);
        if (rows.Count > 0 || contactRows.Count > 0)
        {
            result["subscriberId"] = id;
            result["exportedUtc"] = time.GetUtcNow().ToString("o", CultureInfo.InvariantCulture);
            result["profile"] = profile is null ? null : Properties(profile);
            result["channels"] = profile is null ? new JsonArray() : Channels(profile);
            result["slips"] = Rows(rows, ReplyEventRow.SlipPrefix);
            result["events"] = new JsonObject
            {
                ["urges"] = Rows(rows, ReplyEventRow.UrgePrefix),
                ["contacts"] = Rows(rows, ReplyEventRow.ContactPrefix),
                ["handledMessages"] = Rows(rows, InboundMarker.Prefix),
            };
            var deliveries = Rows(rows, DeliveryRow.Prefix);
            result["deliveries"] = deliveries;
            result["providerMessages"] = await ProviderMessagesAsync(rows, cancellationToken);
            var known = new[] { Subscriber.ProfileRowKey, ReplyEventRow.SlipPrefix, ReplyEventRow.UrgePrefix, ReplyEventRow.ContactPrefix, InboundMarker.Prefix, DeliveryRow.Prefix };
            var other = new JsonArray();
            foreach (var r in rows.Where(r => !known.Any(k => r.RowKey == k || (k.EndsWith('|') && r.RowKey.StartsWith(k, StringComparison.Ordinal)))))
            {
                other.Add(Properties(r));
            }
            foreach (var r in contactRows) other.Add(Properties(r, withPartition: true));
            result["otherRows"] = other;
        }
        var suppression = new JsonObject();
        if (phone is { Length: > 0 }) suppression["phone"] = await suppressions.IsSuppressedAsync(phone, cancellationToken);
        if (email is { Length: > 0 }) suppression["email"] = await suppressions.IsSuppressedAsync(email, cancellationToken);
        result["suppression"] = suppression;
        return result;
    }

    private static JsonArray Channels(TableEntity profile)
    {
        var channels = new JsonArray();
        // Stored as the enum's name ("Both"), or in lower case by older rows: read either.
        ChannelNames.TryParse(profile.GetString(nameof(Subscriber.Channel)), out var channel);
        if (channel.HasFlag(Subscriptions.Channels.Sms))
        {
            channels.Add(new JsonObject
            {
                ["channel"] = ChannelNames.Sms,
                ["contact"] = profile.GetString(nameof(Subscriber.Phone)),
                ["confirmed"] = profile.GetBoolean(nameof(Subscriber.SmsConfirmed)) ?? false,
                ["confirmedUtc"] = Iso(profile.GetDateTimeOffset(nameof(Subscriber.SmsConfirmedUtc))),
                ["stopped"] = profile.GetBoolean(nameof(Subscriber.SmsStopped)) ?? false,
            });
        }
        if (channel.HasFlag(Subscriptions.Channels.Email))
        {
            channels.Add(new JsonObject
            {
                ["channel"] = ChannelNames.Email,
                ["contact"] = profile.GetString(nameof(Subscriber.Email)),
                ["confirmed"] = profile.GetBoolean(nameof(Subscriber.EmailConfirmed)) ?? false,
                ["confirmedUtc"] = Iso(profile.GetDateTimeOffset(nameof(Subscriber.EmailConfirmedUtc))),
                ["stopped"] = profile.GetBoolean(nameof(Subscriber.EmailStopped)) ?? false,
            });
        }
        return channels;
    }

    private async Task<JsonArray> ProviderMessagesAsync(IReadOnlyList<TableEntity> rows, CancellationToken cancellationToken)
    {
        var found = new JsonArray();
        foreach (var id in rows.Where(r => r.RowKey.StartsWith(DeliveryRow.Prefix, StringComparison.Ordinal))
                     .Select(r => r.GetString(nameof(DeliveryRow.ProviderMessageId))).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            var key = DeliveryLog.ProviderKey(id);
            if (key.Length == 0) continue;
            var row = await storage.Messages.GetEntityIfExistsAsync<TableEntity>(key, "", cancellationToken: cancellationToken);
            if (row.HasValue) found.Add(Properties(row.Value!, withPartition: true));
        }
        return found;
    }

    private Task<IReadOnlyList<TableEntity>> PartitionAsync(string partition, CancellationToken cancellationToken) =>
        store.ReadPartitionAsync(partition, cancellationToken);

    private static TableEntity? Profile(IReadOnlyList<TableEntity> rows) => rows.FirstOrDefault(r => r.RowKey == Subscriber.ProfileRowKey);

    private static JsonArray Rows(IReadOnlyList<TableEntity> rows, string prefix) =>
        new(rows.Where(r => r.RowKey.StartsWith(prefix, StringComparison.Ordinal)).Select(r => (JsonNode)Properties(r)).ToArray());

    /// <summary>A row's stored properties as they are (names in camelCase), with its RowKey to find it by.</summary>
    public static JsonObject Properties(TableEntity row, bool withPartition = false)
    {
        var o = new JsonObject();
        if (withPartition) o["partitionKey"] = row.PartitionKey;
        o["rowKey"] = row.RowKey;
        foreach (var (name, value) in row.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (name is "PartitionKey" or "RowKey" or "Timestamp" || name.StartsWith("odata.", StringComparison.Ordinal)) continue;
            o[JsonName(name)] = value switch
            {
                null => null,
                string s => s,
                bool b => b,
                int i => i,
                long l => l,
                double d => d,
                DateTimeOffset t => Iso(t),
                DateTime t => Iso(new DateTimeOffset(t.ToUniversalTime(), TimeSpan.Zero)),
                Guid g => g.ToString(),
                _ => value.ToString(),
            };
        }
        return o;
    }

    public static string JsonName(string property) => char.ToLowerInvariant(property[0]) + property[1..];

    private static string? Iso(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);
}
