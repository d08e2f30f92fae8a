using System.Numerics;

namespace Encourage.Arc;

/// <summary>
/// Which programme message goes next, as pure functions of the position (<c>NextEntry</c>) and the set of entries
/// already sent (one bit per entry, <c>Subscriber.SentEntries</c>).
/// <para>
/// The rules: an entry is sent once. An entry goes only to someone for whom what it assumes is true
/// (<see cref="EntryAssumptions"/>); otherwise it is passed over for now and comes later, once it is true. After an
/// "if you hear from them" entry comes the next one of that phase; after any other, the lowest entry not yet sent.
/// So a reach-out on day 3 (which moves the position to the first reach-out entry) brings those messages forward
/// as a short detour, and then the arc resumes at day 4: nothing is lost and nothing claims time that has not passed.
/// </para>
/// </summary>
public static class ProgrammeSelection
{
    public static long Bit(int entry) => entry is >= 1 and <= Programme.MaxEntries ? 1L << entry : 0;

    public static bool WasSent(long sent, int entry) => (sent & Bit(entry)) != 0;

    public static long MarkSent(long sent, int entry) => sent | Bit(entry);

    /// <summary>How many programme messages the set holds.</summary>
    public static int Count(long sent) => BitOperations.PopCount((ulong)sent);

    /// <summary>
    /// The entries sent, for a profile written before they were recorded (none recorded but a position past 1):
    /// everything before the position.
    /// </summary>
    public static long SentOrInferred(long sent, int nextEntry)
    {
        if (sent != 0 || nextEntry <= 1) return sent;
        var inferred = 0L;
        for (var n = 1; n < Math.Min(nextEntry, Programme.MaxEntries + 1); n++) inferred |= Bit(n);
        return inferred;
    }

    /// <summary>Whether everything the entry takes for granted is true for someone who has had <paramref name="sent"/>.</summary>
    public static bool AssumptionsHold(Programme programme, ProgrammeEntry entry, long sent)
    {
        ArgumentNullException.ThrowIfNull(programme);
        ArgumentNullException.ThrowIfNull(entry);
        var assumes = entry.Assumptions;
        if (Count(sent & ~Bit(entry.Number)) < assumes.Days) return false;
        if (assumes.AfterPhase is { } phase)
        {
            foreach (var e in programme.Entries)
            {
                if (e.PhaseId == phase && e.Number != entry.Number && !WasSent(sent, e.Number)) return false;
            }
        }
        return true;
    }

    /// <summary>The entry to send now, or null when none is left (the programme is over).</summary>
    public static ProgrammeEntry? Choose(Programme programme, int nextEntry, long sent)
    {
        ArgumentNullException.ThrowIfNull(programme);
        var passedOver = sent;
        int? candidate = programme.Entry(nextEntry) is null ? LowestNotIn(programme, passedOver) : nextEntry;
        while (candidate is { } n)
        {
            var entry = programme.Entry(n)!;
            if (!WasSent(sent, n) && AssumptionsHold(programme, entry, sent)) return entry;
            passedOver |= Bit(n);
            candidate = After(programme, n, passedOver);
        }
        return null;
    }

    /// <summary>
    /// The position after they hear from their ex: the first "if you hear from them" entry, unless they are already
    /// there or past it. Entries already sent are passed over when it is chosen, so a second reach-out resumes the arc.
    /// </summary>
    public static int AfterContact(Programme programme, int nextEntry)
    {
        ArgumentNullException.ThrowIfNull(programme);
        return Math.Max(nextEntry, programme.FirstEntryOf(PhaseIds.IfHeReachesOut));
    }

    /// <summary>The position after <paramref name="sentEntry"/> went (with <paramref name="sent"/> already marking it), or null when every entry has gone.</summary>
    public static int? After(Programme programme, int sentEntry, long sent)
    {
        ArgumentNullException.ThrowIfNull(programme);
        if (programme.Entry(sentEntry) is { PhaseId: PhaseIds.IfHeReachesOut } &&
            programme.Entry(sentEntry + 1) is { PhaseId: PhaseIds.IfHeReachesOut } following &&
            !WasSent(sent, following.Number))
        {
            return following.Number;
        }
        return LowestNotIn(programme, sent);
    }

    private static int? LowestNotIn(Programme programme, long sent)
    {
        foreach (var e in programme.Entries)
        {
            if (!WasSent(sent, e.Number)) return e.Number;
        }
        return null;
    }
}
