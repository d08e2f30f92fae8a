using System.Runtime.Serialization;

namespace Encourage.Subscriptions;

public enum SubscriberStatus { Pending, Active, Paused, Graduated, Unsubscribed }

[Flags]
public enum Channels { None = 0, Sms = 1, Email = 2, Both = Sms | Email }

public enum Pronoun { Him, Her, Them }

/// <summary>
/// The subscriber's profile: the one row in the subscriber's partition that says who they are,
/// where they are in the arc, and when their next message is due. Status, channel and pronoun are enums, stored
/// the way Azure.Data.Tables stores them (their names); rows written before that (lower-case names) are upgraded
/// when read (<see cref="SubscriberStore"/>). How the profile may change is in <c>Subscriber.Transitions.cs</c>.
/// </summary>
public sealed partial class Subscriber : ITableEntity
{
    public const string ProfileRowKey = "profile";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = ProfileRowKey;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    [IgnoreDataMember]
    public string Id { get => PartitionKey; set => PartitionKey = value; }

    /// <summary>The row's shape: <see cref="CurrentShape"/> once status, channel and pronoun are stored by enum name.</summary>
    /// <remarks>
    /// Azure.Data.Tables reads a name it does not know ("active") as the enum's default without a word, so rows are
    /// marked: an unmarked row (0, written before) is upgraded when read (<see cref="LegacyProfile"/>).
    /// </remarks>
    public int Shape { get; set; }

    public const int CurrentShape = 2;
    public SubscriberStatus Status { get; set; } = SubscriberStatus.Pending;
    public string FirstName { get; set; } = "";
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public Channels Channel { get; set; } = Channels.Sms;
    public Pronoun Pronoun { get; set; } = Pronoun.Him;
    public string TimeZone { get; set; } = "America/New_York";
    public string SendTime { get; set; } = "09:00";
    public string? StartDate { get; set; }

    public DateTimeOffset CreatedUtc { get; set; }
    public DateTimeOffset? ConfirmedUtc { get; set; }
    public DateTimeOffset? EndedUtc { get; set; }

    /// <summary>Counts sign-ups for this contact, so a new programme after an earlier one ended gets fresh delivery keys.</summary>
    public int Generation { get; set; } = 1;

    /// <summary>
    /// A random mark every link token carries; new on each sign-up, STOP and contact erasure, so every link sent before
    /// stops working then (null on rows from before: tokens then carry "").
    /// </summary>
    public string? LinkVersion { get; set; }

    /// <summary>How many sign-ups this pending profile has had: more than one means someone else may have chosen its details.</summary>
    public int SignupsWhilePending { get; set; }

    /// <summary>When a "download my data" link was last used: links issued before then no longer work (single use).</summary>
    public DateTimeOffset? DataLinkUsedUtc { get; set; }

    /// <summary>Entry number (1-based) of the next programme message.</summary>
    public int NextEntry { get; set; } = 1;

    /// <summary>The programme entries already sent, one bit per entry number (see <c>Arc.ProgrammeSelection</c>).</summary>
    public long SentEntries { get; set; }

    /// <summary>
    /// When the next programme message is due (for a pending sign-up: when it expires); mirrored by one DueIndex row.
    /// </summary>
    public DateTimeOffset? NextDueUtc { get; set; }

    /// <summary>Local date (yyyy-MM-dd) the last programme message went out.</summary>
    public string? LastSentLocalDate { get; set; }

    public bool SmsStopped { get; set; }
    public bool EmailStopped { get; set; }
    public bool EmailConfirmed { get; set; }
    public bool SmsConfirmed { get; set; }

    /// <summary>When each channel was last confirmed (consent), for the person's own copy of their data.</summary>
    public DateTimeOffset? SmsConfirmedUtc { get; set; }
    public DateTimeOffset? EmailConfirmedUtc { get; set; }
    public int SmsFailuresInARow { get; set; }

    public DateTimeOffset? PausedUntilUtc { get; set; }

    /// <summary>Set by a slip; the next daily message opens with a recovery line and clears it.</summary>
    public bool RecoveryLinePending { get; set; }
    public DateTimeOffset? LastSlipUtc { get; set; }
    public int LongestStreakDays { get; set; }

    /// <summary>Recent slips as "utc|kind" lines (last 30 days), so STATUS answers from the one profile read.</summary>
    public string? RecentSlips { get; set; }

    /// <summary>Recent slips and good news as JSON (see Replies/ReplyHistory); replaces <see cref="RecentSlips"/> when written.</summary>
    public string? RecentEventsJson { get; set; }

    /// <summary>The MessageSid of an urge still waiting for its check-back answer.</summary>
    public string? PendingUrgeSid { get; set; }

    /// <summary>Local date of the last "here are the keywords" reply, so auto-responders cannot loop.</summary>
    public string? LastFallbackReplyDate { get; set; }

    /// <summary>
    /// Set by an abuse match or by the person's PRIVATE/SAFETY keyword: from then on no message or reply encourages
    /// contact with the ex or a reunion (the safety-aware variants are used).
    /// </summary>
    public bool SafetyMode { get; set; }

    /// <summary>Why the subscription ended (graduated, stop, unsubscribe-link, carrier-opt-out, bounce...).</summary>
    public string? EndReason { get; set; }

    /// <summary>The profile as it was read, so the store can move the dashboard's gauges after a write.</summary>
    [IgnoreDataMember]
    public Insights.GaugeState? Loaded { get; set; }

    /// <summary>The due time this profile was read with, so a save knows which due-index row to move.</summary>
    [IgnoreDataMember]
    public DateTimeOffset? LoadedDueUtc { get; set; }

    /// <summary>The channels a programme message goes to now.</summary>
    [IgnoreDataMember]
    public Channels LiveChannels
    {
        get
        {
            var c = Channel;
            if (SmsStopped || !SmsConfirmed || string.IsNullOrEmpty(Phone)) c &= ~Channels.Sms;
            if (EmailStopped || !EmailConfirmed || string.IsNullOrEmpty(Email)) c &= ~Channels.Email;
            return c;
        }
    }
}
