using System.Net;
using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Encourage.Arc;

/// <summary>Fills a programme entry for one subscriber: the SMS, and the email as HTML and plain text.</summary>
public static class MessageRenderer
{
    // Raw HTML in content is shown as text: the content is edited by non-programmers and mailed to many people.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

    /// <summary>
    /// A paragraph of email content that starts with this marker is only for people who can text us (it names a
    /// keyword to text); it is left out of the email for everyone else, and the marker itself is never shown.
    /// </summary>
    public const string TextsOnlyMarker = "[texts]";

    public static RenderedMessage Render(ProgrammeEntry entry, string firstName, Pronoun pronoun, string? recoveryLine)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Render(entry.Text, firstName, pronoun, recoveryLine);
    }

    /// <summary>
    /// Fills one wording of an entry. <paramref name="canText"/> false leaves out the email paragraphs marked
    /// <see cref="TextsOnlyMarker"/>; <paramref name="values"/> fills named holes such as <c>{crisis_line}</c>.
    /// </summary>
    public static RenderedMessage Render(EntryText entry, string firstName, Pronoun pronoun, string? recoveryLine,
        IReadOnlyDictionary<string, string>? values = null, bool canText = true)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var recovery = string.IsNullOrWhiteSpace(recoveryLine) ? null : recoveryLine.Trim();
        var sms = (recovery is null ? "" : recovery + " ") + Placeholders.Fill(entry.Sms, firstName, pronoun, values);
        // A line break in a subject would end the header; a name is the only way one could get in.
        var subject = Placeholders.Fill(entry.EmailSubject, firstName, pronoun, values).ReplaceLineEndings(" ").Trim();
        var (html, text) = RenderMarkdown(entry.EmailMarkdown, firstName, pronoun, values, canText);
        if (recovery is not null)
        {
            html = "<p>" + WebUtility.HtmlEncode(recovery) + "</p>\n" + html;
            text = recovery + "\n\n" + text;
        }
        return new RenderedMessage(sms, subject, html, text);
    }

    /// <summary>
    /// Renders content Markdown. The name and values are put in after Markdown has run, HTML-encoded in the HTML,
    /// so a first name like <c>&lt;script&gt;</c> or <c>[x](http://...)</c> shows as typed and never becomes markup.
    /// </summary>
    public static (string Html, string Text) RenderMarkdown(string markdown, string firstName, Pronoun pronoun, IReadOnlyDictionary<string, string>? values = null, bool canText = true)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        markdown = ForAudience(markdown, canText);
        var name = Placeholders.NameOf(firstName);
        var holes = new List<(string Token, string Value)>();
        var withTokens = Placeholders.Fill(markdown, pronoun, hole =>
        {
            var value = hole == Placeholders.NameHole ? name
                : values is not null && values.TryGetValue(hole, out var v) ? v
                : null;
            if (value is null) return null;
            // Letters and digits only, so Markdown leaves the token alone wherever it sits (text, link target, emphasis).
            var token = $"qzxencouragehole{holes.Count}xzq";
            holes.Add((token, value));
            return token;
        });

        var document = Markdown.Parse(withTokens, Pipeline);
        var html = document.ToHtml(Pipeline);
        var text = PlainText(document);
        // Highest index first, so hole 1 is never replaced inside hole 10's token.
        for (var i = holes.Count - 1; i >= 0; i--)
        {
            html = html.Replace(holes[i].Token, WebUtility.HtmlEncode(holes[i].Value), StringComparison.Ordinal);
            text = text.Replace(holes[i].Token, holes[i].Value, StringComparison.Ordinal);
        }
        return (CapitaliseFirstLetter(html), Placeholders.CapitaliseStart(text));
    }

    /// <summary>Keeps or drops the paragraphs marked <see cref="TextsOnlyMarker"/>, and removes the marker.</summary>
    public static string ForAudience(string markdown, bool canText)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        if (!markdown.Contains(TextsOnlyMarker, StringComparison.Ordinal)) return markdown;
        var paragraphs = markdown.ReplaceLineEndings("\n").Split("\n\n");
        var kept = new List<string>();
        foreach (var paragraph in paragraphs)
        {
            var trimmed = paragraph.TrimStart();
            if (!trimmed.StartsWith(TextsOnlyMarker, StringComparison.Ordinal)) { kept.Add(paragraph); continue; }
            if (canText) kept.Add(trimmed[TextsOnlyMarker.Length..].TrimStart());
        }
        return string.Join("\n\n", kept);
    }

    // The first letter of the email's text, after any opening tags: a message never starts with a lower-case word.
    private static string CapitaliseFirstLetter(string html)
    {
        var i = 0;
        while (i < html.Length && (html[i] == '<' || char.IsWhiteSpace(html[i])))
        {
            if (html[i] == '<')
            {
                var close = html.IndexOf('>', i);
                if (close < 0) return html;
                i = close + 1;
            }
            else i++;
        }
        return i < html.Length && char.IsLower(html[i])
            ? string.Concat(html.AsSpan(0, i), char.ToUpperInvariant(html[i]).ToString(), html.AsSpan(i + 1))
            : html;
    }

    private static string PlainText(MarkdownDocument document)
    {
        var paragraphs = new List<string>();
        foreach (var block in document) AddBlock(block, paragraphs);
        return string.Join("\n\n", paragraphs.Where(p => p.Length > 0));
    }

    private static void AddBlock(Block block, List<string> output)
    {
        switch (block)
        {
            case LeafBlock { Inline: { } inline }:
                var sb = new StringBuilder();
                AddInline(inline, sb);
                output.Add(sb.ToString().Trim());
                break;
            case ListBlock list:
                var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
                var items = new List<string>();
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    var inner = new List<string>();
                    foreach (var child in item) AddBlock(child, inner);
                    var bullet = list.IsOrdered ? $"{number++}. " : "- ";
                    items.Add(bullet + string.Join("\n   ", inner));
                }
                output.Add(string.Join("\n", items));
                break;
            case ContainerBlock container:
                foreach (var child in container) AddBlock(child, output);
                break;
            case ThematicBreakBlock:
                output.Add("---");
                break;
            case LeafBlock leaf:
                output.Add(leaf.Lines.ToString().TrimEnd());
                break;
        }
    }

    private static void AddInline(Inline inline, StringBuilder sb)
    {
        switch (inline)
        {
            case LiteralInline literal:
                sb.Append(literal.Content.ToString());
                break;
            case LinkInline link:
                var label = new StringBuilder();
                foreach (var child in link) AddInline(child, label);
                var url = link.Url ?? "";
                // In plain text a link keeps its address, or the reader has nothing to follow.
                if (link.IsImage || label.Length == 0 || label.ToString() == url) sb.Append(label.Length > 0 ? label : url);
                else sb.Append(label).Append(" (").Append(url).Append(')');
                break;
            case AutolinkInline autolink:
                sb.Append(autolink.Url);
                break;
            case CodeInline code:
                sb.Append(code.Content);
                break;
            case LineBreakInline lineBreak:
                sb.Append(lineBreak.IsHard ? "\n" : " ");
                break;
            case HtmlEntityInline entity:
                sb.Append(entity.Transcoded.ToString());
                break;
            case HtmlInline html:
                sb.Append(html.Tag);
                break;
            case ContainerInline container:
                foreach (var child in container) AddInline(child, sb);
                break;
        }
    }
}
