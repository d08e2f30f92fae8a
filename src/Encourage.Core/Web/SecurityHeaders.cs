using Encourage.Web.Pages;
using Microsoft.AspNetCore.Http;

namespace Encourage.Web;

/// <summary>
/// The headers every response carries, set in one place: <see cref="EndpointGuard"/> (every route, in both hosts)
/// and the local host's middleware (its /dev pages too). A page that needs its own policy sets it first and keeps it.
/// </summary>
public static class SecurityHeaders
{
    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        var own = headers.ContentSecurityPolicy.ToString();
        if (own.Length == 0) headers.ContentSecurityPolicy = Pages.PageStyles.ContentSecurityPolicy;
        else if (!own.Contains("frame-ancestors", StringComparison.Ordinal)) headers.ContentSecurityPolicy = own + "; frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        // Pages carry link tokens (in the URL they were opened with, and in their forms): no cache keeps them.
        if (headers.CacheControl.Count == 0) headers.CacheControl = "no-store";
        headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
        headers.Remove("Server");
    }
}
