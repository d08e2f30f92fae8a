using NodaTime;
using NodaTime.TimeZones;

namespace Encourage.Scheduling;

/// <summary>
/// Time rules for sends. Every instant is computed from a local date and the local send time, never by adding
/// 24 hours to the last instant, so a 09:00 subscriber stays at 09:00 on both sides of a DST change.
/// </summary>
public static class SendSchedule
{
    /// <summary>Send times are kept on the due index's 5-minute slots.</summary>
    public const int SlotMinutes = 5;

    /// <summary>Latest preferred time is this long before quiet hours begin, so a late tick still lands inside.</summary>
    public static readonly Duration LatestStartMargin = Duration.FromMinutes(30);

    // A time in a skipped hour goes at the first valid instant after the gap; a repeated hour uses its first occurrence.
    private static readonly ZoneLocalMappingResolver Resolver =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    public static bool TryGetZone(string? id, out DateTimeZone zone)
    {
        zone = DateTimeZone.Utc;
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64) return false;
        var found = DateTimeZoneProviders.Tzdb.GetZoneOrNull(id.Trim());
        if (found is null) return false;
        zone = found;
        return true;
    }

    public static DateTimeZone Zone(string id) =>
        TryGetZone(id, out var zone) ? zone : throw new ArgumentException($"Unknown time zone '{id}'.", nameof(id));

    /// <summary>The instant of a local date and time in a zone (skipped: first valid after; repeated: once, the first).</summary>
    public static Instant At(LocalDate date, LocalTime time, DateTimeZone zone) =>
        date.At(time).InZone(zone, Resolver).ToInstant();

    public static DateTimeOffset ToDateTimeOffset(Instant instant) => instant.ToDateTimeOffset();

    public static Instant ToInstant(DateTimeOffset value) => Instant.FromDateTimeOffset(value);

    public static LocalDate LocalDateOf(DateTimeOffset utc, DateTimeZone zone) => ToInstant(utc).InZone(zone).Date;

    public static LocalDateTime LocalOf(DateTimeOffset utc, DateTimeZone zone) => ToInstant(utc).InZone(zone).LocalDateTime;

    /// <summary>Moves a preferred time into the allowed window and onto a 5-minute slot.</summary>
    public static LocalTime Normalize(LocalTime preferred, LocalTime windowStart, LocalTime windowEnd)
    {
        var minutes = preferred.Hour * 60 + preferred.Minute;
        minutes = (minutes + SlotMinutes - 1) / SlotMinutes * SlotMinutes;
        var rounded = minutes >= 24 * 60 ? new LocalTime(23, 55) : new LocalTime(minutes / 60, minutes % 60);
        var latest = windowEnd.PlusMinutes(-(long)LatestStartMargin.TotalMinutes);
        if (rounded < windowStart) return windowStart;
        if (rounded > latest) return latest < windowStart ? windowStart : latest;
        return rounded;
    }

    /// <summary>Whether an SMS may go at this local time.</summary>
    public static bool InWindow(LocalTime local, LocalTime windowStart, LocalTime windowEnd) =>
        local >= windowStart && local < windowEnd;

    /// <summary>Day 1: on the start date if its send time is still ahead at confirmation, else the next day.</summary>
    public static Instant FirstDue(Instant confirmedAt, LocalDate? startDate, LocalTime sendTime, DateTimeZone zone)
    {
        var today = confirmedAt.InZone(zone).Date;
        var date = startDate is { } s && s > today ? s : today;
        var candidate = At(date, sendTime, zone);
        return candidate > confirmedAt ? candidate : At(date.PlusDays(1), sendTime, zone);
    }

    /// <summary>The next message after one sent on <paramref name="sentOn"/>, <paramref name="daysAfter"/> local dates later.</summary>
    public static Instant NextDue(LocalDate sentOn, int daysAfter, LocalTime sendTime, DateTimeZone zone) =>
        At(sentOn.PlusDays(Math.Max(1, daysAfter)), sendTime, zone);

    /// <summary>The first occurrence of the send time strictly after <paramref name="now"/>.</summary>
    public static Instant NextOccurrence(Instant now, LocalTime sendTime, DateTimeZone zone)
    {
        var today = now.InZone(zone).Date;
        var candidate = At(today, sendTime, zone);
        return candidate > now ? candidate : At(today.PlusDays(1), sendTime, zone);
    }

    public static bool TryParseTime(string? text, out LocalTime time)
    {
        time = default;
        if (string.IsNullOrWhiteSpace(text) || !TimeOnly.TryParseExact(text.Trim(), ["HH:mm", "H:mm"], out var t)) return false;
        time = new LocalTime(t.Hour, t.Minute);
        return true;
    }

    public static bool TryParseDate(string? text, out LocalDate date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text) || !DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", out var d)) return false;
        date = new LocalDate(d.Year, d.Month, d.Day);
        return true;
    }

    public static string Format(LocalTime time) => time.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static string Format(LocalDate date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static LocalTime ToLocalTime(TimeOnly t) => new(t.Hour, t.Minute);
}
