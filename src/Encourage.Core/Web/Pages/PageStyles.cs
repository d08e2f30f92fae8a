using System.Security.Cryptography;
using System.Text;

namespace Encourage.Web.Pages;

/// <summary>
/// The shared stylesheet (<c>Web/Pages/pages.css</c>, embedded), the one inline script, and the Content-Security-Policy
/// that allows exactly them. Everything is inline and nothing loads from another host: readers may be on a slow phone
/// connection, and a page about their private life should not tell a CDN they visited.
/// </summary>
public static class PageStyles
{
    /// <summary>pages.css, as the layout inlines it.</summary>
    public static string Stylesheet { get; } = LoadStylesheet();

    /// <summary>
    /// Sets the sign-up form's time zone to the browser's own: only on a first visit (the select is marked with
    /// data-autodetect), only if the person has not already changed it, and only if we offer that zone.
    /// </summary>
    public const string TimeZoneScript =
        "(function(){var s=document.getElementById(\"timeZone\");" +
        "if(!s||!s.hasAttribute(\"data-autodetect\"))return;" +
        "var c=s.options[s.selectedIndex];if(c&&!c.defaultSelected)return;" +
        "var z;try{z=Intl.DateTimeFormat().resolvedOptions().timeZone}catch(e){return}" +
        "for(var i=0;i<s.options.length;i++){if(s.options[i].value===z){s.selectedIndex=i;return}}})();";

    /// <summary>
    /// A Content-Security-Policy that allows these pages and nothing else: the one inline stylesheet and
    /// script by hash, forms posting only to this host, no framing.
    /// </summary>
    public static string ContentSecurityPolicy { get; } =
        $"default-src 'none'; style-src {CspHash(Stylesheet)}; script-src {CspHash(TimeZoneScript)}; " +
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static string CspHash(string inlineBlock) =>
        "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(inlineBlock))) + "'";

    private static string LoadStylesheet()
    {
        using var stream = typeof(PageStyles).Assembly.GetManifestResourceStream("Encourage.Web.Pages.pages.css")
            ?? throw new InvalidOperationException("pages.css is not embedded in Encourage.Core.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().ReplaceLineEndings("\n").Trim();
    }
}
