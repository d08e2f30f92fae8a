using System.Globalization;
using System.Text;
using Encourage.Web.Pages;

namespace Encourage.Insights;

/// <summary>
/// The dashboard as one HTML page: the shared stylesheet plus a few rules for charts and tables, every chart an
/// inline SVG with a table of the same numbers under it. No script and nothing from another host.
/// </summary>
public static class DashboardPage
{
    private const string ExtraStyles = """
        main.wide{max-width:60rem}
        .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.75rem;margin:0 0 1.5rem;padding:0;list-style:none}
        .cards li{background:var(--card);border:1px solid var(--border);border-radius:.5rem;padding:.75rem}
        .cards .figure{display:block;font-size:1.5rem;font-weight:700}
        .cards .what{display:block;color:var(--muted);font-size:.9375rem}
        .cards li.alert{border:3px solid var(--error)}
        section{background:var(--card);border:1px solid var(--border);border-radius:.5rem;padding:1rem;margin:0 0 1.25rem}
        .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:0 1.25rem;align-items:start}
        svg.chart{display:block;width:100%;height:auto;max-width:26rem;font-family:inherit;font-size:15px}
        .chart .axis-label,.chart .value{fill:var(--text)}
        .chart .grid line{stroke:var(--border);stroke-width:1;opacity:.5}
        .chart rect.s0{fill:var(--accent)}
        .chart .series polyline,.swatch line{stroke-width:2.5;fill:none}
        .s0 polyline,.s0 line{stroke:var(--accent)} .s0 circle{fill:var(--accent)}
        .s1 polyline,.s1 line{stroke:var(--focus);stroke-dasharray:7 4} .s1 circle{fill:var(--focus)}
        .s2 polyline,.s2 line{stroke:#2f7a4a;stroke-dasharray:2 4} .s2 circle{fill:#2f7a4a}
        .s3 polyline,.s3 line{stroke:#7a4fb0;stroke-dasharray:10 3 2 3} .s3 circle{fill:#7a4fb0}
        @media (prefers-color-scheme:dark){.s2 polyline,.s2 line{stroke:#7fd49b}.s2 circle{fill:#7fd49b}.s3 polyline,.s3 line{stroke:#c3a5ef}.s3 circle{fill:#c3a5ef}}
        .legend{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:.5rem 0;padding:0;font-size:.9375rem}
        .legend li{display:flex;align-items:center;gap:.375rem}
        .swatch{width:1.75rem;height:.5rem}
        details{margin:.5rem 0 0}
        summary{cursor:pointer;color:var(--link);font-weight:600;min-height:2.75rem;display:flex;align-items:center}
        .table-wrap{overflow-x:auto}
        table{border-collapse:collapse;font-size:.9375rem;margin:.25rem 0}
        caption{text-align:left;font-weight:600;padding:0 0 .25rem}
        th,td{padding:.25rem .625rem;border-bottom:1px solid var(--border);text-align:right;white-space:nowrap}
        th:first-child,td:first-child{text-align:left}
        nav.ranges{display:flex;flex-wrap:wrap;gap:.5rem 1rem;margin:0 0 1.25rem}
        """;

