using System.Globalization;

namespace Encourage.Insights;

/// <summary>One line of a line chart.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<long> Values);

/// <summary>One bar: its name and count, where it sits, and how long it is (view-box units, formatted).</summary>
public sealed record BarShape(string Name, long Count, string ShortName, string Y, string TextY, string Length, string ValueX);

/// <summary>A bar chart's height and bars.</summary>
public sealed record BarLayout(int Height, IReadOnlyList<BarShape> Bars);

/// <summary>A horizontal grid line with its value, an x-axis label, a series' line and its dots.</summary>
public sealed record GridLine(string Y, string LabelY, long Value);

public sealed record XLabel(string X, string Anchor, string Text);

public sealed record Dot(string X, string Y, string Title);

public sealed record SeriesShape(string Name, string Style, string Points, IReadOnlyList<Dot> Dots);

/// <summary>A line chart's height, grid, x labels and series.</summary>
public sealed record LineLayout(int Height, IReadOnlyList<GridLine> Grid, IReadOnlyList<XLabel> XLabels, IReadOnlyList<SeriesShape> Series);

/// <summary>
/// The geometry of the dashboard's small charts, drawn on the server as inline SVG by <c>BarChart.razor</c> and
/// <c>LineChart.razor</c>: nothing to download, nothing run in the browser, the same picture in every browser. Pure
/// functions from numbers to coordinates, so the arithmetic is tested apart from the markup.
/// </summary>
public static class SvgCharts
{
    // A narrow view box, so text stays legible when a phone scales the chart down to its width.
    public const int Width = 360;
    public const int BarThickness = 18;
    public const int LabelWidth = 150;
    private const int BarRow = 28;
    private const int ValueWidth = 40;

    /// <summary>Lines differ by colour and dash pattern (CSS classes s0..s3), so colour is never the only cue.</summary>
    public const int SeriesStyles = 4;

    public const int LineLeft = 40;
    public const int LineRight = 12;

    /// <summary>Horizontal bars, one per item, scaled to the largest.</summary>
    public static BarLayout Bars(IReadOnlyList<NamedCount> bars)
    {
        var height = Math.Max(1, bars.Count) * BarRow + 8;
        var max = Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => b.Count));
        var span = Width - LabelWidth - ValueWidth;
        var shapes = bars.Select((bar, i) =>
        {
            var y = 4 + i * BarRow;
            var length = bar.Count <= 0 ? 0 : Math.Max(2, (double)bar.Count / max * span);
            return new BarShape(bar.Name, bar.Count, Shorten(bar.Name, 18), N(y), N(y + BarThickness - 5), N(length), N(LabelWidth + length + 6));
        }).ToList();
        return new BarLayout(height, shapes);
    }

    /// <summary>Lines over evenly spaced x labels (days), with a zero line, a middle and a top line, and a few x labels.</summary>
    public static LineLayout Lines(IReadOnlyList<string> xLabels, IReadOnlyList<ChartSeries> series)
    {
        const int height = 220, top = 12, bottom = 40;
        var plotWidth = Width - LineLeft - LineRight;
        var plotHeight = height - top - bottom;
        var max = NiceMax(series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max());
        var n = xLabels.Count;
        double X(int i) => LineLeft + (n <= 1 ? plotWidth / 2.0 : (double)i / (n - 1) * plotWidth);
        double Y(long v) => top + plotHeight - (double)Math.Max(0, v) / max * plotHeight;

        var grid = new[] { 0, max / 2, max }.Distinct().Select(v => new GridLine(N(Y(v)), N(Y(v) + 4), v)).ToList();

        // Four or five x labels whatever the range, so they never collide on a phone.
        var labels = new List<XLabel>();
        var step = Math.Max(1, (int)Math.Ceiling(n / 4.0));
        for (var i = 0; i < n; i += step)
        {
            // The first and last labels hang inwards so they are not cut off at the edges.
            var anchor = X(i) < LineLeft + 24 ? "start" : X(i) > Width - LineRight - 24 ? "end" : "middle";
            labels.Add(new XLabel(N(X(i)), anchor, xLabels[i]));
        }

        var shapes = series.Select((s, index) =>
        {
            var count = Math.Min(n, s.Values.Count);
            var points = string.Join(' ', Enumerable.Range(0, count).Select(i => N(X(i)) + "," + N(Y(s.Values[i]))));
            var dots = Enumerable.Range(0, count).Where(i => s.Values[i] != 0)
                .Select(i => new Dot(N(X(i)), N(Y(s.Values[i])), $"{s.Name}, {xLabels[i]}: {N(s.Values[i])}"))
                .ToList();
            return new SeriesShape(s.Name, "s" + N(index % SeriesStyles), points, dots);
        }).ToList();
        return new LineLayout(height, grid, labels, shapes);
    }

    /// <summary>The smallest of 1, 2, 5 × 10ⁿ at or above the value, so the axis reads in round numbers.</summary>
    public static long NiceMax(long value)
    {
        if (value <= 1) return 1;
        long magnitude = 1;
        while (magnitude * 10 < value) magnitude *= 10;
        foreach (var m in new long[] { 1, 2, 5, 10 })
        {
            if (m * magnitude >= value) return m * magnitude;
        }
        return 10 * magnitude;
    }

    public static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
