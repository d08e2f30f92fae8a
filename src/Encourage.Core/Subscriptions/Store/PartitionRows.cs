using System.Runtime.Serialization;
using System.Text.Json;
using Encourage.Replies;

namespace Encourage.Subscriptions;

// Every row of a subscriber's partition of the Subscribers table (PartitionKey = the subscriber id), read and written
// only by SubscriberStore:
//
//   RowKey                      row type          what it is
//   profile                     Subscriber        who they are and where they are in the arc (../Subscriber.cs)
//   alias                       ContactAlias      (in an email's partition) the profile that holds this email
//   delivery|{kind}-{nnn}-{ch}  DeliveryRow       one message that goes out once: its claim and outcome
//   slip|, urge|, contact|,     ReplyEventRow     a logged reply event, keyed by the message it came in
//   progress| + {message id}
//   inbound|{message id}        InboundMarker     a handled reply and its answer, so a retry gets the same answer
//   safety-alert                AlertRow          the last operator alert (also kept for a stranger, for a while)

/// <summary>Points an email address at the subscriber who owns it (a subscriber on both channels is keyed by phone).</summary>
public sealed class ContactAlias : ITableEntity
{
    public const string AliasRowKey = "alias";
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = AliasRowKey;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string SubscriberId { get; set; } = "";
}

/// <summary>
/// One row per message that should go out once: RowKey "delivery|{key}", for example "delivery|entry-004-sms".
/// Inserting it claims the send; a second worker gets a conflict and stands down.
/// </summary>
public sealed class DeliveryRow : ITableEntity
{
    public const string Prefix = "delivery|";
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>
    /// claimed (a worker is calling the provider), unknown (the call ended without an answer: timeout, 5xx), released
    /// (the provider certainly refused for now: 429, 503), sent,
    /// dropped (status changed before the provider was called), failed (refused for good).
    /// </summary>
    public string State { get; set; } = DeliveryStates.Claimed;
    public string Channel { get; set; } = "";
    public string Kind { get; set; } = "";
    public int Entry { get; set; }
    public DateTimeOffset ClaimedUtc { get; set; }
    public DateTimeOffset? SentUtc { get; set; }
    public int Attempts { get; set; } = 1;

    /// <summary>The run (one handling of one queue message) that holds the claim.</summary>
    public string? ClaimToken { get; set; }
    public string? ProviderMessageId { get; set; }

    /// <summary>The provider's last word on it (queued, sent, delivered, undelivered, failed, bounce...).</summary>
    public string? ProviderStatus { get; set; }
    public string? LastError { get; set; }
}

public static class DeliveryStates
{
    public const string Claimed = "claimed";
    public const string Unknown = "unknown";

    /// <summary>The provider certainly did not take it (429, 503): the next try sends without asking first.</summary>
    public const string Released = "released";
    public const string Sent = "sent";
    public const string Dropped = "dropped";
    public const string Failed = "failed";
}

/// <summary>
/// A logged reply event: a slip, an urge, contact from the ex, or good news. RowKey is "{type}|{MessageSid}", so
/// Twilio's retry of the same message cannot log it twice.
/// </summary>
public sealed class ReplyEventRow : ITableEntity
{
    public const string SlipPrefix = "slip|";
    public const string UrgePrefix = "urge|";
    public const string ContactPrefix = "contact|";
    public const string ProgressPrefix = "progress|";

    /// <summary>How much of what someone wrote is kept (an SMS of 10 segments; an email's text is cut to this too).</summary>
    public const int MaxText = 1600;

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string Kind { get; set; } = "";
    public DateTimeOffset Utc { get; set; }
    public int Day { get; set; }
    public string Phase { get; set; } = "";
    public string Text { get; set; } = "";
    public string MessageSid { get; set; } = "";

    /// <summary>For urges: pending, resisted or acted.</summary>
    public string? Outcome { get; set; }

    /// <summary>When the retention sweep blanked <see cref="Text"/> (Encourage__KeepReplyTextDays after it was received).</summary>
    public DateTimeOffset? TextRemovedUtc { get; set; }

    /// <summary>The stored text of a reply: at most <see cref="MaxText"/> characters.</summary>
    public static string Kept(string body) => body.Length > MaxText ? body[..MaxText] : body;
}

/// <summary>The handled-message marker: what we answered to a message (a MessageSid, an email's Message-ID), so a retry gets the same answer.</summary>
public sealed class InboundMarker : ITableEntity
{
    public const string Prefix = "inbound|";
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The answers, as a JSON array of strings.</summary>
    public string? RepliesJson { get; set; }

    /// <summary>Rows written before <see cref="RepliesJson"/>: the answers joined by U+001E. Read, never written.</summary>
    public string? Reply { get; set; }

    public string Intent { get; set; } = "";

    [IgnoreDataMember]
    public IReadOnlyList<string> Replies => RepliesJson is { Length: > 0 } json
        ? JsonSerializer.Deserialize<string[]>(json) ?? []
        : Reply is { Length: > 0 } old ? old.Split('\u001e') : [];

    public static InboundMarker For(string subscriberId, string messageId, IReadOnlyList<string> replies, Intent intent) => new()
    {
        PartitionKey = subscriberId,
        RowKey = Prefix + messageId,
        RepliesJson = JsonSerializer.Serialize(replies),
        Intent = intent.ToString(),
    };

    /// <summary>For an email reply: when the answer went, so a retried post answers from here and sends nothing again.</summary>
    public DateTimeOffset? ReplySentUtc { get; set; }
}

/// <summary>The last operator alert sent for a subscriber: in their own partition, so erasure takes it with them.</summary>
public sealed class AlertRow : ITableEntity
{
    public const string Key = "safety-alert";
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = Key;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public DateTimeOffset LastAlertUtc { get; set; }
    public string Kind { get; set; } = "";
}

/// <summary>What one handled reply writes, in one transaction: its marker, the events it logged, and an urge's outcome.</summary>
public sealed record ReplyWrite(InboundMarker Marker, IReadOnlyList<ReplyEventRow> Events, UrgeOutcome? Urge);

/// <summary>How a <see cref="ReplyWrite"/> went: saved; the message was handled by somebody else; the profile changed since it was read.</summary>
public enum ReplySaved { Saved, AlreadyHandled, ProfileChanged }
