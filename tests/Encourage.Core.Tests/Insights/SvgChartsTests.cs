using System.Xml.Linq;
using Encourage.Insights;
using Encourage.Web.Components;

namespace Encourage.Core.Tests.Insights;

public sealed class SvgChartsTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static Task<string> Bars(string id, string title, IReadOnlyList<NamedCount> items) =>
        Charts.RenderAsync<BarChart>(new() { ["Id"] = id, ["Title"] = title, ["Items"] = items });

    /// <summary>The chart's svg element alone (the component also writes the legend after it).</summary>
    private static async Task<string> Lines(string id, string title, IReadOnlyList<string> days, IReadOnlyList<ChartSeries> series)
    {
        var html = await LinesAndLegend(id, title, days, series);
        return html[..(html.IndexOf("</svg>", StringComparison.Ordinal) + "</svg>".Length)].Trim();
    }

    private static Task<string> LinesAndLegend(string id, string title, IReadOnlyList<string> days, IReadOnlyList<ChartSeries> series) =>
        Charts.RenderAsync<LineChart>(new() { ["Id"] = id, ["Title"] = title, ["Days"] = days, ["Series"] = series });

    [Fact]
    public async Task A_bar_chart_has_one_bar_per_kind_with_its_count()
    {
        var kinds = DashboardFigures.SlipKindNames.Select((k, i) => new NamedCount(k, i)).ToList();

        var svg = XElement.Parse(await Bars("chart-slips", "Slips by kind", kinds));

        var bars = svg.Elements(Svg + "g").Where(g => (string?)g.Attribute("class") == "bar").ToList();
        Assert.Equal(8, bars.Count);
        Assert.Equal(DashboardFigures.SlipKindNames, bars.Select(b => (string)b.Attribute("data-label")!));
        Assert.Equal(Enumerable.Range(0, 8).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), bars.Select(b => (string)b.Attribute("data-value")!));
        Assert.All(bars, b => Assert.Single(b.Elements(Svg + "rect")));
    }

    [Fact]
    public async Task Longer_bars_mean_bigger_counts()
    {
        var svg = XElement.Parse(await Bars("c", "Counts", [new("a", 1), new("b", 4), new("c", 0)]));

        var widths = svg.Descendants(Svg + "rect").Select(r => double.Parse((string)r.Attribute("width")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(widths[1] > widths[0]);
        Assert.Equal(0, widths[2]);
    }

    [Fact]
    public async Task Every_chart_is_a_named_image_with_a_title()
    {
        foreach (var markup in new[]
        {
            await Bars("a", "Subscribers by status", [new("active", 3)]),
            await Lines("b", "Messages per day", ["1 Mar", "2 Mar"], [new("Texts sent", [1, 2])]),
        })
        {
            var svg = XElement.Parse(markup);
            Assert.Equal("img", (string?)svg.Attribute("role"));
            Assert.False(string.IsNullOrWhiteSpace((string?)svg.Attribute("aria-label")));
            Assert.Equal((string?)svg.Attribute("aria-label"), svg.Element(Svg + "title")?.Value);
        }
    }

    [Fact]
    public async Task Labels_and_titles_are_encoded()
    {
        const string hostile = "<script>alert(\"x\")</script>&";

        var bars = await Bars("c", hostile, [new(hostile, 1)]);
        var lines = await LinesAndLegend("d", hostile, [hostile, hostile], [new(hostile, [1, 0])]);

        foreach (var markup in new[] { bars, lines })
        {
            Assert.DoesNotContain("<script", markup, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("&lt;script&gt;", markup, StringComparison.Ordinal);
        }
        // Still well-formed, and the text reads back exactly as given.
        Assert.Equal(hostile, XElement.Parse(bars).Element(Svg + "title")!.Value);
        Assert.Contains("&lt;script&gt;", lines[lines.IndexOf("<ul class=\"legend\"", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_line_chart_draws_one_line_per_series_with_a_point_per_day()
    {
        var days = Enumerable.Range(1, 30).Select(d => $"{d} Mar").ToList();
        var svg = XElement.Parse(await Lines("m", "Messages", days,
            [new("Texts sent", Enumerable.Range(1, 30).Select(i => (long)i).ToList()), new("Texts failed", new long[30])]));

        var lines = svg.Descendants(Svg + "polyline").ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Equal(30, ((string)l.Attribute("points")!).Split(' ').Length));
        // A few x labels, however many days.
        Assert.InRange(svg.Descendants(Svg + "text").Count(t => ((string)t).EndsWith(" Mar", StringComparison.Ordinal)), 3, 6);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 5)]
    [InlineData(7, 10)]
    [InlineData(11, 20)]
    [InlineData(200, 200)]
    [InlineData(201, 500)]
    public void The_axis_tops_out_at_a_round_number(long value, long top) => Assert.Equal(top, SvgCharts.NiceMax(value));
}
