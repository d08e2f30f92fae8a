using Encourage.Replies;

namespace Encourage.Subscriptions;

/// <summary>Replies: the handled-message markers, the logged events (slips, urges, contact, good news) and their text's expiry.</summary>
public sealed partial class SubscriberStore
{
    /// <summary>The marker of a message already handled, or null when it is new.</summary>
    public Task<InboundMarker?> GetMarkerAsync(string subscriberId, string messageId, CancellationToken cancellationToken) =>
        GetRowAsync<InboundMarker>(subscriberId, InboundMarker.Prefix + messageId, cancellationToken);

    /// <summary>Records on the marker that the answer to an email reply went, so a retried post sends nothing again.</summary>
    public Task MarkAnswerSentAsync(InboundMarker marker, DateTimeOffset sentUtc, CancellationToken cancellationToken)
    {
        marker.ReplySentUtc = sentUtc;
        return _table.UpdateEntityAsync(Checked(marker), ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>
    /// Saves what a handled reply writes, in one transaction of the subscriber's partition: the marker first, the
    /// events, an urge's outcome, and the profile (If-Match) when <paramref name="profileChanged"/>. Each event's text
    /// is indexed for expiry before it is written.
    /// </summary>
    public async Task<ReplySaved> SaveReplyAsync(Subscriber profile, ReplyWrite write, bool profileChanged, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, write.Marker) };
        actions.AddRange(write.Events.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)));
        if (write.Urge is { } urge)
        {
            actions.Add(new(TableTransactionActionType.UpdateMerge,
                new TableEntity(profile.Id, ReplyEventRow.UrgePrefix + urge.UrgeSid) { [nameof(ReplyEventRow.Outcome)] = urge.Outcome }, ETag.All));
        }
        TableLimits.CheckBatch(profileChanged ? [.. actions, ProfileWrite(profile)] : actions); // before anything is written
        try
        {
            await expiry.RepliesAsync(write.Events, cancellationToken); // retention: reply text is indexed before it is written
            if (!profileChanged) await SubmitAsync(actions, cancellationToken);
            else if (!await TrySaveAsync(profile, actions, cancellationToken)) return ReplySaved.ProfileChanged;
            return ReplySaved.Saved;
        }
        catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex == 0 || e.Status == 409)
        {
            return ReplySaved.AlreadyHandled; // the marker is there: handled meanwhile
        }
        catch (TableTransactionFailedException e) when (e.Status == 412)
        {
            return ReplySaved.ProfileChanged;
        }
    }

    /// <summary>A subscriber's slips, oldest first.</summary>
    public async Task<IReadOnlyList<ReplyEventRow>> SlipsAsync(string subscriberId, CancellationToken cancellationToken)
    {
        var rows = new List<ReplyEventRow>();
        await foreach (var row in RowsAsync<ReplyEventRow>(subscriberId, ReplyEventRow.SlipPrefix, cancellationToken)) rows.Add(row);
        return rows.OrderBy(r => r.Utc).ToList();
    }

    /// <summary>Every slip of everyone, for the operator's summary (a scan: an operator command, not a hot path).</summary>
    public IAsyncEnumerable<ReplyEventRow> AllSlipsAsync(CancellationToken cancellationToken) =>
        RowsAsync<ReplyEventRow>(null, ReplyEventRow.SlipPrefix, cancellationToken);

    /// <summary>
    /// Blanks the text of a reply event (its kind, time and day stay): a merge with If-Match "*", which changes only the
    /// text and fails rather than creating a row that is gone. False when it is gone (erased meanwhile, or never written).
    /// </summary>
    public async Task<bool> BlankReplyTextAsync(string subscriberId, string rowKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var blank = new TableEntity(subscriberId, rowKey)
        {
            [nameof(ReplyEventRow.Text)] = "",
            [nameof(ReplyEventRow.TextRemovedUtc)] = now,
        };
        try
        {
            await _table.UpdateEntityAsync(Checked(blank), ETag.All, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }
}
