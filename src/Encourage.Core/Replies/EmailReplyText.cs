using System.Net;
using System.Text.RegularExpressions;

namespace Encourage.Replies;

/// <summary>
/// What someone wrote in an email reply, without what their mail program added: the quoted message ("On ... wrote:",
/// "-----Original Message-----", Outlook's "From:" block, lines starting with "&gt;"), the signature after "-- ", and
/// "Sent from my phone". Plain text first; the HTML part, stripped of tags and quotes, only when there is no text.
/// </summary>
public static partial class EmailReplyText
{
    /// <summary>As much of a reply as is kept or read, the same as a text's.</summary>
    public const int MaxLength = 1600;

    /// <summary>
    /// The reply's own words. Never throws: if a line pattern times out, the reply is the start of the plain text (or
    /// of the HTML's words) as it is, which the keyword reader then handles like any text.
    /// </summary>
    public static string Extract(string? text, string? html)
    {
        try
        {
            return ExtractCore(text, html);
        }
        catch (RegexMatchTimeoutException)
        {
            var source = !string.IsNullOrWhiteSpace(text) ? text : FromHtml(html);
            return source.Length > MaxLength ? source[..MaxLength] : source;
        }
    }

    private static string ExtractCore(string? text, string? html)
    {
        var source = !string.IsNullOrWhiteSpace(text) ? text : FromHtml(html);
        var kept = new List<string>();
        var lines = source.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            if (StartsHistory(line, i + 1 < lines.Length ? lines[i + 1] : null) || line is "--" or "-- " || SentFrom().IsMatch(line)) break;
            if (line.TrimStart().StartsWith('>')) continue;
            kept.Add(line);
        }
        var reply = string.Join('\n', kept).Trim();
        return reply.Length > MaxLength ? reply[..MaxLength] : reply;
    }

    /// <summary>Whether a line opens the quoted history: an attribution, a separator, or a header block.</summary>
    private static bool StartsHistory(string line, string? next)
    {
        var trimmed = line.Trim();
        if (trimmed.Length == 0) return false;
        if (Wrote().IsMatch(trimmed)) return true;
        // Gmail wraps a long attribution: "On Mon, 30 Nov 2026 at 09:00, Encourage <" / "reply+...> wrote:".
        if (trimmed.StartsWith("On ", StringComparison.Ordinal) && next is not null && Wrote().IsMatch(trimmed + " " + next.Trim())) return true;
        if (OriginalMessage().IsMatch(trimmed) || Underscores().IsMatch(trimmed)) return true;
        // Outlook: "From: Encourage <...>" then "Sent:" / "Date:" / "To:" / "Subject:".
        return HeaderFrom().IsMatch(trimmed) && next is not null && HeaderNext().IsMatch(next.Trim());
    }

    /// <summary>
    /// The words of an HTML part: one pass, linear in its length whatever it holds (no pattern runs over the HTML, so
    /// nothing here can time out). Hidden elements (style, script, head, title) are dropped with their content, the
    /// quoted history (from the first blockquote on) is cut, line-ending tags become line breaks, other tags vanish.
    /// A tag or hidden element left open drops the rest: what a mail program sends is closed, and the rest is unsafe.
    /// </summary>
    internal static string FromHtml(string? html)
    {
        if (string.IsNullOrWhiteSpace(html)) return "";
        var text = new System.Text.StringBuilder(Math.Min(html.Length, 64 * 1024));
        var i = 0;
        while (i < html.Length)
        {
            var open = html.IndexOf('<', i);
            if (open < 0)
            {
                text.Append(html, i, html.Length - i);
                break;
            }
            text.Append(html, i, open - i);
            var close = html.IndexOf('>', open + 1);
            if (close < 0) break;
            var (name, closing) = TagName(html.AsSpan(open + 1, close - open - 1));
            i = close + 1;
            if (!closing && name is "style" or "script" or "head" or "title")
            {
                var end = html.IndexOf("</" + name, i, StringComparison.OrdinalIgnoreCase);
                var endClose = end < 0 ? -1 : html.IndexOf('>', end);
                if (endClose < 0) break;
                i = endClose + 1;
            }
            else if (!closing && name == "blockquote")
            {
                text.Append('\n');
                break;
            }
            else if ((!closing && name == "br") || (closing && name is "p" or "div" or "li" or "tr" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6"))
            {
                text.Append('\n');
            }
        }
        return WebUtility.HtmlDecode(text.ToString()).Replace('\u00a0', ' ');
    }

    /// <summary>A tag's name in lower case (letters and digits after an optional '/'), and whether it closes.</summary>
    private static (string Name, bool Closing) TagName(ReadOnlySpan<char> inside)
    {
        var closing = inside.Length > 0 && inside[0] == '/';
        var rest = closing ? inside[1..] : inside;
        var length = 0;
        while (length < rest.Length && length < 16 && char.IsAsciiLetterOrDigit(rest[length])) length++;
        return (rest[..length].ToString().ToLowerInvariant(), closing);
    }

    [GeneratedRegex(@"^On\s.{1,300}\swrote:$", KeywordParser.Linear | RegexOptions.Singleline, 200)]
    private static partial Regex Wrote();

    [GeneratedRegex(@"^-{2,}\s*(Original Message|Forwarded message)\s*-{2,}$", KeywordParser.Linear | RegexOptions.IgnoreCase, 200)]
    private static partial Regex OriginalMessage();

    [GeneratedRegex(@"^_{10,}$", KeywordParser.Linear, 200)]
    private static partial Regex Underscores();

    [GeneratedRegex(@"^\*?From:\*?\s", KeywordParser.Linear | RegexOptions.IgnoreCase, 200)]
    private static partial Regex HeaderFrom();

    [GeneratedRegex(@"^\*?(Sent|Date|To|Subject|Cc):\*?\s", KeywordParser.Linear | RegexOptions.IgnoreCase, 200)]
    private static partial Regex HeaderNext();

    [GeneratedRegex(@"^Sent from my \w+", KeywordParser.Linear | RegexOptions.IgnoreCase, 200)]
    private static partial Regex SentFrom();
}
