using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Encourage.Hosting;

namespace Encourage.Subscriptions;

/// <summary>What a link is for. Each purpose does one thing: an unsubscribe link only unsubscribes.</summary>
public enum LinkPurpose { Unsubscribe, Confirm, Manage, Export }

/// <summary>
/// What a valid link token says: what for, whose profile, which channel, which generation and link version of that
/// profile, a keyed hash of the exact contact the link was sent to, and when it was made.
/// </summary>
public sealed record LinkClaim(LinkPurpose Purpose, string SubscriberId, Channels Channel, int Generation, string ContactHash, DateTimeOffset IssuedUtc,
    string LinkVersion = "");

/// <summary>How a token's claim stands against the profile as it is now.</summary>
public enum LinkStanding { Current, Older, Expired }

/// <summary>
/// Tokens for links in messages. A token is opaque: AES-GCM over (purpose, subscriber id, channel, generation, link
/// version, contact hash, issue time) with a nonce derived from that payload (the same message rendered twice carries
/// the same link), URL-safe base64. Nothing in it can be read, altered or made for someone else without the key.
/// It speaks for the profile only while the generation, the link version (new on every sign-up, STOP and erasure) and
/// the contact still match, while that contact is confirmed (or is all the profile holds), and within its lifetime.
/// Tokens of the older signed format (v2, with a dot) are still read, for unsubscribing only, until the profile's link
/// version changes.
/// </summary>
public sealed class LinkToken
{
    /// <summary>A manage link (HELP) works for this long.</summary>
    public static readonly TimeSpan ManageLifetime = TimeSpan.FromDays(7);

    /// <summary>A "download my data" link works once, for this long.</summary>
    public static readonly TimeSpan ExportLifetime = TimeSpan.FromHours(1);

    private const int MaxTokenLength = 400;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private readonly byte[][] _encKeys;
    private readonly byte[][] _ivKeys;
    private readonly byte[][] _v2Keys;
    private readonly byte[] _contactKey;
    private readonly byte[][] _contactKeys;
    private readonly TimeProvider _time;
    private readonly int _confirmDays;

    public LinkToken(IOptions<EncourageOptions> options, TimeProvider time)
    {
        // The current secret signs; a previous one (Encourage__PreviousTokenSecret) still reads, so a rotation does
        // not void every link already sent at once.
        var secrets = new[] { options.Value.TokenSecret, options.Value.PreviousTokenSecret }
            .Where(s => !string.IsNullOrEmpty(s)).Select(s => Encoding.UTF8.GetBytes(s!)).ToArray();
        _encKeys = [.. secrets.Select(s => HMACSHA256.HashData(s, "encourage/link-token/v3/enc"u8))];
        _ivKeys = [.. secrets.Select(s => HMACSHA256.HashData(s, "encourage/link-token/v3/iv"u8))];
        _v2Keys = [.. secrets.Select(s => HMACSHA256.HashData(s, "encourage/link-token/v2"u8))];
        _contactKeys = [.. secrets.Select(s => HMACSHA256.HashData(s, "encourage/link-contact/v1"u8))];
        _contactKey = _contactKeys[0];
        _time = time;
        _confirmDays = options.Value.ConfirmLinkDays;
    }

    /// <summary>
    /// A token for the profile's contact on <paramref name="channel"/> (Sms or Email), as the profile is now. Its issue
    /// time is the sign-up's unless given, so the same message rendered twice (a send retried) carries the same link.
    /// </summary>
    public string Create(LinkPurpose purpose, Subscriber profile, Channels channel, DateTimeOffset? issuedUtc = null) =>
        Create(new LinkClaim(purpose, profile.Id, channel, profile.Generation, ContactHash(ContactOf(profile, channel)),
            issuedUtc ?? profile.CreatedUtc, profile.LinkVersion ?? ""));

    public string Create(LinkPurpose purpose, string subscriberId, Channels channel, int generation, string contactHash, DateTimeOffset issuedUtc) =>
        Create(new LinkClaim(purpose, subscriberId, channel, generation, contactHash, issuedUtc));

