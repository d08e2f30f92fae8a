using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Encourage.Hosting;

namespace Encourage.Privacy;

/// <summary>
/// The id a log line uses next to what a person said (an intent, a safety match): a keyed hash of the subscriber id
/// and the UTC day, so one day's lines about one person still read together, but no line ties a stable id to what
/// someone wrote over weeks, and logs alone never lead from an intent to a profile. With the secret and a subscriber id,
/// an operator can work out the day's log id; without them nobody can.
/// </summary>
public sealed class LogIds(IOptions<EncourageOptions> options, TimeProvider time)
{
    private readonly byte[] _key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.TokenSecret), "encourage/log-id/v1"u8);

    /// <summary>Today's log id for a subscriber: "l" and 12 hex digits.</summary>
    public string For(string subscriberId) => For(subscriberId, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));

    public string For(string subscriberId, DateOnly day) =>
        "l" + Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(
            subscriberId + "|" + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture))).AsSpan(0, 6));
}
