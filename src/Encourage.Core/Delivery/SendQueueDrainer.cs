using Azure.Storage.Queues.Models;
using Encourage.Storage;
using Microsoft.Extensions.Logging;

namespace Encourage.Delivery;

/// <summary>Receives a batch from the send queue and runs each job, as the Functions queue trigger does.</summary>
public sealed partial class SendQueueDrainer(EncourageStorage storage, SendJobHandler handler, ILogger<SendQueueDrainer> logger)
{
    public const int MaxDequeueCount = 5;

    /// <summary>Receives until the queue has nothing visible; returns how many jobs ran.</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        int n;
        while ((n = await DrainOnceAsync(cancellationToken)) > 0) total += n;
        return total;
    }

    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(30);

    public async Task<int> DrainOnceAsync(CancellationToken cancellationToken)
    {
        QueueMessage[] messages = (await storage.SendQueue.ReceiveMessagesAsync(16, Visibility, cancellationToken)).Value;
        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (message, ct) => await RunAsync(message, ct));
        return messages.Length;
    }

    private int _inFlight;

    /// <summary>Jobs being run right now by this process (the local host's "next day" waits for none).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Waits until this process runs no job (at most <paramref name="limit"/>).</summary>
    public async Task WaitIdleAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + limit;
        while (InFlight > 0 && DateTime.UtcNow < deadline) await Task.Delay(20, cancellationToken);
    }

    private async Task RunAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        var text = message.Body.ToString();
        Interlocked.Increment(ref _inFlight);
        try
        {
            var job = SendJob.FromJson(text) ?? throw new InvalidDataException("Not a send job.");
            await handler.HandleAsync(job, cancellationToken);
            await storage.SendQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.JobFailed(logger, message.MessageId, message.DequeueCount, e.GetType().Name);
            if (message.DequeueCount >= MaxDequeueCount)
            {
                // As the Functions runtime does: the job goes to the poison queue; the reason is on its delivery row.
                await storage.PoisonQueue.SendMessageAsync(text, cancellationToken: cancellationToken);
                await storage.SendQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(7003, LogLevel.Warning, "Send job {MessageId} failed on try {DequeueCount} ({Error})")]
        public static partial void JobFailed(ILogger logger, string messageId, long dequeueCount, string error);
    }
}
