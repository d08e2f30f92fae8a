using Encourage.Web.Styles;

namespace Encourage.Local;

/// <summary>
/// The dev phone (wwwroot/dev/phone.html, .css, .js): a pretend phone for walking through the programme locally.
/// Served as static files under /dev, in Development only, with a CSP that allows this host's own files and nothing
/// inline. Its colours come from the product's one palette, served here as /dev/tokens.css.
/// </summary>
internal static class DevPhone
{
    public const string Route = "/dev/phone";
    public const string DefaultNumber = "+12125550100";

    /// <summary>The page only ever talks to this host; a stray message body can never load or run anything.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; connect-src 'self'; style-src 'self'; script-src 'self'; frame-src 'self'; " +
        "img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static void UseDevPhone(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) return;
        // wwwroot holds only dev/; the middleware runs for /dev paths only, so nothing else is ever served as a file.
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/dev", StringComparison.Ordinal),
            dev => dev.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = context => Protect(context.Context.Response) }));

        app.MapGet(Route, (HttpContext context, IWebHostEnvironment environment) =>
        {
            var page = environment.WebRootFileProvider.GetFileInfo("dev/phone.html");
            if (!page.Exists) return Results.Problem("The dev phone's files are missing from wwwroot/dev.", statusCode: 500);
            Protect(context.Response);
            return Results.Stream(page.CreateReadStream(), "text/html; charset=utf-8");
        });
        app.MapGet("/dev/tokens.css", (HttpContext context) =>
        {
            Protect(context.Response);
            return Results.Text(Tokens.Css, "text/css; charset=utf-8");
        });
    }

    private static void Protect(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
    }
}
