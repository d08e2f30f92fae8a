using Encourage.Web;

namespace Encourage.Local;

/// <summary>
/// What every /dev route shares: a storage outage answers 503 with one short line (not a 500 with a stack trace), and
/// routine requests (the dev phone polls every second) log at Debug, so the console keeps the outbox lines readable.
/// </summary>
internal static partial class DevRoutes
{
    public const string OutageMessage = "Storage is not reachable: is Azurite running? (scripts/azurite.sh starts it). Try again in a moment.";

    /// <summary>Maps /dev routes inside a group that turns storage outages into 503s.</summary>
    public static RouteGroupBuilder MapDevGroup(this WebApplication app) =>
        app.MapGroup("").AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (Exception e) when (EndpointGuard.IsStorageOutage(e) && !context.HttpContext.RequestAborted.IsCancellationRequested)
            {
                var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Encourage.Local.Dev");
                Log.StorageDown(logger, context.HttpContext.Request.Path.Value ?? "", e.GetType().Name);
                context.HttpContext.Response.Headers.RetryAfter = "5";
                return Results.Text(OutageMessage, "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });

    /// <summary>
    /// One line per request instead of the framework's five: the method, the path without its query (a query can hold
    /// a phone number), the status and the time. /dev requests at Debug, everything else at Information.
    /// </summary>
    public static void UseRequestLines(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Encourage.Local.Requests");
        app.Use(async (context, next) =>
        {
            var started = TimeProvider.System.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                var path = context.Request.Path.Value ?? "";
                var ms = (long)TimeProvider.System.GetElapsedTime(started).TotalMilliseconds;
                if (context.Request.Path.StartsWithSegments("/dev", StringComparison.Ordinal))
                {
                    Log.DevRequest(logger, context.Request.Method, path, context.Response.StatusCode, ms);
                }
                else
                {
                    Log.Request(logger, context.Request.Method, path, context.Response.StatusCode, ms);
                }
            }
        });
    }

    private static partial class Log
    {
        [LoggerMessage(7501, LogLevel.Debug, "{Method} {Path} answered {Status} in {Ms} ms")]
        public static partial void DevRequest(ILogger logger, string method, string path, int status, long ms);

        [LoggerMessage(7502, LogLevel.Information, "{Method} {Path} answered {Status} in {Ms} ms")]
        public static partial void Request(ILogger logger, string method, string path, int status, long ms);

        [LoggerMessage(7503, LogLevel.Warning, "Storage is not reachable while handling {Path} ({Error}); answered 503")]
        public static partial void StorageDown(ILogger logger, string path, string error);
    }
}
