using Encourage.Hosting;
using NodaTime;

namespace Encourage.Scheduling;

/// <summary>
/// The hours an SMS may go (<c>Encourage__QuietHoursStart</c>–<c>Encourage__QuietHoursEnd</c>), and the rule that moves a
/// preferred send time into them. Every scheduling step applies it to the stored time with the settings of the moment,
/// so a row written under other settings (or by an older version, or by hand) is moved in at its next step: no
/// migration, and no time that can starve.
/// </summary>
public readonly record struct SendWindow(LocalTime Start, LocalTime End)
{
    public static SendWindow From(EncourageOptions options) =>
        new(SendSchedule.ToLocalTime(options.QuietHoursStart), SendSchedule.ToLocalTime(options.QuietHoursEnd));

    /// <summary>The latest start a send may have (the window's end less the margin), never before the start.</summary>
    public LocalTime LatestStart
    {
        get
        {
            var latest = End.PlusMinutes(-(long)SendSchedule.LatestStartMargin.TotalMinutes);
            return latest < Start || latest > End ? Start : latest;
        }
    }

    /// <summary>The time that applies: on a 5-minute slot, the window's start when earlier, its latest start when later.</summary>
    public LocalTime Apply(LocalTime preferred) => SendSchedule.Normalize(preferred, Start, End);

    /// <summary>The time that applies to a stored send time ("HH:mm"; unreadable: 09:00, as sign-up's default).</summary>
    public LocalTime Apply(string? stored) => Apply(SendSchedule.TryParseTime(stored, out var t) ? t : new LocalTime(9, 0));

    public bool Allows(LocalTime local) => SendSchedule.InWindow(local, Start, End);

    /// <summary>What applying the window changed, in words for a person; null when the time stands as given.</summary>
    public string? Explain(LocalTime preferred)
    {
        var applied = Apply(preferred);
        if (applied == preferred) return null;
        var given = SendSchedule.Format(preferred);
        var goes = SendSchedule.Format(applied);
        var hours = $"{SendSchedule.Format(Start)}-{SendSchedule.Format(End)}";
        if (preferred < Start) return $"{given} is before quiet hours ({hours}); messages go at {goes}";
        if (applied < preferred) return $"{given} is too late for quiet hours ({hours}); messages go at {goes}";
        return $"{given} is not on a {SendSchedule.SlotMinutes}-minute slot; messages go at {goes}";
    }
}
