using Azure.Storage.Queues.Models;
using Encourage.Hosting;

namespace Encourage.Delivery;

/// <summary>
/// Receives from the send queue and runs each job as the Functions queue trigger does (the local host's and the
/// tests' stand-in for it, with host.json's settings): deleted after the handler succeeds, made visible again
/// <see cref="EncourageOptions.SendRetryDelay"/> after a failure, and moved to the poison queue on the fifth.
/// </summary>
public sealed partial class SendQueueDrainer(EncourageStorage storage, SendJobHandler handler, IOptions<EncourageOptions> options,
    ILogger<SendQueueDrainer> logger)
{
    public const int MaxDequeueCount = 5;

    /// <summary>Messages asked for per receive, as the Functions queue trigger's <c>batchSize</c> (default 16).</summary>
    public const int BatchSize = 16;

    /// <summary>
    /// A new batch is received once this few jobs are still running, as the trigger's <c>newBatchThreshold</c>
    /// (default batchSize / 2): a slow job (a 429's Retry-After, a provider timeout) holds one slot, not the whole batch.
    /// </summary>
    public const int NewBatchThreshold = BatchSize / 2;

    /// <summary>How long a received job stays hidden while it runs (the runtime's default is 10 minutes; a job takes
    /// seconds). A worker that dies mid-job leaves it to reappear after this.</summary>
    private static readonly TimeSpan Visibility = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Runs jobs until the queue has nothing visible and none of this call's jobs is still running; returns how many
    /// jobs ran. At most <see cref="BatchSize"/> + <see cref="NewBatchThreshold"/> run at once.
    /// </summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        var running = new List<Task>(BatchSize + NewBatchThreshold);
        var total = 0;
        while (true)
        {
            if (running.Count <= NewBatchThreshold)
            {
                QueueMessage[] messages;
                try
                {
                    messages = (await storage.SendQueue.ReceiveMessagesAsync(BatchSize, Visibility, cancellationToken)).Value;
                }
                catch
                {
                    // Storage went away: let the jobs already running finish (or fail) before giving up.
                    await Task.WhenAll(running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    throw;
                }
                foreach (var message in messages) running.Add(RunAsync(message, cancellationToken));
                total += messages.Length;
                if (messages.Length > 0) continue;
                if (running.Count == 0) return total;
            }
            var finished = await Task.WhenAny(running);
            running.Remove(finished);
            if (!finished.IsCompletedSuccessfully)
            {
                await Task.WhenAll(running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                await finished;
            }
        }
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
            try
            {
                await storage.SendQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Gone already: the delete's first try worked and only its answer was lost. The job is done.
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.JobFailed(logger, message.MessageId, message.DequeueCount, Describe(e));
            if (message.DequeueCount >= MaxDequeueCount)
            {
                // As the Functions runtime does: the job goes to the poison queue; the reason is on its delivery row.
                await storage.PoisonQueue.SendMessageAsync(text, cancellationToken: cancellationToken);
                await storage.SendQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            }
            else
            {
                try
                {
                    await storage.SendQueue.UpdateMessageAsync(message.MessageId, message.PopReceipt, (BinaryData?)null,
                        options.Value.SendRetryDelay, cancellationToken);
                }
                catch (RequestFailedException update) when (update.Status is 400 or 404)
                {
                    // Its hidden time ran out and another worker holds it now: that worker decides.
                    Log.RetryNotScheduled(logger, message.MessageId, update.Status);
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>The exception's kind and storage status, never its message (which can quote a request).</summary>
    private static string Describe(Exception e) => e switch
    {
        RequestFailedException r => $"{nameof(RequestFailedException)} {r.Status} {r.ErrorCode}",
        AggregateException a => $"{nameof(AggregateException)}: {string.Join(", ", a.InnerExceptions.Select(Describe).Distinct())}",
        _ => e.GetType().Name,
    };

    private static partial class Log
    {
        [LoggerMessage(7003, LogLevel.Warning, "Send job {MessageId} failed on try {DequeueCount} ({Error})")]
        public static partial void JobFailed(ILogger logger, string messageId, long dequeueCount, string error);

        [LoggerMessage(7004, LogLevel.Warning, "Send job {MessageId} could not be made visible again ({Status}); it reappears when its hidden time ends")]
        public static partial void RetryNotScheduled(ILogger logger, string messageId, int status);
    }
}
