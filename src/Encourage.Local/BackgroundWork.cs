using Azure.Storage.Queues.Models;
using Encourage.Delivery;
using Encourage.Retention;
using Encourage.Scheduling;
using Encourage.Storage;
using Microsoft.Extensions.Options;

namespace Encourage.Local;

/// <summary>
/// A timer trigger's stand-in: runs one job every <paramref name="seconds"/> (0: off, as tests drive the job
/// themselves). A failed run is logged and the next one catches up, as the Functions timer would.
/// </summary>
public abstract partial class IntervalJob(ILogger logger, int seconds, string job) : BackgroundService
{
    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (seconds <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.RunFailed(logger, job, e.GetType().Name);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(7001, LogLevel.Warning, "Local {Job} failed ({Error}); the next run catches up")]
        public static partial void RunFailed(ILogger logger, string job, string error);
    }
}

/// <summary>The DispatchDue timer's stand-in: the same dispatcher, every <c>Local__DispatchIntervalSeconds</c> (30).</summary>
public sealed class DispatchTimer(Dispatcher dispatcher, IOptions<LocalOptions> options, ILogger<DispatchTimer> logger)
    : IntervalJob(logger, options.Value.DispatchIntervalSeconds, "dispatch tick")
{
    protected override Task RunOnceAsync(CancellationToken cancellationToken) => dispatcher.TickAsync(cancellationToken);
}

/// <summary>
/// The RetentionSweep timer's stand-in: the same sweep, every <c>Local__RetentionIntervalSeconds</c>. Hourly by
/// default: the sweep reads only days that have come since it last finished, so an idle run costs one read.
/// </summary>
public sealed class RetentionTimer(RetentionSweep sweep, IOptions<LocalOptions> options, ILogger<RetentionTimer> logger)
    : IntervalJob(logger, options.Value.RetentionIntervalSeconds, "retention sweep")
{
    protected override Task RunOnceAsync(CancellationToken cancellationToken) => sweep.RunAsync(cancellationToken);
}

/// <summary>
/// The queue trigger's stand-in, with the same semantics: a message is deleted only after the handler succeeds;
/// a failure leaves it to reappear after its visibility timeout; the fifth failure moves it to the poison queue.
/// Like the trigger, it polls less often while the queue stays empty (250 ms, doubling to 2 s), and a job this host
/// queues itself wakes it at once.
/// </summary>
public sealed partial class SendQueueWorker(SendQueueDrainer drainer, SendQueueSignal signal, IOptions<LocalOptions> options, ILogger<SendQueueWorker> logger) : BackgroundService
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DrainQueue) return;
        var wait = FirstPoll;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await drainer.DrainAsync(stoppingToken) > 0)
                {
                    wait = FirstPoll;
                    continue;
                }
                await signal.WaitAsync(wait, stoppingToken);
                wait = wait * 2 < LongestPoll ? wait * 2 : LongestPoll;
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

