using Microsoft.AspNetCore.Http;

namespace Encourage.Web;

/// <summary>
/// Whether a browser sent a request from this site's own pages. Browsers say where a request came from
/// (<c>Sec-Fetch-Site</c>, <c>Origin</c>) and a page on another site cannot forge either; API clients send neither,
/// and are judged by the same limits as everyone else.
/// </summary>
public static class RequestOrigin
{
    public static bool IsSameSite(HttpRequest request, string publicBaseUrl)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        // A browser that says where the request came from is believed: no page can set this header. (Our pages send
        // no Referer, so a browser's form post may carry "Origin: null"; Sec-Fetch-Site still says same-origin.)
        if (site is "same-origin" or "none") return true;
        if (site.Length > 0) return false;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return true;
        return SameOrigin(origin, publicBaseUrl) || SameOrigin(origin, $"{request.Scheme}://{request.Host}");
    }

    private static bool SameOrigin(string origin, string url) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var a) && Uri.TryCreate(url, UriKind.Absolute, out var b) &&
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase) &&
        string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;
}
