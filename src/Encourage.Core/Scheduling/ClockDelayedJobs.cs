using System.Globalization;
using Encourage.Delivery;

namespace Encourage.Scheduling;

/// <summary>
/// Delayed send jobs (the urge check-back, a job picked up early) kept on the host's clock instead of the queue's
/// visibility timeout, for a host whose clock can be moved (the local host's dev clock): the dispatcher puts each on
/// the queue once the clock reaches it, so "Next day" brings what is due. Only the local host registers it; in Azure
/// the queue's own delay does this. Rows live in the Dispatch table's "delayed" partition, keyed by due time.
/// </summary>
public sealed class ClockDelayedJobs(EncourageStorage storage, TimeProvider time)
{
    public const string Partition = "delayed";

    public async Task AddAsync(SendJob job, TimeSpan delay, CancellationToken cancellationToken)
    {
        var due = time.GetUtcNow() + delay;
        var row = new TableEntity(Partition, due.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N"))
        {
            ["Job"] = job.ToJson(),
            ["DueUtc"] = due,
        };
        await storage.Dispatch.AddEntityAsync(row, cancellationToken);
    }

    /// <summary>Puts every job whose time has come on the queue (then removes its row); returns how many.</summary>
    public async Task<int> ReleaseDueAsync(SendJobQueue queue, CancellationToken cancellationToken)
    {
        var upTo = time.GetUtcNow().UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-~";
        var due = new List<TableEntity>();
        await foreach (var row in storage.Dispatch.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey le {upTo}"), cancellationToken: cancellationToken))
        {
            due.Add(row);
        }
        foreach (var row in due)
        {
            // Enqueue first, then delete: a crash between sends the job twice, which the sender's claims make harmless.
            if (SendJob.FromJson(row.GetString("Job")) is { } job) await queue.EnqueueAsync(job, null, cancellationToken);
            await storage.Dispatch.DeleteEntityAsync(Partition, row.RowKey, ETag.All, cancellationToken);
        }
        return due.Count;
    }
}
