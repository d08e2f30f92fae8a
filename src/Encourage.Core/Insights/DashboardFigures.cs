using System.Globalization;
using System.Text.Json;
using Encourage.Arc;
using Encourage.Replies;

namespace Encourage.Insights;

/// <summary>
/// Everything the dashboard shows, for the days <see cref="From"/> to <see cref="To"/> (UTC dates, inclusive). Built
/// from counters and gauges only, so it costs a few rows per day however many people have signed up. The dashboard's
/// JSON and the CLI's <c>stats</c> print this record with <see cref="Json"/>, so the two can be compared.
/// </summary>
public sealed record DashboardFigures(
    DateOnly From,
    DateOnly To,
    int Days,
    IReadOnlyList<NamedCount> SubscribersByStatus,
    IReadOnlyList<NamedCount> SubscribersByPhase,
    IReadOnlyList<DayFigures> Daily,
    IReadOnlyList<NamedCount> SlipsByKind,
    IReadOnlyList<SlipDay> SlipsByProgrammeDay,
    UrgeFigures Urges,
    long PoisonQueueApproximateCount,
    long LateOrStuck = 0)
{
    /// <summary>The one serializer for these figures (camelCase), shared by the dashboard and the CLI.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Statuses in the order a subscriber moves through them.</summary>
    public static IReadOnlyList<string> Statuses { get; } = ["pending", "active", "paused", "graduated", "unsubscribed"];

    public static IReadOnlyList<string> SlipKinds { get; } = Enum.GetNames<SlipKind>();

    /// <summary>
    /// Shapes raw counters into figures. Pure, so it is tested without storage. Every day, status, phase and slip kind
    /// appears even when zero, so charts keep their axes and the JSON keeps its shape.
    /// </summary>
    public static DashboardFigures Build(DateOnly from, DateOnly to,
        IReadOnlyDictionary<(string Day, string Name), long> counters,
        IReadOnlyDictionary<string, long> gauges,
        long poisonCount,
        long lateOrStuck = 0)
    {
        long Count(string day, string name) => counters.GetValueOrDefault((day, name));

        var daily = new List<DayFigures>();
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            var day = Counters.Day(d);
            daily.Add(new DayFigures(d,
                SmsSent: Count(day, "sent|sms"),
                EmailSent: Count(day, "sent|email"),
                SmsFailed: Count(day, "failed|sms"),
                EmailFailed: Count(day, "failed|email"),
                Signups: Count(day, "signups"),
                Confirmations: Count(day, "confirmations"),
                OptOuts: Count(day, "optouts"),
                Graduations: Count(day, "graduations"),
                Urges: Count(day, "urges"),
                UrgesResisted: Count(day, "urges|resisted"),
                UrgesActed: Count(day, "urges|acted"),
                SafetyMatches: Count(day, "safety"),
                Progress: Count(day, "progress")));
        }

        var slipsByKind = SlipKinds
            .Select(kind => new NamedCount(kind, counters.Where(c => c.Key.Name == "slips|" + kind).Sum(c => c.Value)))
            .ToList();

        // "slipday|{Kind}|{programmeDay}", summed over the calendar days shown.
        var byDay = new SortedDictionary<int, Dictionary<string, long>>();
        foreach (var ((_, name), value) in counters)
        {
            var parts = name.Split('|');
            if (parts.Length != 3 || parts[0] != "slipday") continue;
            if (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var programmeDay)) continue;
            if (!byDay.TryGetValue(programmeDay, out var kinds)) byDay[programmeDay] = kinds = [];
            kinds[parts[1]] = kinds.GetValueOrDefault(parts[1]) + value;
        }
        var slipDays = byDay
            .Select(d => new SlipDay(d.Key, d.Value.Values.Sum(),
                SlipKinds.Concat(d.Value.Keys.Except(SlipKinds).Order(StringComparer.Ordinal))
                    .Select(k => new NamedCount(k, d.Value.GetValueOrDefault(k))).ToList()))
            .ToList();

        var urges = new UrgeFigures(
            Total: daily.Sum(d => d.Urges),
            Resisted: daily.Sum(d => d.UrgesResisted),
            Acted: daily.Sum(d => d.UrgesActed));

        return new DashboardFigures(from, to, to.DayNumber - from.DayNumber + 1,
            Levels(gauges, "status|", Statuses),
            Levels(gauges, "phase|", PhaseIds.InOrder),
            daily, slipsByKind, slipDays, urges, poisonCount, lateOrStuck);
    }

    /// <summary>Gauges with a prefix, in the given order first, then any others (a retired phase, say) by name.</summary>
    private static List<NamedCount> Levels(IReadOnlyDictionary<string, long> gauges, string prefix, IReadOnlyList<string> order)
    {
        var extra = gauges.Keys
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Select(k => k[prefix.Length..])
            .Except(order)
            .Order(StringComparer.Ordinal);
        return order.Concat(extra).Select(name => new NamedCount(name, gauges.GetValueOrDefault(prefix + name))).ToList();
    }
}

/// <summary>A label and its count.</summary>
public sealed record NamedCount(string Name, long Count);

/// <summary>One UTC day's events.</summary>
public sealed record DayFigures(
    DateOnly Day,
    long SmsSent,
    long EmailSent,
    long SmsFailed,
    long EmailFailed,
    long Signups,
    long Confirmations,
    long OptOuts,
    long Graduations,
    long Urges,
    long UrgesResisted,
    long UrgesActed,
    long SafetyMatches = 0,
    long Progress = 0);

/// <summary>Slips reported on one programme day (days since the person's programme began), by kind.</summary>
public sealed record SlipDay(int ProgrammeDay, long Total, IReadOnlyList<NamedCount> ByKind);

/// <summary>Urges texted in, and how the check-back went: held on, or acted on it.</summary>
public sealed record UrgeFigures(long Total, long Resisted, long Acted);
