using Encourage.Retention;

namespace Encourage.Local;

/// <summary>The RetentionSweep timer's stand-in: the same sweep, every <c>Local__RetentionIntervalSeconds</c> (0: off).</summary>
public sealed partial class RetentionTimer(RetentionSweep sweep, IConfiguration configuration, ILogger<RetentionTimer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Hourly by default: the sweep reads only days that have come since it last finished, so an idle run costs one read.
        var seconds = configuration.GetValue("Local:RetentionIntervalSeconds", 3600);
        if (seconds <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await sweep.RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.SweepFailed(logger, e.GetType().Name);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(7003, LogLevel.Warning, "Local retention sweep failed ({Error}); the next one catches up")]
        public static partial void SweepFailed(ILogger logger, string error);
    }
}
