using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Encourage.Hosting;
using Microsoft.AspNetCore.Http;

namespace Encourage.Subscriptions;

/// <summary>
/// Which limit a sign-up ran into, and when the next hour's window opens. <paramref name="Silent"/>: the contact's own
/// limit, answered like any sign-up (202) with nothing sent, so it tells nobody how often that contact was named.
/// </summary>
public sealed record LimitHit(string Limit, TimeSpan RetryAfter, bool Silent = false);

/// <summary>
/// Every sign-up costs a confirmation message, so sign-ups are counted per client address (IPv4, IPv6 /64), per
/// network (IPv4 /24, IPv6 /48), per contact named, and in total, each in an hourly window. No limit one stranger can
/// reach refuses anyone else: the address and network limits refuse only that address or network; the contact limit
/// only stops more messages to that one contact (silently); the total is a cost fuse split into
/// <see cref="TotalShards"/> shares by network, so one source can use up at most its own share (and the network limit
/// keeps it far below that), and a row too busy to count is never taken as "over". The counters are rows in Table Storage (updated with If-Match), shared by every
/// instance. Keys are keyed hashes: no address or number is stored.
/// </summary>
public sealed partial class SignupLimits(WindowCounters counters, IOptions<EncourageOptions> options, TimeProvider time, ILogger<SignupLimits> logger)
{
    /// <summary>The total is counted over this many rows, so no single row is every sign-up's hot spot.</summary>
    public const int TotalShards = 8;

    private readonly byte[] _key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.TokenSecret), "encourage/signup-limits/v1"u8);
    private readonly IReadOnlyList<IPNetwork> _proxies = options.Value.TrustedProxyNetworks;

    /// <summary>Counts this sign-up against each limit in turn; the first one over its limit is returned (null: go on).</summary>
    public async Task<LimitHit?> TryTakeAsync(string clientAddress, string? phone, string? email, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var window = now.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
        var retryAfter = TimeSpan.FromHours(1) - (now - new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero));
        if (retryAfter < TimeSpan.FromSeconds(1)) retryAfter = TimeSpan.FromSeconds(1);
        var checks = new List<(string Limit, string Key, long Max, bool Silent)> { ("address", "a" + Hash(clientAddress), o.SignupsPerAddressPerHour, false) };
        if (NetworkOf(clientAddress) is { } network) checks.Add(("network", "n" + Hash(network), o.SignupsPerRangePerHour, false));
        if (!string.IsNullOrEmpty(phone)) checks.Add(("contact", "c" + Hash("sms:" + phone), o.SignupsPerContactPerHour, true));
        if (!string.IsNullOrEmpty(email)) checks.Add(("contact", "c" + Hash("email:" + email.ToLowerInvariant()), o.SignupsPerContactPerHour, true));
        // The total's share for this source's network: one network can use up at most one share, never everyone's.
        var shard = (HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(NetworkOf(clientAddress) ?? clientAddress))[0] % TotalShards).ToString(CultureInfo.InvariantCulture);
        checks.Add(("total", "total-" + shard, (o.ConfirmationsPerHour + TotalShards - 1) / TotalShards, false));
        foreach (var (limit, key, max, silent) in checks)
        {
            var count = await counters.AddAsync(key, window, now.AddHours(1), 1, cancellationToken);
            // A row too busy to count is the total's (many honest sign-ups at once): not a reason to refuse them.
            if (count == long.MaxValue && limit == "total") continue;
            if (count > max)
            {
                Log.Limited(logger, limit);
                return new LimitHit(limit, retryAfter, silent);
            }
        }
        return null;
    }

    /// <summary>The network an address counts in: an IPv4 /24, or an IPv6 /48 (for an address counted by /64).</summary>
    public static string? NetworkOf(string clientAddress)
    {
        if (clientAddress.EndsWith("/64", StringComparison.Ordinal) && IPAddress.TryParse(clientAddress[..^3], out var v6))
        {
            var bytes = v6.GetAddressBytes();
            Array.Clear(bytes, 6, 10);
            return new IPAddress(bytes) + "/48";
        }
        if (IPAddress.TryParse(clientAddress, out var v4) && v4.AddressFamily == AddressFamily.InterNetwork)
        {
            var bytes = v4.GetAddressBytes();
            bytes[3] = 0;
            return new IPAddress(bytes) + "/24";
        }
        return null;
    }

    /// <summary>The client's address, believing X-Forwarded-For only from the configured proxies.</summary>
    public string ClientAddress(HttpContext context) => ClientAddress(context, _proxies);

    /// <summary>
    /// The client's address. A peer that is not a configured proxy (<c>Encourage__TrustedProxies</c>) is the client,
    /// whatever headers it sends. From a trusted proxy, X-Forwarded-For is read from the right (each proxy appends
    /// the address it saw), skipping the trusted proxies: the first other address is the client, so entries a client
    /// wrote itself on the left are never believed. IPv6 addresses count by /64, as one household or host.
    /// </summary>
    public static string ClientAddress(HttpContext context, IReadOnlyList<IPNetwork> trustedProxies)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(trustedProxies);
        var address = Normalise(context.Connection.RemoteIpAddress);
        if (address is not null && IsTrusted(address, trustedProxies))
        {
            var forwarded = string.Join(',', context.Request.Headers["X-Forwarded-For"].ToArray());
            var entries = forwarded.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            for (var i = entries.Length - 1; i >= 0; i--)
            {
                if (!TryParseAddress(entries[i], out var parsed)) break; // unreadable: stop at the last proxy we trust
                address = Normalise(parsed)!;
                if (!IsTrusted(address, trustedProxies)) break;
            }
        }
        if (address is null) return "unknown";
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }
        return address.ToString();
    }

    private static IPAddress? Normalise(IPAddress? address) => address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;

    private static bool IsTrusted(IPAddress address, IReadOnlyList<IPNetwork> proxies) => proxies.Any(p => p.Contains(address));

    private static bool TryParseAddress(string value, out IPAddress address)
    {
        // "1.2.3.4:5678" and "[::1]:5678" as App Service writes them, or a bare address.
        if (IPEndPoint.TryParse(value, out var endpoint)) { address = endpoint.Address; return true; }
        return IPAddress.TryParse(value, out address!);
    }

    private string Hash(string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(value)).AsSpan(0, 16));

    private static partial class Log
    {
        [LoggerMessage(3101, LogLevel.Warning, "Sign-up refused: over the {Limit} limit for this hour")]
        public static partial void Limited(ILogger logger, string limit);
    }
}
