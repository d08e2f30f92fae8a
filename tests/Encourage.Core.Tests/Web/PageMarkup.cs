using System.Net;
using System.Text.RegularExpressions;

namespace Encourage.Core.Tests.Web;

/// <summary>
/// Just enough reading of our own generated HTML for assertions. The pages are written by one small
/// renderer (HtmlRenderer) with double-quoted attributes, so regular expressions are reliable here in a way they would
/// not be for arbitrary HTML.
/// </summary>
internal static partial class PageMarkup
{
    public static IEnumerable<string> Tags(string html, string tagName) =>
        Regex.Matches(html, $@"<{tagName}\b[^>]*>", RegexOptions.IgnoreCase).Select(m => m.Value);

    public static string? Attr(string tag, string name)
    {
        var m = Regex.Match(tag, $@"(?<=\s){Regex.Escape(name)}=""([^""]*)""");
        return m.Success ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;
    }

    public static bool Has(string tag, string booleanAttribute) =>
        Regex.IsMatch(tag, $@"(?<=\s){Regex.Escape(booleanAttribute)}(?=[\s>=])");

    /// <summary>Inputs a person fills in or chooses: everything but hidden inputs.</summary>
    public static IEnumerable<string> Controls(string html) =>
        Tags(html, "input").Where(t => Attr(t, "type") != "hidden").Concat(Tags(html, "select"));

    public static string TagWithId(string html, string id) =>
        Regex.Matches(html, @"<[a-z]+\b[^>]*>").Select(m => m.Value).Single(t => Attr(t, "id") == id);

    public static IEnumerable<string> Ids(string html) =>
        Regex.Matches(html, @"<[a-z]+\b[^>]*>").Select(m => Attr(m.Value, "id")).OfType<string>();

    public static string Between(string html, string open, string close)
    {
        var start = html.IndexOf(open, StringComparison.Ordinal);
        Assert.True(start >= 0, $"missing {open}");
        start += open.Length;
        var end = html.IndexOf(close, start, StringComparison.Ordinal);
        return html[start..end];
    }

    /// <summary>The page's elements without the stylesheet and script, whose selectors would otherwise match tag searches.</summary>
    public static string Markup(string html) =>
        Regex.Replace(html, @"<(style|script)\b.*?</\1>", "", RegexOptions.Singleline);

    /// <summary>The words a reader sees: tags stripped, entities decoded, whitespace collapsed.</summary>
    public static string VisibleText(string html)
    {
        var withoutBlocks = Regex.Replace(html, @"<(style|script)\b.*?</\1>", " ", RegexOptions.Singleline);
        var text = WebUtility.HtmlDecode(Regex.Replace(withoutBlocks, "<[^>]+>", " "));
        return Regex.Replace(text, @"\s+", " ").Trim();
    }
}
