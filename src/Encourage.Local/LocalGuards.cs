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

    /// <summary>The URL of this host's own socket (the connection's local address), for the dev phone's relay.</summary>
    public static string SelfUrl(HttpContext context)
    {
        var local = context.Connection.LocalIpAddress ?? IPAddress.Loopback;
        if (local.IsIPv4MappedToIPv6) local = local.MapToIPv4();
        var host = local.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{local}]" : local.ToString();
        return $"http://{host}:{context.Connection.LocalPort}";
    }

    /// <summary>Whether a Host header names this machine (localhost, 127.0.0.1, [::1], any port) or the public base URL's host.</summary>
    public static bool IsAllowedHost(string? host, string publicBaseUrl)
    {
        if (string.IsNullOrEmpty(host)) return false;
        if (!Uri.TryCreate("http://" + host, UriKind.Absolute, out var uri) || uri.UserInfo.Length > 0 || uri.PathAndQuery != "/") return false;
        var name = uri.Host.Trim('[', ']');
        if (string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        if (IPAddress.TryParse(name, out var ip) && IPAddress.IsLoopback(ip) && (name == "127.0.0.1" || name == "::1")) return true;
        return Uri.TryCreate(publicBaseUrl, UriKind.Absolute, out var configured) && string.Equals(configured.Host, uri.Host, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// DNS rebinding: a page on another site whose name was re-pointed at 127.0.0.1 reaches this host with its own name
    /// in Host. Every route (the /dev outbox with live links above all) answers only Host localhost, 127.0.0.1,
    /// [::1] or the public base URL's host; anything else is 421 Misdirected Request.
    /// </summary>
    public static IApplicationBuilder RefuseOtherHosts(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var publicBase = context.RequestServices.GetRequiredService<IOptions<EncourageOptions>>().Value.PublicBaseUrl;
            if (!IsAllowedHost(context.Request.Headers.Host.ToString(), publicBase))
            {
                context.Response.StatusCode = StatusCodes.Status421MisdirectedRequest;
                await context.Response.WriteAsync("Refused: this host answers only to localhost, 127.0.0.1, [::1] or its public name.", context.RequestAborted);
                return;
            }
            await next(context);
        });

    /// <summary>
    /// The dashboard (/api/admin/*) on the local host: in Development, only to a loopback peer (a developer's own
    /// machine); in any other environment it is refused (403), because the local host has none of the Functions app's
    /// key or sign-in. Operator sign-in (issue 21) replaces this.
    /// </summary>
    public static IApplicationBuilder GuardAdmin(this IApplicationBuilder app, bool development) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api/admin"))
            {
                var peer = context.Connection.RemoteIpAddress;
                if (!development || peer is null || !IPAddress.IsLoopback(peer.IsIPv4MappedToIPv6 ? peer.MapToIPv4() : peer))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await context.Response.WriteAsync("Refused: the dashboard is served by the local host only in Development, on loopback.", context.RequestAborted);
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
