using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Encourage.Hosting;
using Microsoft.Extensions.Options;

namespace Encourage.Subscriptions;

public enum LinkPurpose { Unsubscribe, Confirm, Manage }

/// <summary>What a valid link token says: who, which channel, what for.</summary>
public sealed record LinkClaim(LinkPurpose Purpose, string SubscriberId, Channels Channel);

/// <summary>
/// Signed tokens for links in messages: HMAC-SHA256 over (purpose, subscriber id, channel),
/// URL-safe base64, compared in constant time. A token cannot be altered or made for someone else.
/// </summary>
public sealed class LinkToken
{
    private const int MaxTokenLength = 256;
    private const int MacBytes = 32;
    private readonly byte[] _key;

    public LinkToken(IOptions<EncourageOptions> options)
    {
        _key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.TokenSecret), "encourage/link-token/v1"u8);
    }

    public string Create(LinkPurpose purpose, string subscriberId, Channels channel)
    {
        var payload = Payload(purpose, subscriberId, channel);
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
        if (parts.Length != 3) return null;
        if (!Enum.TryParse<LinkPurpose>(parts[0], out var purpose) || purpose != expected) return null;
        if (!Enum.TryParse<Channels>(parts[2], out var channel) || channel == Channels.None) return null;
        // Re-encode to make sure the token is the canonical one for its payload (no base64 slack).
        if (!string.Equals(Create(purpose, parts[1], channel), token, StringComparison.Ordinal)) return null;
        return new LinkClaim(purpose, parts[1], channel);
    }

    private static byte[] Payload(LinkPurpose purpose, string subscriberId, Channels channel) =>
        Encoding.UTF8.GetBytes($"{purpose}|{subscriberId}|{channel}");
}
