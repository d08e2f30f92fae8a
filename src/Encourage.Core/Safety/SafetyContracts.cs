namespace Encourage.Safety;

/// <summary>What a text that suggests danger is about.</summary>
public enum SafetyKind
{
    SelfHarm,
    Abuse,

    /// <summary>The semantic layer's grey zone: possibly danger. Answered with a check-in and the crisis line, and the operator is told.</summary>
    Possible,
}

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
