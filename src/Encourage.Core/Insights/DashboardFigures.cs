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
    public static IReadOnlyList<string> Statuses { get; } =
        [.. Enum.GetValues<Subscriptions.SubscriberStatus>().Select(s => CounterNames.Status(s)[CounterNames.StatusPrefix.Length..])];

    public static IReadOnlyList<SlipKind> SlipKinds { get; } = Enum.GetValues<SlipKind>();

    public static IReadOnlyList<string> SlipKindNames { get; } = [.. SlipKinds.Select(k => k.ToString())];

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
                SmsSent: Count(day, CounterNames.Sent(Channels.Sms)),
                EmailSent: Count(day, CounterNames.Sent(Channels.Email)),
                SmsFailed: Count(day, CounterNames.Failed(Channels.Sms)),
                EmailFailed: Count(day, CounterNames.Failed(Channels.Email)),
                Signups: Count(day, CounterNames.Signups),
                Confirmations: Count(day, CounterNames.Confirmations),
                OptOuts: Count(day, CounterNames.OptOuts),
                Graduations: Count(day, CounterNames.Graduations),
                Urges: Count(day, CounterNames.Urges),
                UrgesResisted: Count(day, CounterNames.UrgesResisted),
                UrgesActed: Count(day, CounterNames.UrgesActed),
                SafetyMatches: Count(day, CounterNames.Safety),
                Progress: Count(day, CounterNames.Progress)));
        }

        var slipsByKind = SlipKinds
            .Select(kind => new NamedCount(kind.ToString(), counters.Where(c => c.Key.Name == CounterNames.Slips(kind)).Sum(c => c.Value)))
            .ToList();

        // "slipday|{Kind}|{programmeDay}", summed over the calendar days shown.
        var byDay = new SortedDictionary<int, Dictionary<string, long>>();
        foreach (var ((_, name), value) in counters)
        {
            if (!CounterNames.TryReadSlipDay(name, out var kind, out var programmeDay)) continue;
            if (!byDay.TryGetValue(programmeDay, out var kinds)) byDay[programmeDay] = kinds = [];
            kinds[kind] = kinds.GetValueOrDefault(kind) + value;
        }
        var slipDays = byDay
            .Select(d => new SlipDay(d.Key, d.Value.Values.Sum(),
                SlipKindNames.Concat(d.Value.Keys.Except(SlipKindNames).Order(StringComparer.Ordinal))
                    .Select(k => new NamedCount(k, d.Value.GetValueOrDefault(k))).ToList()))
            .ToList();

        var urges = new UrgeFigures(
            Total: daily.Sum(d => d.Urges),
            Resisted: daily.Sum(d => d.UrgesResisted),
            Acted: daily.Sum(d => d.UrgesActed));

        return new DashboardFigures(from, to, to.DayNumber - from.DayNumber + 1,
            Levels(gauges, CounterNames.StatusPrefix, Statuses),
            Levels(gauges, CounterNames.PhasePrefix, PhaseIds.InOrder),
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