    public static string Render(DashboardFigures f)
    {
        var body = new StringBuilder(64 * 1024);
        body.Append("<h1><span class=\"brand\">Encourage</span> Dashboard</h1>\n")
            .Append("<p class=\"lead\">The last ").Append(N(f.Days)).Append(f.Days == 1 ? " day" : " days").Append(": ")
            .Append(Date(f.From)).Append(" to ").Append(Date(f.To)).Append(" (UTC).</p>\n")
            .Append("<nav class=\"ranges\" aria-label=\"Other ranges\">")
            .Append("<a href=\"?days=7\">7 days</a><a href=\"?days=30\">30 days</a><a href=\"?days=90\">90 days</a>")
            .Append("<a href=\"?days=").Append(N(f.Days)).Append("&amp;to=").Append(Counters.Day(f.To)).Append("&amp;format=json\">As JSON</a></nav>\n");

        AppendCards(body, f);

        var days = f.Daily.Select(d => ShortDate(d.Day)).ToList();

        body.Append("<div class=\"charts\">\n");
        Section(body, "status", "Subscribers by status", SvgCharts.Bars("chart-status", "Subscribers by status", f.SubscribersByStatus),
            Table("Subscribers by status", ["Status", "People"], f.SubscribersByStatus.Select(c => Row(c.Name, c.Count))));
        Section(body, "phase", "Receiving, by phase", SvgCharts.Bars("chart-phase", "Active and paused subscribers by phase", f.SubscribersByPhase),
            Table("Active and paused subscribers by phase", ["Phase", "People"], f.SubscribersByPhase.Select(c => Row(c.Name, c.Count))));
        body.Append("</div>\n");

        var messageSeries = new List<ChartSeries>
        {
            new("Texts sent", f.Daily.Select(d => d.SmsSent).ToList()),
            new("Emails sent", f.Daily.Select(d => d.EmailSent).ToList()),
            new("Texts failed", f.Daily.Select(d => d.SmsFailed).ToList()),
            new("Emails failed", f.Daily.Select(d => d.EmailFailed).ToList()),
        };
        Section(body, "messages", "Messages sent per day",
            SvgCharts.Lines("chart-messages", "Messages sent and failed per day", days, messageSeries) + SvgCharts.Legend(messageSeries),
            Table("Messages sent and failed per day", ["Day", "Texts sent", "Emails sent", "Texts failed", "Emails failed"],
                f.Daily.Select(d => Row(Counters.Day(d.Day), d.SmsSent, d.EmailSent, d.SmsFailed, d.EmailFailed))));

        body.Append("<div class=\"charts\">\n");
        Section(body, "slips", "Slips by kind", SvgCharts.Bars("chart-slips", "Slips by kind", f.SlipsByKind),
            Table("Slips by kind", ["Kind", "Slips"], f.SlipsByKind.Select(c => Row(c.Name, c.Count))), open: true);
        var held = new List<NamedCount>
        {
            new("Held on", f.Urges.Resisted),
            new("Acted on it", f.Urges.Acted),
            new("No answer yet", Math.Max(0, f.Urges.Total - f.Urges.Resisted - f.Urges.Acted)),
        };
        Section(body, "urges", "Urges: held on or acted", SvgCharts.Bars("chart-urges", "Urges: held on or acted on", held),
            Table("Urges texted in, by outcome", ["Outcome", "Urges"], held.Select(c => Row(c.Name, c.Count))));
        body.Append("</div>\n");

        var programmeDays = f.SlipsByProgrammeDay.Select(d => new NamedCount("Day " + N(d.ProgrammeDay), d.Total)).ToList();
        var kinds = DashboardFigures.SlipKinds;
        Section(body, "slip-days", "Slips by programme day",
            SvgCharts.Bars("chart-slip-days", "Slips by day of the programme", programmeDays),
            Table("Slips by day of the programme, by kind", ["Programme day", "All", .. kinds],
                f.SlipsByProgrammeDay.Select(d => Row(N(d.ProgrammeDay), [d.Total, .. kinds.Select(k => d.ByKind.FirstOrDefault(c => c.Name == k)?.Count ?? 0)]))));

        var lifeSeries = new List<ChartSeries>
        {
            new("Opt-outs", f.Daily.Select(d => d.OptOuts).ToList()),
            new("Graduations", f.Daily.Select(d => d.Graduations).ToList()),
        };
        Section(body, "lifecycle", "Opt-outs and graduations per day",
            SvgCharts.Lines("chart-lifecycle", "Opt-outs and graduations per day", days, lifeSeries) + SvgCharts.Legend(lifeSeries),
            Table("Sign-ups, confirmations, opt-outs and graduations per day", ["Day", "Sign-ups", "Confirmed", "Opt-outs", "Graduations"],
                f.Daily.Select(d => Row(Counters.Day(d.Day), d.Signups, d.Confirmations, d.OptOuts, d.Graduations))));

        var safety = new List<ChartSeries> { new("Safety matches", f.Daily.Select(d => d.SafetyMatches).ToList()) };
        Section(body, "safety", "Safety matches per day", SvgCharts.Lines("chart-safety", "Texts that matched the safety words, per day", days, safety),
            Table("Texts that matched the safety words, per day", ["Day", "Safety matches"], f.Daily.Select(d => Row(Counters.Day(d.Day), d.SafetyMatches))));

        return Document("Dashboard", body.ToString());
    }

