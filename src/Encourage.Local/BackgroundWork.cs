using Azure.Storage.Queues.Models;
using Encourage.Delivery;
using Encourage.Scheduling;
using Encourage.Storage;

namespace Encourage.Local;

/// <summary>The timer trigger's stand-in: runs the same dispatcher on an interval.</summary>
public sealed partial class DispatchTimer(Dispatcher dispatcher, IConfiguration configuration, ILogger<DispatchTimer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = configuration.GetValue("Local:DispatchIntervalSeconds", 30);
        if (seconds <= 0) return; // tests drive dispatch themselves
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await dispatcher.TickAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.TickFailed(logger, e.GetType().Name);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(7001, LogLevel.Warning, "Local dispatch tick failed ({Error}); the next tick catches up")]
        public static partial void TickFailed(ILogger logger, string error);
    }
}

/// <summary>
/// The queue trigger's stand-in, with the same semantics: a message is deleted only after the handler succeeds;
/// a failure leaves it to reappear after its visibility timeout; the fifth failure moves it to the poison queue.
/// </summary>
public sealed partial class SendQueueWorker(SendQueueDrainer drainer, IConfiguration configuration, ILogger<SendQueueWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Local:DrainQueue", true)) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await drainer.DrainAsync(stoppingToken) == 0) await Task.Delay(250, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.PollFailed(logger, e.GetType().Name);
                await Task.Delay(1000, stoppingToken);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(7002, LogLevel.Warning, "Polling the send queue failed ({Error}); retrying")]
        public static partial void PollFailed(ILogger logger, string error);
    }
}

