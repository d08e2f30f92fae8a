using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using Encourage.Hosting;

namespace Encourage.Replies;

/// <summary>
/// The Reply-To address of every email to a confirmed subscriber: <c>reply+&lt;tag&gt;@&lt;ReplyDomain&gt;</c>. The tag is
/// a keyed hash (HMAC-SHA256 with a key drawn from <c>Encourage__TokenSecret</c>) over the subscriber id, the profile's
/// generation and a keyed hash of the exact email, in lower-case base32: 26 characters, so the local part fits in 64
/// and survives mail systems that change case. A reply counts only when its sender is the profile's email AND it was
/// sent to that profile's tag, so a forged From alone changes nothing, and neither does a tag from an older sign-up.
/// The tag's key has a version (<c>Encourage__ReplyTagVersion</c>): raising it gives every new email a new tag, and
/// replies to the version before still count (last week's email), while older tags stop working.
/// </summary>
public sealed class ReplyAddress
{
    public const string LocalPrefix = "reply+";
    private const int TagBytes = 16;
    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";
    private readonly byte[] _key;
    private readonly byte[]? _previousKey;
    private readonly LinkToken _tokens;

    public ReplyAddress(IOptions<EncourageOptions> options, LinkToken tokens)
    {
        ArgumentNullException.ThrowIfNull(options);
        var version = Math.Max(1, options.Value.ReplyTagVersion);
        _key = KeyFor(options.Value.TokenSecret, version);
        _previousKey = version > 1 ? KeyFor(options.Value.TokenSecret, version - 1) : null;
        _tokens = tokens;
        Domain = string.IsNullOrWhiteSpace(options.Value.ReplyDomain) ? null : options.Value.ReplyDomain.Trim().ToLowerInvariant();
    }

    /// <summary>The reply domain, or null when replies by email are off.</summary>
    public string? Domain { get; }

    /// <summary>Whether a reply to our email reaches us (<c>Encourage__ReplyDomain</c> is set).</summary>
    public bool Enabled => Domain is not null;

    /// <summary>The tag for this profile's email as the profile is now.</summary>
    public string Tag(Subscriber profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return Tag(profile.Id, profile.Generation, _tokens.ContactHash(profile.Email));
    }

    public string Tag(string subscriberId, int generation, string contactHash) => Tag(_key, subscriberId, generation, contactHash);

    private static string Tag(byte[] key, string subscriberId, int generation, string contactHash)
    {
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{subscriberId}|{generation}|{contactHash}")));
        return ToBase32(mac.AsSpan(0, TagBytes));
    }

    // Version 1 is the key every tag had before versions existed, so raising the version is the first rotation.
    private static byte[] KeyFor(string secret, int version) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(
            "encourage/reply-address/v" + version.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The address replies to this profile's emails go to; null when replies are off or it has no email.</summary>
    public string? For(Subscriber profile) =>
        Enabled && !string.IsNullOrEmpty(profile?.Email) ? $"{LocalPrefix}{Tag(profile)}@{Domain}" : null;

    /// <summary>Whether <paramref name="tag"/> (any case) is this profile's tag, of this key version or the one before; constant time.</summary>
    public bool Matches(Subscriber profile, string? tag)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (string.IsNullOrEmpty(profile.Email) || tag is null || tag.Length != TagLength) return false;
        var given = Encoding.ASCII.GetBytes(tag.ToLowerInvariant());
        var hash = _tokens.ContactHash(profile.Email);
        var current = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Tag(_key, profile.Id, profile.Generation, hash)), given);
        var previous = _previousKey is not null &&
            CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Tag(_previousKey, profile.Id, profile.Generation, hash)), given);
        return current | previous;
    }

    /// <summary>The tags in the addresses given (a To header, the envelope's recipients) that are at our reply domain.</summary>
    public IReadOnlyList<string> TagsIn(IEnumerable<string> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        var tags = new List<string>();
        if (Domain is null) return tags;
        foreach (var raw in addresses)
        {
            foreach (var address in Parse(raw))
            {
                if (!string.Equals(address.Host, Domain, StringComparison.OrdinalIgnoreCase)) continue;
                var user = address.User;
                if (user.StartsWith(LocalPrefix, StringComparison.OrdinalIgnoreCase) && user.Length == LocalPrefix.Length + TagLength)
                {
                    tags.Add(user[LocalPrefix.Length..].ToLowerInvariant());
                }
            }
        }
        return tags;
    }

    /// <summary>The length of a tag: 16 bytes in base32 without padding.</summary>
    public const int TagLength = (TagBytes * 8 + 4) / 5;

    private static IEnumerable<MailAddress> Parse(string? list)
    {
        if (string.IsNullOrWhiteSpace(list)) return [];
        var collection = new MailAddressCollection();
        try
        {
            collection.Add(list);
        }
        catch (FormatException)
        {
            return [];
        }
        return collection;
    }

    private static string ToBase32(ReadOnlySpan<byte> bytes)
    {
        var result = new StringBuilder((bytes.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                result.Append(Base32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) result.Append(Base32[(buffer << (5 - bits)) & 31]);
        return result.ToString();
    }
}

/// <summary>
/// Replying by email needs its secret outside Development: with <c>Encourage__ReplyDomain</c> set, start-up refuses a
/// missing or short <c>SendGrid__InboundParseSecret</c>, or one that cannot sit in a URL as it is.
/// </summary>
internal sealed class EmailReplyOptionsValidator(IOptions<EncourageOptions> encourage) : IValidateOptions<SendGridOptions>
{
    public const int MinSecretLength = 24;

    public ValidateOptionsResult Validate(string? name, SendGridOptions options)
    {
        var secret = options.InboundParseSecret;
        if (string.IsNullOrEmpty(secret))
        {
            return encourage.Value.IsDevelopment || string.IsNullOrWhiteSpace(encourage.Value.ReplyDomain)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail("SendGrid__InboundParseSecret is required when Encourage__ReplyDomain is set: it protects POST /api/sendgrid/inbound.");
        }
        if (SecretSettingsValidator.IsUnresolvedReference(secret)) return ValidateOptionsResult.Success; // named by SecretSettingsValidator
        if (secret.Length < MinSecretLength || !secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~'))
        {
            return ValidateOptionsResult.Fail($"SendGrid__InboundParseSecret must be at least {MinSecretLength} characters of letters, digits, '-', '_', '.' or '~' (it sits in the Inbound Parse URL as it is).");
        }
        return ValidateOptionsResult.Success;
    }
}
