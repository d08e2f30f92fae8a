using Microsoft.Azure.Functions.Worker;

namespace Encourage.Functions.Functions;

/// <summary>Daily at 03:30 UTC: blank old reply text, delete old deliveries, erase long-ended subscribers.</summary>
public sealed class RetentionSweep(Encourage.Retention.RetentionSweep sweep)
{
    [Function(nameof(RetentionSweep))]
    public Task Run([TimerTrigger("0 30 3 * * *", RunOnStartup = false, UseMonitor = true)] TimerInfo timer, CancellationToken cancellationToken) =>
        sweep.RunAsync(cancellationToken);
}
