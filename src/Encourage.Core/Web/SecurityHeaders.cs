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
        if (!headers.ContainsKey("Content-Security-Policy")) headers.ContentSecurityPolicy = Html.ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
    }
}
