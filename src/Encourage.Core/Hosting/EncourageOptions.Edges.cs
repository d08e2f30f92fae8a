using System.ComponentModel.DataAnnotations;

namespace Encourage.Hosting;

/// <summary>The settings of the service's edges: proxies, reply budgets, the reply tag's version, strangers' rows.</summary>
public sealed partial class EncourageOptions
{
    /// <summary>
    /// The proxies whose X-Forwarded-For is believed: addresses or CIDR blocks, comma-separated ("127.0.0.1,::1" for
    /// the Functions host in front of the worker). Empty: no proxy is trusted and the peer is the client.
    /// </summary>
    [MaxLength(2000)]
    public string? TrustedProxies { get; set; }

    /// <summary>
    /// The reply tag's key version: raising it by one gives every email a new Reply-To; tags of the version before
    /// still work (so a reply to last week's email counts), older ones do not.
    /// </summary>
    [Range(1, 1_000_000)]
    public int ReplyTagVersion { get; set; } = 1;

    /// <summary>Answers one subscriber's contact gets in an hour; after that, silence and a counter.</summary>
    [Range(1, 10_000)]
    public int RepliesPerContactPerHour { get; set; } = 20;

    /// <summary>Answers one subscriber's contact gets in a day.</summary>
    [Range(1, 100_000)]
    public int RepliesPerContactPerDay { get; set; } = 60;

    /// <summary>Answers a number or address with no profile gets in an hour (an auto-responder loop stops here).</summary>
    [Range(1, 10_000)]
    public int RepliesPerStrangerPerHour { get; set; } = 3;

    /// <summary>Answers a number or address with no profile gets in a day.</summary>
    [Range(1, 100_000)]
    public int RepliesPerStrangerPerDay { get; set; } = 6;

    /// <summary>
    /// Crisis answers one contact gets in an hour: outside the budgets above (help is never silenced by them), with a
    /// cap of its own so a loop that repeats crisis words cannot cost without end.
    /// </summary>
    [Range(1, 10_000)]
    public int SafetyRepliesPerHour { get; set; } = 30;

    /// <summary>
    /// The semantic safety layer behind the rules (a sentence-embedding model loaded at start, about 250 MB). Off: the
    /// rules answer alone, and start-up says so in a warning; a model that cannot load is an error at start, never silent.
    /// </summary>
    public bool SemanticSafety { get; set; } = true;

    /// <summary>Days a safety-alert row for a number or address with no profile is kept.</summary>
    [Range(1, 3650, ErrorMessage = "Encourage__KeepStrangerAlertDays must be between 1 and 3650.")]
    public int KeepStrangerAlertDays { get; set; } = 30;

    /// <summary><see cref="TrustedProxies"/> parsed; a malformed entry fails start-up (OptionsValidation).</summary>
    public IReadOnlyList<System.Net.IPNetwork> TrustedProxyNetworks =>
        [.. (TrustedProxies ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => System.Net.IPNetwork.TryParse(p, out var n) ? n
                : System.Net.IPAddress.TryParse(p, out var a) ? new System.Net.IPNetwork(a, a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)
                : throw new FormatException($"Encourage__TrustedProxies: '{p}' is not an address or CIDR block."))];
}
