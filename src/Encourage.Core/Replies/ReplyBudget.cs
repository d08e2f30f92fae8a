using Encourage.Hosting;

namespace Encourage.Replies;

/// <summary>Which budget an answer is paid from.</summary>
public enum ReplyBudgetKind
{
    /// <summary>Every ordinary answer: per hour and per day, smaller for a stranger (no profile) than for a subscriber.</summary>
    Ordinary,

    /// <summary>
    /// Crisis help and the confirmation of STOP: outside the ordinary budget (spending it never silences them), with a
    /// high cap of its own per hour, so a machine repeating crisis words or STOP still stops costing.
    /// </summary>
    Urgent,
}

/// <summary>The caps that apply to one answer, from the settings: a pure reading, tested as a table.</summary>
public sealed record ReplyCaps(long PerHour, long? PerDay)
{
    public static ReplyCaps For(ReplyBudgetKind kind, bool stranger, EncourageOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return kind == ReplyBudgetKind.Urgent
            ? new ReplyCaps(o.SafetyRepliesPerHour, null)
            : stranger
                ? new ReplyCaps(o.RepliesPerStrangerPerHour, o.RepliesPerStrangerPerDay)
                : new ReplyCaps(o.RepliesPerContactPerHour, o.RepliesPerContactPerDay);
    }

    /// <summary>The kind of budget a decision's answers come from: crisis help or a STOP's confirmation is urgent.</summary>
    public static ReplyBudgetKind KindOf(Decision decision, ParsedReply parsed)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(parsed);
        return parsed.Intent == Intent.Stop || decision.Replies.Any(r => r.Key is ReplyKeys.Safety or ReplyKeys.SafetyCheck) ? ReplyBudgetKind.Urgent : ReplyBudgetKind.Ordinary;
    }
}

/// <summary>
/// How many answers one contact gets, counted in Table Storage (<see cref="WindowCounters"/>) so every instance shares
/// the count. Every answered text costs money and a stranger's auto-responder would answer us forever: past the caps
/// the message is still read and applied (STOP still stops) but not answered, and a counter says so. Counted per
/// contact (the subscriber id, itself a keyed hash of the number or address), per text sent.
/// </summary>
public sealed class ReplyBudget(WindowCounters counters, IOptions<EncourageOptions> options, TimeProvider time)
{
    /// <summary>Takes <paramref name="texts"/> from the contact's budget; false when that goes over a cap (then say nothing).</summary>
    public async Task<bool> TryTakeAsync(string contactId, bool stranger, ReplyBudgetKind kind, int texts, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(contactId);
        var caps = ReplyCaps.For(kind, stranger, options.Value);
        var prefix = kind == ReplyBudgetKind.Urgent ? "reply-urgent|" : "reply|";
        // Urgent answers count one per message: the safety text is one text, and must not be cut short by its length.
        var cost = kind == ReplyBudgetKind.Urgent ? 1 : Math.Max(1, texts);
        // The hour and the day in one row: one read and one write per answer.
        var (hour, day) = await counters.AddHourAndDayAsync(prefix + contactId, time.GetUtcNow(), cost,
            countsForDay: newHour => newHour <= caps.PerHour, cancellationToken);
        // A row too busy to count is not a reason to go silent.
        if (hour == long.MaxValue) return true;
        if (hour > caps.PerHour) return false;
        return caps.PerDay is not { } perDay || day <= perDay;
    }
}
