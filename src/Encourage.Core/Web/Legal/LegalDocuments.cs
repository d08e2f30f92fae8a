using System.Text;
using Markdig;

namespace Encourage.Web.Legal;

/// <summary>A page of prose from a Markdown file: its title (the first "# " line) and its body as HTML.</summary>
public sealed record LegalDocument(string Title, string BodyHtml);

/// <summary>
/// The Terms and Privacy pages, written in Markdown (<c>Web/Legal/terms.md</c>, <c>privacy.md</c>) so they can be
/// edited without reading C#. Raw HTML in the files is disabled, so the text is always encoded.
/// </summary>
public static class LegalDocuments
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

    public static LegalDocument Terms { get; } = Load("terms.md");

    public static LegalDocument Privacy { get; } = Load("privacy.md");

    /// <summary>Splits off the title line and renders the rest. Pure, so it is tested without the embedded files.</summary>
    public static LegalDocument Parse(string markdown)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n').ToList();
        var titleAt = lines.FindIndex(l => l.StartsWith("# ", StringComparison.Ordinal));
        if (titleAt < 0) throw new InvalidOperationException("A legal page needs a title line starting with \"# \".");
        var title = lines[titleAt][2..].Trim();
        lines.RemoveAt(titleAt);
        // HTML comments are notes for editors; with raw HTML disabled they would show as text, so drop them here.
        var body = StripComments(string.Join('\n', lines));
        return new LegalDocument(title, Markdown.ToHtml(body, Pipeline));
    }

    private static string StripComments(string text)
    {
        var result = new StringBuilder(text.Length);
        var at = 0;
        while (true)
        {
            var open = text.IndexOf("<!--", at, StringComparison.Ordinal);
            if (open < 0) break;
            var close = text.IndexOf("-->", open + 4, StringComparison.Ordinal);
            if (close < 0) break;
            result.Append(text, at, open - at);
            at = close + 3;
        }
        return result.Append(text, at, text.Length - at).ToString();
    }

    private static LegalDocument Load(string file)
    {
        using var stream = typeof(LegalDocuments).Assembly.GetManifestResourceStream("Encourage.Web.Legal." + file)
            ?? throw new InvalidOperationException(file + " is not embedded in Encourage.Core.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader.ReadToEnd());
    }
}
