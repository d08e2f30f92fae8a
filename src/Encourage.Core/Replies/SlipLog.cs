using System.Globalization;
using System.Runtime.Serialization;
using System.Text.Json;

namespace Encourage.Replies;

/// <summary>
/// A logged reply event in the subscriber's partition: a slip, an urge, contact from the ex, or good news. RowKey is
/// "{type}|{MessageSid}", so Twilio's retry of the same message cannot log it twice.
/// </summary>
public sealed class ReplyEventRow : ITableEntity
{
    public const string SlipPrefix = "slip|";
    public const string UrgePrefix = "urge|";
    public const string ContactPrefix = "contact|";
    public const string ProgressPrefix = "progress|";
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

/// <summary>Reads the slips logged in Table Storage, for STATUS, the CLI and the dashboard's detail.</summary>
public sealed class SlipLog(EncourageStorage storage)
{
    public async Task<IReadOnlyList<ReplyEventRow>> ForSubscriberAsync(string subscriberId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {subscriberId} and RowKey ge {ReplyEventRow.SlipPrefix} and RowKey lt {ReplyEventRow.SlipPrefix[..^1] + "}"}");
        var rows = new List<ReplyEventRow>();
        await foreach (var row in storage.Subscribers.QueryAsync<ReplyEventRow>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }
        return rows.OrderBy(r => r.Utc).ToList();
    }

    /// <summary>Every slip of everyone, for the operator's summary (a scan: an operator command, not a hot path).</summary>
    public async IAsyncEnumerable<ReplyEventRow> AllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"RowKey ge {ReplyEventRow.SlipPrefix} and RowKey lt {ReplyEventRow.SlipPrefix[..^1] + "}"}");
        await foreach (var row in storage.Subscribers.QueryAsync<ReplyEventRow>(filter, cancellationToken: cancellationToken))
        {
            yield return row;
        }
    }

    public static string Csv(IEnumerable<ReplyEventRow> rows)
    {
        var w = new StringWriter(CultureInfo.InvariantCulture);
        w.WriteLine("utc,kind,day,phase,text");
        foreach (var r in rows)
        {
            w.WriteLine(string.Join(',', r.Utc.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                Escape(r.Kind), r.Day.ToString(CultureInfo.InvariantCulture), Escape(r.Phase), Escape(r.Text)));
        }
        return w.ToString();
    }

    /// <summary>
    /// One CSV cell. Control characters are taken out (an email reply can carry ESC sequences that would drive the
    /// operator's terminal when the CLI prints this, and bidi overrides that make a cell read backwards): tabs and
    /// carriage returns become spaces, line breaks stay (inside quotes), the rest go. A text that may start like a
    /// formula ("=HYPERLINK(...)", "+1...", "@SUM", also after spaces): a spreadsheet would run it, so such a cell
    /// starts with an apostrophe (OWASP's CSV-injection advice).
    /// </summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var clean = new System.Text.StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '\t' or '\r') clean.Append(' ');
            else if (c == '\n' || !(char.IsControl(c) || c is (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069') or '\u200e' or '\u200f' or '\u061c')) clean.Append(c);
        }
        var original = value;
        value = clean.ToString();
        var first = value.TrimStart();
        if ((first.Length > 0 && first[0] is '=' or '+' or '-' or '@') || (original.Length > 0 && original[0] is '\t' or '\r')) value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