    /// <summary>Now, by the service's clock: the issue time of links that expire (manage, export).</summary>
    public DateTimeOffset Now => _time.GetUtcNow();

    public string Create(LinkClaim claim)
    {
        var payload = Payload(claim);
        var nonce = HMACSHA256.HashData(_ivKeys[0], payload).AsSpan(0, NonceBytes).ToArray();
        var sealedBytes = new byte[NonceBytes + payload.Length + TagBytes];
        nonce.CopyTo(sealedBytes, 0);
        using (var aes = new AesGcm(_encKeys[0], TagBytes))
        {
            aes.Encrypt(nonce, payload, sealedBytes.AsSpan(NonceBytes, payload.Length), sealedBytes.AsSpan(NonceBytes + payload.Length), "encourage-link"u8);
        }
        return Base64Url.EncodeToString(sealedBytes);
    }

    /// <summary>Reads a token; null for anything that is not a token this service made for that purpose.</summary>
    public LinkClaim? Read(string? token, LinkPurpose expected)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength) return null;
        if (token.Contains('.', StringComparison.Ordinal)) return expected == LinkPurpose.Unsubscribe ? ReadV2(token, expected) : null;
        byte[] sealedBytes;
        try
        {
            sealedBytes = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException)
        {
            return null;
        }
        if (sealedBytes.Length <= NonceBytes + TagBytes || !string.Equals(Base64Url.EncodeToString(sealedBytes), token, StringComparison.Ordinal)) return null;
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        var cipher = sealedBytes.AsSpan(NonceBytes, sealedBytes.Length - NonceBytes - TagBytes);
        var tag = sealedBytes.AsSpan(sealedBytes.Length - TagBytes);
        var payload = new byte[cipher.Length];
        for (var k = 0; k < _encKeys.Length; k++)
        {
            try
            {
                using var aes = new AesGcm(_encKeys[k], TagBytes);
                aes.Decrypt(nonce, cipher, tag, payload, "encourage-link"u8);
            }
            catch (AuthenticationTagMismatchException)
            {
                continue;
            }
            if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(_ivKeys[k], payload).AsSpan(0, NonceBytes), nonce)) return null;
            return Parse(Encoding.UTF8.GetString(payload), expected);
        }
        return null;
    }

    /// <summary>
    /// Whether the claim still speaks for this profile: same generation, link version and contact on that channel; a
    /// contact that has not confirmed acts only on a profile that holds nothing but itself (manage and export links need
    /// it confirmed); and within the purpose's lifetime (confirm: <c>Encourage__ConfirmLinkDays</c>; manage: 7 days;
    /// export: one hour, and once). Unsubscribe links do not expire, but die with the link version.
    /// </summary>
    public LinkStanding Standing(LinkClaim claim, Subscriber profile)
    {
        if (profile.Generation != claim.Generation) return LinkStanding.Older;
        if (!string.Equals(profile.LinkVersion ?? "", claim.LinkVersion, StringComparison.Ordinal)) return LinkStanding.Older;
        var contact = ContactOf(profile, claim.Channel);
        if (contact is null || !profile.Channel.HasFlag(claim.Channel) || !HashMatches(contact, claim.ContactHash)) return LinkStanding.Older;
        var confirmed = profile.ConfirmedOn(claim.Channel);
        var ownProfile = profile.Channel == claim.Channel;
        switch (claim.Purpose)
        {
            case LinkPurpose.Unsubscribe when !confirmed && !ownProfile:
            case LinkPurpose.Manage or LinkPurpose.Export when !confirmed:
                return LinkStanding.Older;
        }
        var lifetime = claim.Purpose switch
        {
            LinkPurpose.Confirm => TimeSpan.FromDays(_confirmDays),
            LinkPurpose.Manage => ManageLifetime,
            LinkPurpose.Export => ExportLifetime,
            _ => (TimeSpan?)null,
        };
        if (lifetime is { } life && _time.GetUtcNow() > claim.IssuedUtc + life) return LinkStanding.Expired;
        if (claim.Purpose == LinkPurpose.Export && profile.DataLinkUsedUtc is { } used && claim.IssuedUtc <= used) return LinkStanding.Expired;
        return LinkStanding.Current;
    }

    /// <summary>
    /// Whether an unsubscribe claim is older only because its own contact has stopped since (same generation and
    /// contact, the channel stopped or the profile ended): a one-click POST repeated after the stop is answered kindly,
    /// and nothing is done.
    /// </summary>
    public bool StoppedSince(LinkClaim claim, Subscriber profile) =>
        claim.Purpose == LinkPurpose.Unsubscribe && profile.Generation == claim.Generation &&
        ContactOf(profile, claim.Channel) is { } contact && HashMatches(contact, claim.ContactHash) &&
        (profile.HasEnded || (claim.Channel == Channels.Sms ? profile.SmsStopped : profile.EmailStopped));

    /// <summary>A keyed hash of one exact contact (an E.164 number or a lower-cased address).</summary>
    public string ContactHash(string? contact) => ContactHash(_contactKey, contact);

    private bool HashMatches(string contact, string claimed) =>
        _contactKeys.Any(k => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(ContactHash(k, contact)), Encoding.ASCII.GetBytes(claimed)));

    private static string ContactHash(byte[] key, string? contact) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes((contact ?? "").Trim().ToLowerInvariant())).AsSpan(0, 12));

    private static string? ContactOf(Subscriber profile, Channels channel) => channel == Channels.Sms ? profile.Phone : profile.Email;

    private static readonly string[] PurposeCodes = ["U", "C", "M", "X"];

    private static byte[] Payload(LinkClaim c) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{PurposeCodes[(int)c.Purpose]}|{c.SubscriberId}|{(c.Channel == Channels.Sms ? "S" : "E")}|{c.Generation}|{c.LinkVersion}|{c.ContactHash}|{Math.Max(0, c.IssuedUtc.ToUnixTimeMilliseconds())}"));

    private static LinkClaim? Parse(string text, LinkPurpose expected)
    {
        var parts = text.Split('|');
        if (parts.Length != 7) return null;
        var purpose = Array.IndexOf(PurposeCodes, parts[0]);
        if (purpose < 0 || (LinkPurpose)purpose != expected) return null;
        Channels? channel = parts[2] switch { "S" => Channels.Sms, "E" => Channels.Email, _ => null };
        if (channel is null) return null;
        if (!int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var generation)) return null;
        if (!long.TryParse(parts[6], NumberStyles.None, CultureInfo.InvariantCulture, out var issued) || issued > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()) return null;
        return new LinkClaim(expected, parts[1], channel.Value, generation, parts[5], DateTimeOffset.FromUnixTimeMilliseconds(issued), parts[4]);
    }

    /// <summary>The older signed (readable) format: unsubscribe links already in people's inboxes keep working.</summary>
    private LinkClaim? ReadV2(string token, LinkPurpose expected)
    {
        var dot = token.IndexOf('.');
        if (dot <= 0 || dot == token.Length - 1) return null;
        byte[] payload, mac;
        try
        {
            payload = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
            mac = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return null;
        }
        if (mac.Length != 32 || !_v2Keys.Any(k => CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(k, payload), mac))) return null;
        if (!string.Equals(Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(mac), token, StringComparison.Ordinal)) return null;
        var parts = Encoding.UTF8.GetString(payload).Split('|');
        if (parts.Length != 6) return null;
        if (!Enum.TryParse<LinkPurpose>(parts[0], out var purpose) || purpose != expected) return null;
        if (!Enum.TryParse<Channels>(parts[2], out var channel) || channel is not (Channels.Sms or Channels.Email)) return null;
        if (!int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var generation)) return null;
        if (!long.TryParse(parts[5], NumberStyles.None, CultureInfo.InvariantCulture, out var issued) || issued > DateTimeOffset.MaxValue.ToUnixTimeSeconds()) return null;
        return new LinkClaim(purpose, parts[1], channel, generation, parts[4], DateTimeOffset.FromUnixTimeSeconds(issued), "");
    }
}
