using System.Globalization;

namespace Encourage.Insights;

/// <summary>A table's caption, column headers and rows (the first cell of each row is its header).</summary>
public sealed record TableData(string Caption, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>One total at the top of the dashboard. <paramref name="Alert"/> outlines it, and <paramref name="Note"/> says what to do.</summary>
public sealed record DashboardCard(long Figure, string What, bool Alert = false, string? Id = null, string? Note = null);

/// <summary>
/// What <c>DashboardPage.razor</c> shows, shaped from <see cref="DashboardFigures"/>: the totals as a list of cards (add
/// a figure with one line) and the rows of each table. Pure, so it is tested without rendering.
/// </summary>
public static class DashboardView
{
    public static IReadOnlyList<DashboardCard> Cards(DashboardFigures f)
    {
        long Status(string s) => f.SubscribersByStatus.FirstOrDefault(c => c.Name == s)?.Count ?? 0;
        return
        [
            new(Status("active"), "receiving messages"),
            new(Status("pending"), "waiting to confirm"),
            new(f.Daily.Sum(d => d.SmsSent), "texts sent"),
            new(f.Daily.Sum(d => d.EmailSent), "emails sent"),
            new(f.Daily.Sum(d => d.SmsFailed + d.EmailFailed), "failed to deliver"),
            new(f.SlipsByKind.Sum(c => c.Count), "slips shared"),
            new(f.Urges.Resisted, "urges held"),
            new(f.Daily.Sum(d => d.Progress), "good news shared (PROGRESS)"),
            new(f.PoisonQueueApproximateCount, "send jobs stuck (poison queue)", f.PoisonQueueApproximateCount > 0, "poison",
                f.PoisonQueueApproximateCount > 0 ? "Run encourage poison list to see why." : null),
            new(f.LateOrStuck, "subscribers late or stuck", f.LateOrStuck > 0),
        ];
    }

    public static IReadOnlyList<NamedCount> UrgeOutcomes(DashboardFigures f) =>
    [
        new("Held on", f.Urges.Resisted),
        new("Acted on it", f.Urges.Acted),
        new("No answer yet", Math.Max(0, f.Urges.Total - f.Urges.Resisted - f.Urges.Acted)),
    ];

    public static TableData Counts(string caption, string nameHeader, string countHeader, IEnumerable<NamedCount> counts) =>
        new(caption, [nameHeader, countHeader], counts.Select(c => Row(c.Name, c.Count)).ToList());

    public static IReadOnlyList<string> Row(string label, params long[] values) => [label, .. values.Select(N)];

    public static string Date(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string ShortDate(DateOnly day) => day.ToString("d MMM", CultureInfo.InvariantCulture);

    public static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
