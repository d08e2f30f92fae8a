using System.Globalization;

namespace Encourage.Replies;

/// <summary>The slips logged (read through <see cref="SubscriberStore"/>), for STATUS, the CLI and the dashboard's detail, and their CSV.</summary>
public sealed class SlipLog(SubscriberStore store)
{
    public Task<IReadOnlyList<ReplyEventRow>> ForSubscriberAsync(string subscriberId, CancellationToken cancellationToken) =>
        store.SlipsAsync(subscriberId, cancellationToken);

    /// <summary>Every slip of everyone, for the operator's summary (a scan: an operator command, not a hot path).</summary>
    public IAsyncEnumerable<ReplyEventRow> AllAsync(CancellationToken cancellationToken) => store.AllSlipsAsync(cancellationToken);

    public static string Csv(IEnumerable<ReplyEventRow> rows)
    {
        var w = new StringWriter(CultureInfo.InvariantCulture);
        w.WriteLine("utc,kind,day,phase,text");
        foreach (var r in rows)
        {
            w.WriteLine(string.Join(',', r.Utc.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                Escape(r.Kind), r.Day.ToString(CultureInfo.InvariantCulture), Escape(r.Phase), Escape(r.Text)));
        }
        return w.ToString();
    }

    /// <summary>
    /// One CSV cell. Control characters are taken out (an email reply can carry ESC sequences that would drive the
    /// operator's terminal when the CLI prints this, and bidi overrides that make a cell read backwards): tabs and
    /// carriage returns become spaces, line breaks stay (inside quotes), the rest go. A text that may start like a
    /// formula ("=HYPERLINK(...)", "+1...", "@SUM", also after spaces): a spreadsheet would run it, so such a cell
    /// starts with an apostrophe (OWASP's CSV-injection advice).
    /// </summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var clean = new System.Text.StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '\t' or '\r') clean.Append(' ');
            else if (c == '\n' || !(char.IsControl(c) || c is (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069') or '\u200e' or '\u200f' or '\u061c')) clean.Append(c);
        }
        var original = value;
        value = clean.ToString();
        var first = value.TrimStart();
        if ((first.Length > 0 && first[0] is '=' or '+' or '-' or '@') || (original.Length > 0 && original[0] is '\t' or '\r')) value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
