using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Encourage.Scheduling;
using NodaTime;

namespace Encourage.Replies;

/// <summary>
/// The recent slips and good news kept on the profile (a small JSON column), so STATUS answers from one read, and the
/// rules for what a slip does to the counts: it keeps the programme day and the longest run, and only the days since
/// contact with the ex start again (slips that are not contact, like checking a profile, do not even do that).
/// </summary>
public static class ReplyHistory
{
    /// <summary>Kept this long, and at most this many, so the column stays small.</summary>
    public static readonly TimeSpan Keep = TimeSpan.FromDays(30);
    public const int MaxEntries = 100;
    public const string ProgressKind = "PROGRESS";

    public sealed record Entry([property: JsonPropertyName("u")] DateTimeOffset Utc, [property: JsonPropertyName("k")] string Kind);

    /// <summary>Slips that are contact with the ex; they restart the days since contact.</summary>
    public static bool IsContact(SlipKind kind) => kind is SlipKind.Texted or SlipKind.Called or SlipKind.ShowedUp or SlipKind.Replied or SlipKind.Slip;

    /// <summary>The entries on a profile: the JSON column, or the old "utc|kind" lines of a row written before it.</summary>
    public static IReadOnlyList<Entry> Read(Subscriber p)
    {
        if (!string.IsNullOrEmpty(p.RecentEventsJson))
        {
            try
            {
                return JsonSerializer.Deserialize<List<Entry>>(p.RecentEventsJson) ?? [];
            }
            catch (JsonException)
            {
                return [];
            }
        }

        var entries = new List<Entry>();
        foreach (var line in (p.RecentSlips ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('|');
            if (parts.Length == 2 && DateTimeOffset.TryParse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
            {
                entries.Add(new Entry(t, parts[1].ToUpperInvariant()));
            }
        }

        return entries;
    }

    /// <summary>The column with new entries added and old ones dropped.</summary>
    public static string With(Subscriber p, DateTimeOffset now, IEnumerable<string> kinds)
    {
        var kept = Read(p).Where(e => now - e.Utc < Keep).Concat(kinds.Select(k => new Entry(now, k))).TakeLast(MaxEntries).ToList();
        return JsonSerializer.Serialize(kept);
    }

    /// <summary>Slips in the last 7 days.</summary>
    public static int SlipsThisWeek(Subscriber p, DateTimeOffset now) =>
        Read(p).Count(e => now - e.Utc < TimeSpan.FromDays(7) && e.Kind != ProgressKind);

    /// <summary>Good news in the last 7 days.</summary>
    public static int WinsThisWeek(Subscriber p, DateTimeOffset now) =>
        Read(p).Count(e => now - e.Utc < TimeSpan.FromDays(7) && e.Kind == ProgressKind);

    /// <summary>The day of the programme, counted in local dates from confirmation (day 1 is that date); slips never change it.</summary>
    public static int ProgrammeDay(Subscriber p, DateTimeOffset now, DateTimeZone zone)
    {
        var since = p.ConfirmedUtc ?? p.CreatedUtc;
        return Math.Max(1, Period.Between(SendSchedule.LocalDateOf(since, zone), SendSchedule.LocalDateOf(now, zone), PeriodUnits.Days).Days + 1);
    }

    /// <summary>Whole local days since the last contact slip (or since the programme began).</summary>
    public static int DaysSinceContact(Subscriber p, DateTimeOffset now, DateTimeZone zone)
    {
        var since = p.LastSlipUtc ?? p.ConfirmedUtc ?? p.CreatedUtc;
        var days = Period.Between(SendSchedule.LocalDateOf(since, zone), SendSchedule.LocalDateOf(now, zone), PeriodUnits.Days).Days;
        return Math.Max(0, days);
    }
}
