using Encourage.Storage;
using Encourage.Web;

namespace Encourage.Local;

/// <summary>Creates the tables and queues at start-up; in development, a storage outage does not stop the host.</summary>
internal static partial class LocalStorage
{
    /// <summary>
    /// Production stops on any failure, as before. In development the host starts anyway, so its pages can say
    /// "storage is down" (503) instead of not answering at all, and keeps trying to create the tables in the background.
    /// </summary>
    public static async Task EnsureCreatedAsync(WebApplication app)
    {
        var storage = app.Services.GetRequiredService<EncourageStorage>();
        var stopping = app.Lifetime.ApplicationStopping;
        // A busy storage emulator can time out once; keep trying for a while before deciding it is down.
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        try
        {
            while (true)
            {
                try
                {
                    await storage.EnsureCreatedAsync(stopping);
                    return;
                }
                catch (Exception e) when (EndpointGuard.IsStorageOutage(e) && TimeProvider.System.GetUtcNow() < deadline && !stopping.IsCancellationRequested)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), stopping);
                }
            }
        }
        catch (Exception e) when (app.Environment.IsDevelopment() && EndpointGuard.IsStorageOutage(e))
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Encourage.Local.Storage");
            Log.Down(logger, e.GetType().Name);
            _ = Task.Run(async () =>
            {
                while (!stopping.IsCancellationRequested)
                {
                    try
                    {
                        await Task.Delay(TimeSpan.FromSeconds(5), stopping);
                        await storage.EnsureCreatedAsync(stopping);
                        Log.Up(logger);
                        return;
                    }
                    catch (Exception again) when (EndpointGuard.IsStorageOutage(again) && !stopping.IsCancellationRequested)
                    {
                        // Still down; try again.
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
            }, CancellationToken.None);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(7504, LogLevel.Warning, "Storage is not reachable at start-up ({Error}): is Azurite running? Routes answer 503 until it is")]
        public static partial void Down(ILogger logger, string error);

        [LoggerMessage(7505, LogLevel.Information, "Storage is reachable again: tables and queues are ready")]
        public static partial void Up(ILogger logger);
    }
}
