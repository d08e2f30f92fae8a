using System.Globalization;
using System.Net;
using System.Text;

namespace Encourage.Insights;

/// <summary>One line of a line chart.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<long> Values);

/// <summary>
/// Small charts drawn on the server as inline SVG: nothing to download, nothing run in the browser, and the same
/// picture in every browser. Each chart is an image with a title and an accessible name; the page puts a table with
/// the same numbers beside it for anyone who cannot see it. Colours come from CSS classes so dark mode restyles them,
/// and lines also differ by dash pattern so colour is never the only cue.
/// </summary>
public static class SvgCharts
{
    // A narrow view box, so text stays legible when a phone scales the chart down to its width.
    private const int Width = 360;
    private const int BarRow = 28;
    private const int BarThickness = 18;
    private const int LabelWidth = 150;
    private const int ValueWidth = 40;

    public const int SeriesStyles = 4;

    /// <summary>Horizontal bars, one per item, each labelled with its name and count.</summary>
    public static string Bars(string id, string title, IReadOnlyList<NamedCount> bars)
    {
        var height = Math.Max(1, bars.Count) * BarRow + 8;
        var max = Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => b.Count));
        var span = Width - LabelWidth - ValueWidth;
        var svg = Open(id, title, height);
        for (var i = 0; i < bars.Count; i++)
        {
            var (name, count) = (bars[i].Name, bars[i].Count);
            var y = 4 + i * BarRow;
            var length = count <= 0 ? 0 : Math.Max(2, (double)count / max * span);
            svg.Append("<g class=\"bar\" data-label=\"").Append(Encode(name)).Append("\" data-value=\"").Append(N(count)).Append("\">")
                .Append("<title>").Append(Encode(name)).Append(": ").Append(N(count)).Append("</title>")
                .Append("<text class=\"axis-label\" x=\"").Append(N(LabelWidth - 8)).Append("\" y=\"").Append(N(y + BarThickness - 5))
                .Append("\" text-anchor=\"end\">").Append(Encode(Shorten(name, 18))).Append("</text>")
                .Append("<rect class=\"s0\" x=\"").Append(N(LabelWidth)).Append("\" y=\"").Append(N(y))
                .Append("\" width=\"").Append(N(length)).Append("\" height=\"").Append(N(BarThickness)).Append("\" rx=\"3\"/>")
                .Append("<text class=\"value\" x=\"").Append(N(LabelWidth + length + 6)).Append("\" y=\"").Append(N(y + BarThickness - 5)).Append("\">")
                .Append(N(count)).Append("</text></g>\n");
        }
        if (bars.Count == 0)
        {
            svg.Append("<text class=\"axis-label\" x=\"8\" y=\"20\">Nothing yet</text>\n");
        }
        return svg.Append("</svg>\n").ToString();
    }

    /// <summary>Lines over evenly spaced x labels (days), with a zero line, a top line and a few x labels.</summary>
    public static string Lines(string id, string title, IReadOnlyList<string> xLabels, IReadOnlyList<ChartSeries> series)
    {
        const int height = 220, left = 40, right = 12, top = 12, bottom = 40;
        var plotWidth = Width - left - right;
        var plotHeight = height - top - bottom;
        var max = NiceMax(series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max());
        var n = xLabels.Count;
        double X(int i) => left + (n <= 1 ? plotWidth / 2.0 : (double)i / (n - 1) * plotWidth);
        double Y(long v) => top + plotHeight - (double)Math.Max(0, v) / max * plotHeight;

        var svg = Open(id, title, height);
        svg.Append("<g class=\"grid\">");
        foreach (var v in new[] { 0, max / 2, max }.Distinct())
        {
            svg.Append("<line x1=\"").Append(N(left)).Append("\" x2=\"").Append(N(Width - right)).Append("\" y1=\"").Append(N(Y(v)))
                .Append("\" y2=\"").Append(N(Y(v))).Append("\"/>")
                .Append("<text class=\"axis-label\" x=\"").Append(N(left - 6)).Append("\" y=\"").Append(N(Y(v) + 4))
                .Append("\" text-anchor=\"end\">").Append(N(v)).Append("</text>");
        }
        // Four or five x labels whatever the range, so they never collide on a phone.
        var step = Math.Max(1, (int)Math.Ceiling(n / 4.0));
        for (var i = 0; i < n; i += step)
        {
            // The first and last labels hang inwards so they are not cut off at the edges.
            var anchor = X(i) < left + 24 ? "start" : X(i) > Width - right - 24 ? "end" : "middle";
            svg.Append("<text class=\"axis-label\" x=\"").Append(N(X(i))).Append("\" y=\"").Append(N(height - bottom + 18))
                .Append("\" text-anchor=\"").Append(anchor).Append("\">").Append(Encode(xLabels[i])).Append("</text>");
        }
        svg.Append("</g>\n");

        for (var s = 0; s < series.Count; s++)
        {
            var values = series[s].Values;
            var style = "s" + N(s % SeriesStyles);
            svg.Append("<g class=\"series ").Append(style).Append("\" data-series=\"").Append(Encode(series[s].Name)).Append("\">")
                .Append("<title>").Append(Encode(series[s].Name)).Append("</title>")
                .Append("<polyline fill=\"none\" points=\"");
            for (var i = 0; i < Math.Min(n, values.Count); i++)
            {
                if (i > 0) svg.Append(' ');
                svg.Append(N(X(i))).Append(',').Append(N(Y(values[i])));
            }
            svg.Append("\"/>");
            for (var i = 0; i < Math.Min(n, values.Count); i++)
            {
                if (values[i] == 0) continue;
                svg.Append("<circle r=\"3\" cx=\"").Append(N(X(i))).Append("\" cy=\"").Append(N(Y(values[i]))).Append("\"><title>")
                    .Append(Encode(series[s].Name)).Append(", ").Append(Encode(xLabels[i])).Append(": ").Append(N(values[i]))
                    .Append("</title></circle>");
            }
            svg.Append("</g>\n");
        }
        return svg.Append("</svg>\n").ToString();
    }

    /// <summary>A key for a line chart, in HTML so it wraps on a narrow screen.</summary>
    public static string Legend(IReadOnlyList<ChartSeries> series)
    {
        var html = new StringBuilder("<ul class=\"legend\">");
        for (var s = 0; s < series.Count; s++)
        {
            html.Append("<li><svg class=\"swatch s").Append(N(s % SeriesStyles)).Append("\" viewBox=\"0 0 28 8\" aria-hidden=\"true\">")
                .Append("<line x1=\"0\" x2=\"28\" y1=\"4\" y2=\"4\"/></svg>").Append(Encode(series[s].Name)).Append("</li>");
        }
        return html.Append("</ul>\n").ToString();
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

    private static StringBuilder Open(string id, string title, int height) =>
        new StringBuilder(2048)
            .Append("<svg class=\"chart\" id=\"").Append(Encode(id)).Append("\" role=\"img\" aria-label=\"").Append(Encode(title))
            .Append("\" viewBox=\"0 0 ").Append(N(Width)).Append(' ').Append(N(height))
            .Append("\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">\n")
            .Append("<title>").Append(Encode(title)).Append("</title>\n");

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
