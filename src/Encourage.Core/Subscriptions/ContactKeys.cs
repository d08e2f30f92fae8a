using System.Security.Cryptography;
using System.Text;
using Encourage.Hosting;

namespace Encourage.Subscriptions;

/// <summary>
/// Keyed hashes of contact details. A subscriber's id is derived from their phone number (or email when they
/// have no phone), so an inbound text finds its subscriber in one point read, and no key holds a raw contact.
/// </summary>
public sealed class ContactKeys
{
    private readonly byte[] _key;

    public ContactKeys(IOptions<EncourageOptions> options)
    {
        _key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.ContactKeyOrTokenSecret), "encourage/contact-id/v1"u8);
    }

    public string ForPhone(string e164) => "p" + Hash("phone:" + e164);

    public string ForEmail(string email) => "e" + Hash("email:" + email.Trim().ToLowerInvariant());

    private string Hash(string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(value)).AsSpan(0, 16));
}
