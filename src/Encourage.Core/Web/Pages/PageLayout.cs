using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Encourage.Web.Pages;

/// <summary>
/// The frame every page shares. Everything is inline and nothing loads from another host: readers may be on
/// a slow phone connection, and a page about their private life should not tell a CDN they visited.
/// </summary>
internal static class PageLayout
{
    // Warm cream and dark brown rather than stark white and black, checked for WCAG AA:
    // body text 14:1, muted text 7:1, button text 6.7:1, error text 7:1, input borders 4.6:1 (light);
    // body 15:1, muted 9.6:1, button 8.6:1, error 8.6:1, borders 5.5:1 (dark).
    public const string Stylesheet = """
        :root{color-scheme:light dark;--bg:#fbf7f2;--card:#ffffff;--text:#2b2420;--muted:#5c514a;--accent:#9a3f1f;--on-accent:#ffffff;--link:#8a3516;--error:#a1260d;--error-bg:#fdecea;--border:#7a6e66;--soft:#f3ebe2;--focus:#1a5fb4}
        @media (prefers-color-scheme:dark){:root{--bg:#1c1917;--card:#292524;--text:#f3ede7;--muted:#c9bfb6;--accent:#f0a47f;--on-accent:#1c1917;--link:#f5b894;--error:#ff9c8a;--error-bg:#3a1f1a;--border:#9a8f87;--soft:#292524;--focus:#8ab4f8}}
        *,*::before,*::after{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
        body{margin:0;background:var(--bg);color:var(--text);font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:1.0625rem;line-height:1.55}
        main{max-width:34rem;margin:0 auto;padding:1.5rem 1rem 1rem}
        footer{max-width:34rem;margin:0 auto;padding:0 1rem 2rem;color:var(--muted);font-size:.9375rem}
        h1{font-size:1.625rem;line-height:1.25;margin:.25rem 0 1rem}
        h2{font-size:1.125rem;margin:0 0 .5rem}
        p,form{margin:0 0 1rem}
        a{color:var(--link);text-underline-offset:.15em}
        .brand{display:block;font-size:1rem;font-weight:600;letter-spacing:.04em;text-transform:uppercase;color:var(--accent)}
        .lead{font-size:1.125rem}
        .muted{color:var(--muted)}
        .hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
        .sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
        .field{margin:0 0 1.25rem}
        label,legend{display:block;font-weight:600;margin:0 0 .25rem;padding:0}
        .hint{display:block;color:var(--muted);font-size:.9375rem;margin:0 0 .375rem}
        input[type=text],input[type=tel],input[type=email],input[type=time],input[type=date],select{display:block;width:100%;min-height:2.75rem;padding:.5rem .75rem;font:inherit;color:var(--text);background:var(--card);border:2px solid var(--border);border-radius:.5rem}
        fieldset{border:0;padding:0;margin:0 0 1.25rem;min-width:0}
        .choice{display:flex;align-items:center;gap:.75rem;min-height:2.75rem;padding:0 .75rem;margin:0 0 .5rem;background:var(--card);border:2px solid var(--border);border-radius:.5rem}
        .choice input{width:1.375rem;height:1.375rem;margin:0;flex:none;accent-color:var(--accent)}
        .choice label{flex:1;font-weight:400;margin:0;padding:.625rem 0;cursor:pointer}
        [aria-invalid=true],.invalid .choice{border-color:var(--error)}
        .field-error{color:var(--error);font-weight:600;margin:0 0 .375rem}
        .error-summary{border:3px solid var(--error);background:var(--error-bg);border-radius:.5rem;padding:1rem;margin:0 0 1.5rem}
        .error-summary ul{margin:0;padding-left:1.25rem}
        .error-summary a{color:var(--error);font-weight:600}
        .notice{background:var(--soft);border-radius:.5rem;padding:1rem;margin:0 0 1.25rem;font-size:.9375rem}
        .notice p:last-child,.notice ul:last-child{margin-bottom:0}
        .steps{padding-left:1.25rem;margin:0 0 1rem}
        .steps li{margin:0 0 .5rem}
        button{display:block;width:100%;min-height:3rem;padding:.75rem 1rem;font:inherit;font-weight:700;color:var(--on-accent);background:var(--accent);border:0;border-radius:.5rem;cursor:pointer}
        :focus-visible{outline:3px solid var(--focus);outline-offset:2px}
        .error-summary:focus{outline:3px solid var(--focus);outline-offset:2px}
        """;

    /// <summary>Sha-256 source expression for the stylesheet, so a strict CSP can allow exactly it.</summary>
    public static string StylesheetHash { get; } = CspHash(Stylesheet);

    /// <summary>Wraps a page body in the shared document. <paramref name="title"/> is encoded here; the body is already HTML.</summary>
    public static string Document(string title, string body, string? script = null)
    {
        var html = new StringBuilder(4096 + body.Length);
        html.Append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            // Links carry private tokens; keep them out of search engines and out of Referer headers.
            .Append("<meta name=\"robots\" content=\"noindex, nofollow\">\n")
            .Append("<meta name=\"referrer\" content=\"no-referrer\">\n")
            .Append("<meta name=\"color-scheme\" content=\"light dark\">\n")
            .Append("<title>").Append(Encode(title)).Append(" – Encourage</title>\n")
            .Append("<style>").Append(Stylesheet).Append("</style>\n")
            .Append("</head>\n<body>\n<main id=\"main\">\n")
            .Append(body)
            .Append("</main>\n<footer>\n")
            // Readers are often in pain; a way to reach a person right now belongs on every page.
            .Append("<p>If you're struggling to stay safe, you can call or text <a href=\"tel:988\">988</a> ")
            .Append("(in the US) at any time to talk to someone.</p>\n")
            .Append("</footer>\n");
        if (script is not null)
        {
            html.Append("<script>").Append(script).Append("</script>\n");
        }
        return html.Append("</body>\n</html>\n").ToString();
    }

    /// <summary>The brand line and the page's one heading.</summary>
    public static string Heading(string text) =>
        "<h1><span class=\"brand\">Encourage<span class=\"sr-only\">:</span></span> " + Encode(text) + "</h1>\n";

    public static string Encode(string? value) => WebUtility.HtmlEncode(value ?? "");

    public static string CspHash(string inlineBlock) =>
        "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(inlineBlock))) + "'";
}
