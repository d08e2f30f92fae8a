using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Encourage.Hosting;

namespace Encourage.Subscriptions;

public enum LinkPurpose { Unsubscribe, Confirm, Manage }

/// <summary>
/// What a valid link token says: what for, whose profile, which channel, which generation of that profile, a keyed
/// hash of the exact contact the link was sent to, and when it was made.
/// </summary>
public sealed record LinkClaim(LinkPurpose Purpose, string SubscriberId, Channels Channel, int Generation, string ContactHash, DateTimeOffset IssuedUtc);

/// <summary>How a token's claim stands against the profile as it is now.</summary>
public enum LinkStanding { Current, Older, Expired }

/// <summary>
/// Signed tokens for links in messages: HMAC-SHA256 over (purpose, subscriber id, channel, generation, contact hash,
/// issue time), URL-safe base64, compared in constant time. A token cannot be altered or made for someone else, and
/// it stops working once the profile is signed up again (a new generation) or holds another contact.
/// </summary>
public sealed class LinkToken
{
    private const int MaxTokenLength = 256;
    private const int MacBytes = 32;
    private readonly byte[] _key;
    private readonly byte[] _contactKey;
    private readonly TimeProvider _time;
    private readonly int _confirmDays;

    public LinkToken(IOptions<EncourageOptions> options, TimeProvider time)
    {
        _key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.TokenSecret), "encourage/link-token/v2"u8);
        _contactKey = HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.TokenSecret), "encourage/link-contact/v1"u8);
        _time = time;
        _confirmDays = options.Value.ConfirmLinkDays;
    }

    /// <summary>
    /// A token for the profile's contact on <paramref name="channel"/> (Sms or Email), as the profile is now. Its issue
    /// time is the sign-up's, so the same message rendered twice (a send retried) carries the same link.
    /// </summary>
    public string Create(LinkPurpose purpose, Subscriber profile, Channels channel) =>
        Create(purpose, profile.Id, channel, profile.Generation, ContactHash(ContactOf(profile, channel)), profile.CreatedUtc);

    public string Create(LinkPurpose purpose, string subscriberId, Channels channel, int generation, string contactHash, DateTimeOffset issuedUtc)
    {
        var payload = Payload(purpose, subscriberId, channel, generation, contactHash, Math.Max(0, issuedUtc.ToUnixTimeSeconds()));
        var mac = HMACSHA256.HashData(_key, payload);
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(mac);
    }

    /// <summary>Reads a token; null for anything that is not a token this service made for that purpose.</summary>
    public LinkClaim? Read(string? token, LinkPurpose expected)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength) return null;
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
        if (mac.Length != MacBytes) return null;
        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(_key, payload), mac)) return null;

        var parts = Encoding.UTF8.GetString(payload).Split('|');
        if (parts.Length != 6) return null;
        if (!Enum.TryParse<LinkPurpose>(parts[0], out var purpose) || purpose != expected) return null;
        if (!Enum.TryParse<Channels>(parts[2], out var channel) || channel is not (Channels.Sms or Channels.Email)) return null;
        if (!int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var generation)) return null;
        if (!long.TryParse(parts[5], NumberStyles.None, CultureInfo.InvariantCulture, out var issued)) return null;
        if (issued > DateTimeOffset.MaxValue.ToUnixTimeSeconds()) return null;
        var issuedUtc = DateTimeOffset.FromUnixTimeSeconds(issued);
        // Re-encode to make sure the token is the canonical one for its payload (no base64 slack).
        if (!string.Equals(Create(purpose, parts[1], channel, generation, parts[4], issuedUtc), token, StringComparison.Ordinal)) return null;
        return new LinkClaim(purpose, parts[1], channel, generation, parts[4], issuedUtc);
    }

    /// <summary>
    /// Whether the claim still speaks for this profile: same generation, same contact on that channel, and (for a
    /// confirmation) not past <c>Encourage__ConfirmLinkDays</c>. Unsubscribe links do not expire.
    /// </summary>
    public LinkStanding Standing(LinkClaim claim, Subscriber profile)
    {
        if (profile.Generation != claim.Generation) return LinkStanding.Older;
        var contact = ContactOf(profile, claim.Channel);
        if (contact is null || !CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(ContactHash(contact)), Encoding.ASCII.GetBytes(claim.ContactHash)))
        {
            return LinkStanding.Older;
        }
        if (claim.Purpose == LinkPurpose.Confirm && _time.GetUtcNow() > claim.IssuedUtc.AddDays(_confirmDays)) return LinkStanding.Expired;
        return LinkStanding.Current;
    }

    /// <summary>A keyed hash of one exact contact (an E.164 number or a lower-cased address).</summary>
    public string ContactHash(string? contact) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_contactKey, Encoding.UTF8.GetBytes((contact ?? "").Trim().ToLowerInvariant())).AsSpan(0, 12));

    private static string? ContactOf(Subscriber profile, Channels channel) => channel == Channels.Sms ? profile.Phone : profile.Email;

    private static byte[] Payload(LinkPurpose purpose, string subscriberId, Channels channel, int generation, string contactHash, long issued) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{purpose}|{subscriberId}|{channel}|{generation}|{contactHash}|{issued}"));
}
