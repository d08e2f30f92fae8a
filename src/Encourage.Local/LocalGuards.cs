using System.Net;
using Encourage.Hosting;
using Encourage.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Encourage.Local;

/// <summary>
/// What keeps the local host's /dev routes (the outbox with live tokens, a Twilio signer, the clock) on a developer's
/// own machine, and its logs free of tokens.
/// </summary>
internal static partial class LocalGuards
{
    /// <summary>The first configured address that is not loopback (urls, ASPNETCORE_URLS, --urls, HTTP_PORTS), or null.</summary>
    public static string? NonLoopbackAddress(IConfiguration configuration)
    {
        if (configuration["HTTP_PORTS"] is { Length: > 0 } ports) return "HTTP_PORTS=" + ports; // binds every interface
        if (configuration["HTTPS_PORTS"] is { Length: > 0 } sports) return "HTTPS_PORTS=" + sports;
        var urls = new[] { configuration["urls"], configuration["ASPNETCORE_URLS"] }
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]));
        foreach (var url in urls.OfType<string>().SelectMany(u => u.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!IsLoopbackUrl(url)) return url;
        }
        return null;
    }

    /// <summary>The addresses the server actually bound, checked once it has started.</summary>
    public static string? NonLoopbackBound(IServer server) =>
        server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault(a => !IsLoopbackUrl(a));

    public static bool IsLoopbackUrl(string url)
    {
        // Kestrel's wildcards ("*", "+") do not parse as URIs and mean every interface.
        if (!Uri.TryCreate(url.Replace("://*", "://wildcard.invalid", StringComparison.Ordinal).Replace("://+", "://wildcard.invalid", StringComparison.Ordinal), UriKind.Absolute, out var uri)) return false;
        var host = uri.Host.Trim('[', ']');
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip);
    }

    /// <summary>/dev POSTs only from this host's own pages: another site's page cannot drive the clock or the signer.</summary>
    public static IApplicationBuilder RefuseCrossSiteDevPosts(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/dev") && HttpMethods.IsPost(context.Request.Method))
            {
                var publicBase = context.RequestServices.GetRequiredService<IOptions<EncourageOptions>>().Value.PublicBaseUrl;
                if (!RequestOrigin.IsSameSite(context.Request, publicBase))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await context.Response.WriteAsync("Refused: /dev requests must come from this host's own pages.", context.RequestAborted);
                    return;
                }
            }
            await next(context);
        });

    /// <summary>Security headers on every response (the request line, with the path alone, is DevRoutes.UseRequestLines).</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                SecurityHeaders.Apply(context.Response);
                return Task.CompletedTask;
            });
            await next(context);
        });
}