    private static void AppendCards(StringBuilder body, DashboardFigures f)
    {
        long Status(string s) => f.SubscribersByStatus.FirstOrDefault(c => c.Name == s)?.Count ?? 0;
        var cards = new List<(long Figure, string What, bool Alert)>
        {
            (Status("active"), "receiving messages", false),
            (Status("pending"), "waiting to confirm", false),
            (f.Daily.Sum(d => d.SmsSent), "texts sent", false),
            (f.Daily.Sum(d => d.EmailSent), "emails sent", false),
            (f.Daily.Sum(d => d.SmsFailed + d.EmailFailed), "failed to deliver", false),
            (f.SlipsByKind.Sum(c => c.Count), "slips shared", false),
            (f.Urges.Resisted, "urges held", false),
            (f.PoisonQueueApproximateCount, "send jobs stuck (poison queue)", f.PoisonQueueApproximateCount > 0),
            (f.LateOrStuck, "subscribers late or stuck", false),
        };
        body.Append("<ul class=\"cards\" aria-label=\"Totals\">\n");
        foreach (var (figure, what, alert) in cards)
        {
            body.Append(alert ? "<li class=\"alert\" id=\"poison\">" : "<li>")
                .Append("<span class=\"figure\">").Append(N(figure)).Append("</span><span class=\"what\">").Append(Encode(what)).Append("</span>");
            if (alert) body.Append("<span class=\"what\">Run <code>encourage poison list</code> to see why.</span>");
            body.Append("</li>\n");
        }
        body.Append("</ul>\n");
    }

    private static void Section(StringBuilder body, string id, string heading, string chart, string table, bool open = false)
    {
        body.Append("<section aria-labelledby=\"h-").Append(id).Append("\" id=\"").Append(id).Append("\">\n<h2 id=\"h-").Append(id).Append("\">")
            .Append(Encode(heading)).Append("</h2>\n")
            .Append(chart)
            .Append(open ? "<details open>" : "<details>").Append("<summary>Show as a table</summary>\n<div class=\"table-wrap\">")
            .Append(table).Append("</div></details>\n</section>\n");
    }

    /// <summary>A data table: the first column is the row's header. Every cell is encoded.</summary>
    public static string Table(string caption, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var html = new StringBuilder("<table>\n<caption>").Append(Encode(caption)).Append("</caption>\n<thead><tr>");
        foreach (var h in headers) html.Append("<th scope=\"col\">").Append(Encode(h)).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        var any = false;
        foreach (var row in rows)
        {
            any = true;
            html.Append("<tr><th scope=\"row\">").Append(Encode(row[0])).Append("</th>");
            foreach (var cell in row.Skip(1)) html.Append("<td>").Append(Encode(cell)).Append("</td>");
            html.Append("</tr>\n");
        }
        if (!any) html.Append("<tr><td colspan=\"").Append(N(headers.Count)).Append("\">Nothing yet.</td></tr>\n");
        return html.Append("</tbody>\n</table>\n").ToString();
    }

    /// <summary>The dashboard's one inline stylesheet, as a CSP source expression (the shared policy allows it).</summary>
    internal static string StylesheetHash => PageLayout.CspHash(PageLayout.Stylesheet + ExtraStyles);

    private static IReadOnlyList<string> Row(string label, params long[] values) => [label, .. values.Select(N)];

    private static string Document(string title, string body) =>
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n" +
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n" +
        "<meta name=\"robots\" content=\"noindex, nofollow\">\n<meta name=\"referrer\" content=\"no-referrer\">\n" +
        "<meta name=\"color-scheme\" content=\"light dark\">\n" +
        "<title>" + Encode(title) + " – Encourage</title>\n" +
        "<style>" + PageLayout.Stylesheet + ExtraStyles + "</style>\n</head>\n<body>\n<main id=\"main\" class=\"wide\">\n" +
        body + "</main>\n</body>\n</html>\n";

    private static string Date(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    private static string ShortDate(DateOnly day) => day.ToString("d MMM", CultureInfo.InvariantCulture);

    private static string Encode(string value) => PageLayout.Encode(value);

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
