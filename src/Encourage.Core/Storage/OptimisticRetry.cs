namespace Encourage.Storage;

/// <summary>
/// The one retry policy for optimistic concurrency: read, decide, write with If-Match; when somebody else wrote
/// first, read again and decide again. Every read-modify-write of a profile goes through here.
/// </summary>
public static class OptimisticRetry
{
    /// <summary>How many times a change is decided again before it gives up (the caller's retry, a queue's or a webhook's, takes over).</summary>
    public const int Attempts = 5;

    /// <summary>Runs <paramref name="attempt"/> until it reports done; throws after <see cref="Attempts"/> tries.</summary>
    /// <param name="what">What was being done, for the exception ("confirmed", "sent").</param>
    public static async Task<T> RunAsync<T>(Func<Task<(bool Done, T Value)>> attempt, string what)
    {
        for (var i = 0; i < Attempts; i++)
        {
            var (done, value) = await attempt();
            if (done) return value;
        }
        throw new InvalidOperationException($"The subscription kept changing while it was being {what}; a retry will read it again.");
    }

    /// <summary>
    /// Adds the entity when it was never read (no ETag), else replaces it If-Match; false when somebody else added,
    /// changed or deleted it first (read again and decide again).
    /// </summary>
    public static async Task<bool> TryWriteAsync<T>(TableClient table, T entity, CancellationToken cancellationToken) where T : class, ITableEntity
    {
        try
        {
            var response = entity.ETag == default
                ? await table.AddEntityAsync(entity, cancellationToken)
                : await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
            entity.ETag = response.Headers.ETag ?? ETag.All;
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
        {
            return false;
        }
    }
}
