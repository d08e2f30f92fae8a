using Encourage.Scheduling;
using Microsoft.Azure.Functions.Worker;

namespace Encourage.Functions.Functions;

/// <summary>Every 5 minutes (UTC): enqueue a send job for everyone whose slot has come due.</summary>
public sealed class DispatchDue(Dispatcher dispatcher)
{
    [Function(nameof(DispatchDue))]
    public Task Run([TimerTrigger("0 */5 * * * *", RunOnStartup = false, UseMonitor = true)] TimerInfo timer, CancellationToken cancellationToken) =>
        dispatcher.TickAsync(cancellationToken);
}
