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

    /// <summary>
    /// How long a received job stays hidden. The hold is renewed every <see cref="RenewEvery"/> while the job runs, as
    /// the Functions queue listener renews its own, so a slow job is never run twice side by side; a job whose worker
    /// died, or whose failure could not be written back (storage down at that moment), reappears this long after its
    /// last renewal instead of waiting out a long fixed hold.
    /// </summary>
    internal static readonly TimeSpan Visibility = TimeSpan.FromMinutes(1);

    /// <summary>A third of <see cref="Visibility"/>: two renewals can be slow or fail before the hold lapses.</summary>
    internal static readonly TimeSpan RenewEvery = Visibility / 3;

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
        var hold = new Hold(message.MessageId, message.PopReceipt);
        using var stopRenewing = new CancellationTokenSource();
        var renewing = RenewAsync(hold, stopRenewing.Token, cancellationToken);
        try
        {
            var job = SendJob.FromJson(text) ?? throw new InvalidDataException("Not a send job.");
            await handler.HandleAsync(job, cancellationToken);
            await StopAsync(stopRenewing, renewing);
            try
            {
                await storage.SendQueue.DeleteMessageAsync(hold.MessageId, hold.PopReceipt, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Gone already: the delete's first try worked and only its answer was lost. The job is done.
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await StopAsync(stopRenewing, renewing);
            Log.JobFailed(logger, message.MessageId, message.DequeueCount, Describe(e));
            if (message.DequeueCount >= MaxDequeueCount)
            {
                // As the Functions runtime does: the job goes to the poison queue; the reason is on its delivery row.
                await storage.PoisonQueue.SendMessageAsync(text, cancellationToken: cancellationToken);
                await storage.SendQueue.DeleteMessageAsync(hold.MessageId, hold.PopReceipt, cancellationToken);
            }
            else
            {
                try
                {
                    await storage.SendQueue.UpdateMessageAsync(hold.MessageId, hold.PopReceipt, (BinaryData?)null,
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
            await StopAsync(stopRenewing, renewing);
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>A received job's hold: each renewal gives the message a new pop receipt, which the delete must use.</summary>
    private sealed class Hold(string messageId, string popReceipt)
    {
        public string MessageId { get; } = messageId;
        public string PopReceipt { get; set; } = popReceipt;
    }

    /// <summary>
    /// Renews the hold until stopped. A renewal already sent is never cancelled (its answer carries the new pop
    /// receipt); stopping waits for it. A renewal that fails is logged and tried again at the next turn.
    /// </summary>
    private async Task RenewAsync(Hold hold, CancellationToken stop, CancellationToken cancellationToken)
    {
        while (true)
        {
            try { await Task.Delay(RenewEvery, stop); }
            catch (OperationCanceledException) { return; }
            try
            {
                var renewed = await storage.SendQueue.UpdateMessageAsync(hold.MessageId, hold.PopReceipt, (BinaryData?)null, Visibility, cancellationToken);
                hold.PopReceipt = renewed.Value.PopReceipt;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { return; }
            catch (RequestFailedException e) when (e.Status is 400 or 404)
            {
                // The hold lapsed and the job is another worker's now (or gone): nothing left to renew.
                Log.RenewFailed(logger, hold.MessageId, Describe(e));
                return;
            }
            catch (Exception e)
            {
                Log.RenewFailed(logger, hold.MessageId, Describe(e));
            }
        }
    }

    private static async Task StopAsync(CancellationTokenSource stop, Task renewing)
    {
        if (!stop.IsCancellationRequested) await stop.CancelAsync();
        await renewing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
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

        [LoggerMessage(7005, LogLevel.Warning, "Send job {MessageId}: its hold could not be renewed ({Error}); tried again shortly")]
        public static partial void RenewFailed(ILogger logger, string messageId, string error);
    }
}
