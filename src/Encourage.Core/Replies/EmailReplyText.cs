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

    public static string Extract(string? text, string? html)
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

    private static string FromHtml(string? html)
    {
        if (string.IsNullOrWhiteSpace(html)) return "";
        var s = Hidden().Replace(html, "");
        s = Quote().Replace(s, "\n");
        s = Breaks().Replace(s, "\n");
        s = Tags().Replace(s, "");
        return WebUtility.HtmlDecode(s).Replace('\u00a0', ' ');
    }

    [GeneratedRegex(@"^On\s.{1,300}\swrote:$", RegexOptions.CultureInvariant | RegexOptions.Singleline, 200)]
    private static partial Regex Wrote();

    [GeneratedRegex(@"^-{2,}\s*(Original Message|Forwarded message)\s*-{2,}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 200)]
    private static partial Regex OriginalMessage();

    [GeneratedRegex(@"^_{10,}$", RegexOptions.CultureInvariant, 200)]
    private static partial Regex Underscores();

    [GeneratedRegex(@"^\*?From:\*?\s", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 200)]
    private static partial Regex HeaderFrom();

    [GeneratedRegex(@"^\*?(Sent|Date|To|Subject|Cc):\*?\s", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 200)]
    private static partial Regex HeaderNext();

    [GeneratedRegex(@"^Sent from my \w+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 200)]
    private static partial Regex SentFrom();

    [GeneratedRegex(@"<(style|script|head|title)\b[^>]*>.*?</\1\s*>", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Singleline, 500)]
    private static partial Regex Hidden();

    // Gmail and Apple Mail put the history in a blockquote (Gmail's attribution sits just before it, and is then cut
    // by the text rules).
    [GeneratedRegex(@"<blockquote\b.*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Singleline, 500)]
    private static partial Regex Quote();

    [GeneratedRegex(@"<br\s*/?>|</(p|div|li|tr|h[1-6])\s*>", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 500)]
    private static partial Regex Breaks();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.CultureInvariant, 500)]
    private static partial Regex Tags();
}
