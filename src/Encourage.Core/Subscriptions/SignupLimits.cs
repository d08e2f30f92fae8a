using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Encourage.Hosting;
using Microsoft.AspNetCore.Http;

namespace Encourage.Subscriptions;

/// <summary>Which limit a sign-up ran into, and when the next hour's window opens.</summary>
public sealed record LimitHit(string Limit, TimeSpan RetryAfter);

/// <summary>
/// Every sign-up costs a confirmation message, so sign-ups are counted per client address, per number range and in
/// total, each in an hourly window. The counters are rows in Table Storage (updated with If-Match), so every
/// instance of a scaled-out app shares them. Keys are keyed hashes: no address or number is stored.
/// </summary>
public sealed partial class SignupLimits(EncourageStorage storage, IOptions<EncourageOptions> options, TimeProvider time, ILogger<SignupLimits> logger)
{
    private readonly byte[] _key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.TokenSecret), "encourage/signup-limits/v1"u8);

    /// <summary>Counts this sign-up against each limit in turn; the first one over its limit is returned (null: go on).</summary>
    public async Task<LimitHit?> TryTakeAsync(string clientAddress, string? phone, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var window = now.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
        var retryAfter = TimeSpan.FromHours(1) - (now - new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero));
        var checks = new List<(string Limit, string Key, int Max)> { ("address", "a" + Hash(clientAddress), o.SignupsPerAddressPerHour) };
        if (phone is not null && NumberRange(phone) is { } range) checks.Add(("range", "r" + Hash(range), o.SignupsPerRangePerHour));
        checks.Add(("total", "total", o.ConfirmationsPerHour));
        foreach (var (limit, key, max) in checks)
        {
            if (await IncrementAsync(key, window, cancellationToken) > max)
            {
                Log.Limited(logger, limit);
                return new LimitHit(limit, retryAfter < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : retryAfter);
            }
        }
        return null;
    }

    /// <summary>The country code and every digit but the last four: "+1212555" for +12125550100.</summary>
    public static string? NumberRange(string e164) => e164.Length > 8 && e164[0] == '+' ? e164[..^4] : null;

    /// <summary>
    /// The client's address. In Azure the front end appends the caller's address to X-Forwarded-For, and the worker
    /// sees only the Functions host (a private or loopback peer): then the last entry is the caller. A direct public
    /// peer is the caller itself, whatever headers it sends. IPv6 addresses count by /64, as one household or host.
    /// </summary>
    public static string ClientAddress(HttpContext context)
    {
        var peer = context.Connection.RemoteIpAddress;
        IPAddress? address = peer;
        if (peer is null || IPAddress.IsLoopback(peer) || IsPrivate(peer))
        {
            var forwarded = context.Request.Headers["X-Forwarded-For"].ToString();
            var last = forwarded.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            if (last is not null && TryParseAddress(last, out var parsed)) address = parsed;
        }
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }
        return address.ToString();
    }

    private static bool TryParseAddress(string value, out IPAddress address)
    {
        // "1.2.3.4:5678" and "[::1]:5678" as App Service writes them, or a bare address.
        if (IPEndPoint.TryParse(value, out var endpoint)) { address = endpoint.Address; return true; }
        return IPAddress.TryParse(value, out address!);
    }

    private static bool IsPrivate(IPAddress ip)
    {
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        if (ip.AddressFamily == AddressFamily.InterNetworkV6) return ip.IsIPv6LinkLocal || ip.IsIPv6UniqueLocal;
        var b = ip.GetAddressBytes();
        return b[0] == 10 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254);
    }

    private async Task<long> IncrementAsync(string key, string window, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var found = await storage.Limits.GetEntityIfExistsAsync<TableEntity>(key, window, cancellationToken: cancellationToken);
            try
            {
                if (!found.HasValue)
                {
                    await storage.Limits.AddEntityAsync(new TableEntity(key, window) { ["Count"] = 1L }, cancellationToken);
                    return 1;
                }
                var row = found.Value!;
                var count = (row.GetInt64("Count") ?? 0) + 1;
                row["Count"] = count;
                await storage.Limits.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return count;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another instance counted at the same moment: read again.
                await Task.Delay(Random.Shared.Next(5, 30), cancellationToken);
            }
        }
        // Heavy contention on one counter is itself a flood: count it as over.
        return long.MaxValue;
    }

    private string Hash(string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(value)).AsSpan(0, 16));

    private static partial class Log
    {
        [LoggerMessage(3101, LogLevel.Warning, "Sign-up refused: over the {Limit} limit for this hour")]
        public static partial void Limited(ILogger logger, string limit);
    }
}
