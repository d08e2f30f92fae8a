using Encourage.Arc;
using Encourage.Safety;
using NodaTime;

namespace Encourage.Replies;

/// <summary>
/// A change that moves the subscription and its due-index row, so it goes through <see cref="SubscriptionLifecycle"/>
/// (each step is idempotent: a retried message repeats it harmlessly).
/// </summary>
public abstract record LifecycleStep
{
    private LifecycleStep() { }

    public sealed record Subscribe(ValidSubscription Subscription) : LifecycleStep;
    public sealed record Confirm : LifecycleStep;
    /// <summary>STOP (or "wrong number") stops the channel the reply came on, and only that one.</summary>
    public sealed record Stop(Channels Channel, string Reason) : LifecycleStep;
    public sealed record RestartSms : LifecycleStep;
    public sealed record Pause(int Days) : LifecycleStep;
    public sealed record Resume : LifecycleStep;
    public sealed record Graduate(string Reason) : LifecycleStep;
    public sealed record ChangeZone(string ZoneId) : LifecycleStep;
    public sealed record ChangeSendTime(LocalTime Time) : LifecycleStep;
}

/// <summary>Fields of the profile a reply changes; null leaves a field as it is.</summary>
public sealed record ProfileChanges
{
    public static readonly ProfileChanges None = new();

    public DateTimeOffset? LastSlipUtc { get; init; }
    public int? LongestStreakDays { get; init; }
    public bool? RecoveryLinePending { get; init; }
    public string? RecentEventsJson { get; init; }
    public string? LastFallbackReplyDate { get; init; }
    public bool? SafetyMode { get; init; }
    public int? NextEntry { get; init; }
    public string? FirstName { get; init; }
    public Pronoun? Pronoun { get; init; }

    /// <summary>The urge now waiting for its check-back, or null to leave it.</summary>
    public string? PendingUrgeSid { get; init; }

    /// <summary>Something was heard since the last URGE: no check-back for it.</summary>
    public bool ClearPendingUrge { get; init; }

    public bool IsEmpty => this == None;

    public void ApplyTo(Subscriber p)
    {
        if (LastSlipUtc is { } slip) p.LastSlipUtc = slip;
        if (LongestStreakDays is { } longest) p.LongestStreakDays = longest;
        if (RecoveryLinePending is { } recovery) p.RecoveryLinePending = recovery;
        if (RecentEventsJson is { } recent)
        {
            p.RecentEventsJson = recent;
            p.RecentSlips = null; // the old delimited column, read once and then replaced
        }
        if (LastFallbackReplyDate is { } fallback) p.LastFallbackReplyDate = fallback;
        if (SafetyMode is { } safety) p.SafetyMode = safety;
        if (NextEntry is { } entry) p.NextEntry = entry;
        if (FirstName is { } name) p.FirstName = name;
        if (Pronoun is { } pronoun) p.Pronoun = pronoun;
        if (ClearPendingUrge) p.PendingUrgeSid = null;
        if (PendingUrgeSid is { } urge) p.PendingUrgeSid = urge;
    }
}

/// <summary>An event row to log in the subscriber's partition (<see cref="ReplyEventRow"/>).</summary>
public sealed record LoggedEvent(string Prefix, string Kind, string? Outcome = null);

/// <summary>What became of an urge: acted, resisted, heard (something else came first) or crisis.</summary>
public sealed record UrgeOutcome(string UrgeSid, string Outcome);

/// <summary>A reply text and the replies.yaml key it came from (the key is what the rule tests read).</summary>
public sealed record ReplyMessage(string Key, string Text);

/// <summary>Everything one inbound reply should do, decided from a snapshot; <see cref="InboundReplies"/> applies it.</summary>
public sealed record Decision
{
    public LifecycleStep? Lifecycle { get; init; }
    public ProfileChanges Profile { get; init; } = ProfileChanges.None;
    public IReadOnlyList<LoggedEvent> Events { get; init; } = [];
    public UrgeOutcome? Urge { get; init; }
    public IReadOnlyList<string> Counters { get; init; } = [];
    public IReadOnlyList<ReplyMessage> Replies { get; init; } = [];

    /// <summary>The urge (its MessageSid) to check back on later, if any.</summary>
    public string? CheckbackRef { get; init; }

    /// <summary>A safety match to tell the operator about (after the transaction).</summary>
    public SafetyKind? Alert { get; init; }

    public IReadOnlyList<string> ReplyKeysSent => [.. Replies.Select(r => r.Key)];
    public IReadOnlyList<string> Texts => [.. Replies.Select(r => r.Text)];
}

/// <summary>What the rules need besides the profile and the text: content, help for the person's country, settings.</summary>
/// <param name="MessageSid">The inbound message's id: the key of everything it logs.</param>
/// <param name="Phone">The sender, E.164.</param>
/// <param name="Region">The ISO region for crisis help (<see cref="ICrisisHelp.RegionOf"/>).</param>
/// <param name="HelpLink">The page linked from HELP.</param>
/// <param name="Channel">How the reply came, and so how it is answered: STOP by email stops emails.</param>
public sealed record InboundContext(
    string MessageSid,
    string Phone,
    ReplyBook Replies,
    Programme Programme,
    ICrisisHelp Crisis,
    string Region,
    LocalTime QuietStart,
    LocalTime QuietEnd,
    string HelpLink,
    Channels Channel = Channels.Sms,
    bool PhoneAllowed = true);
