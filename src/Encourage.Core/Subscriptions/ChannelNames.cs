namespace Encourage.Subscriptions;

/// <summary>
/// The channels' names where they leave code as text: delivery keys, counter names, form fields, query strings,
/// the CLI. Inside the code a channel is always <see cref="Channels"/>.
/// </summary>
public static class ChannelNames
{
    public const string Sms = "sms";
    public const string Email = "email";
    public const string Both = "both";

    public static string Of(Channels channel) => channel switch
    {
        Channels.Sms => Sms,
        Channels.Email => Email,
        Channels.Both => Both,
        _ => "none",
    };

    /// <summary>"sms", "email" or "both" (any case); anything else is not a channel.</summary>
    public static bool TryParse(string? text, out Channels channel)
    {
        channel = text?.Trim().ToLowerInvariant() switch
        {
            Sms => Channels.Sms,
            Email => Channels.Email,
            Both => Channels.Both,
            _ => Channels.None,
        };
        return channel != Channels.None;
    }

    /// <summary>The single channels in <paramref name="channels"/>, texts first.</summary>
    public static IEnumerable<Channels> Each(Channels channels) =>
        new[] { Channels.Sms, Channels.Email }.Where(c => channels.HasFlag(c));
}
