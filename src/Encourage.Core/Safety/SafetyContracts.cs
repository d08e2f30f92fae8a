using Encourage.Replies;
using Microsoft.Extensions.Logging;

namespace Encourage.Safety;

/// <summary>What a text that suggests danger is about.</summary>
public enum SafetyKind { SelfHarm, Abuse }

/// <summary>
/// Tells a human operator that a subscriber's text matched a safety pattern. Never carries the message text or the
/// contact: the subscriber id, the time, the kind and a dashboard link only.
/// </summary>
public interface IOperatorAlerts
{
    Task AlertAsync(string subscriberId, SafetyKind kind, CancellationToken cancellationToken);
}

/// <summary>Crisis help for the person's own country.</summary>
public interface ICrisisHelp
{
    /// <summary>The whole reply to a text that matched: help for the person's country, saying the number is automated.</summary>
    string SafetyReply(string regionCode, SafetyKind kind, bool byEmail);

    /// <summary>The crisis line alone, for messages that include it (the "I'm done" check-in, HELP).</summary>
    string CrisisLine(string regionCode);

    /// <summary>The ISO 3166 region to use for a subscriber: from the phone number when there is one, else the zone.</summary>
    string RegionOf(string? phone, string timeZoneId);
}

/// <summary>Until alerts are wired to a person: the Critical log line the handler always wrote.</summary>
public sealed partial class LoggedOperatorAlerts(ILogger<LoggedOperatorAlerts> logger) : IOperatorAlerts
{
    public Task AlertAsync(string subscriberId, SafetyKind kind, CancellationToken cancellationToken)
    {
        Log.Alert(logger, subscriberId, kind);
        return Task.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(9001, LogLevel.Critical, "SAFETY ALERT: subscriber {SubscriberId} sent words suggesting {Kind}")]
        public static partial void Alert(ILogger logger, string subscriberId, SafetyKind kind);
    }
}

/// <summary>US help from replies.yaml, whatever the country: the behaviour before help was kept per country.</summary>
public sealed class UsCrisisHelp(ReplyBook replies) : ICrisisHelp
{
    public string SafetyReply(string regionCode, SafetyKind kind, bool byEmail) => replies.Text(ReplyKeys.Safety, "", Subscriptions.Pronoun.Them);

    public string CrisisLine(string regionCode) => "988 (call or text)";

    public string RegionOf(string? phone, string timeZoneId) => "US";
}
