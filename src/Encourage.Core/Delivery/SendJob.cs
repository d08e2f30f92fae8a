using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Storage.Queues;

namespace Encourage.Delivery;

/// <summary>What a queued job asks the sender to do.</summary>
public enum SendJobKind { Daily, Confirm, Welcome, Checkback, DataLink }

/// <summary>One message to send, as it sits in the send queue.</summary>
/// <param name="Kind">Which message.</param>
/// <param name="SubscriberId">Who to.</param>
/// <param name="DueUtc">For <see cref="SendJobKind.Daily"/>: the due-index slot the job came from.</param>
/// <param name="Channel">For one-off messages: <see cref="Channels.Sms"/> or <see cref="Channels.Email"/> (queued by name; older "sms"/"email" read too).</param>
/// <param name="Ref">For check-backs: the urge's message id, so each urge gets one check-back. For a data link: its issue time (Unix ms).</param>
public sealed record SendJob(
    SendJobKind Kind,
    string SubscriberId,
    DateTimeOffset? DueUtc = null,
    Channels? Channel = null,
    string? Ref = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a queued job; null for a message that is not one (it then goes to the poison queue).</summary>
    public static SendJob? FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            var job = JsonSerializer.Deserialize<SendJob>(json, Json);
            return job is { SubscriberId.Length: > 0 } && Enum.IsDefined(job.Kind) && job.Channel is null or Channels.Sms or Channels.Email ? job : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>
/// Puts send jobs on the queue the send trigger drains (base64, as the Functions queue binding expects). A delayed job
/// waits on the queue's visibility timeout, or, on a host with a movable clock, in <see cref="Scheduling.ClockDelayedJobs"/>.
/// </summary>
public sealed class SendJobQueue(EncourageStorage storage, Scheduling.ClockDelayedJobs? onTheClock = null, SendQueueSignal? signal = null)
{
    public QueueClient Queue => storage.SendQueue;

    public async Task EnqueueAsync(SendJob job, TimeSpan? delay, CancellationToken cancellationToken)
    {
        if (onTheClock is not null && delay > TimeSpan.Zero)
        {
            await onTheClock.AddAsync(job, delay.Value, cancellationToken);
            return;
        }
        await storage.SendQueue.SendMessageAsync(job.ToJson(), visibilityTimeout: delay, cancellationToken: cancellationToken);
        if (delay is null || delay <= TimeSpan.Zero) signal?.Notify();
    }
}

/// <summary>
/// "A job was just queued in this process": lets a polling worker (the local host's stand-in for the queue trigger)
/// back off while the queue is idle and still start at once on its own host's work. Jobs queued by another process
/// are found at the next poll, as the Functions queue trigger's polling finds them.
/// </summary>
public sealed class SendQueueSignal
{
    private readonly SemaphoreSlim _queued = new(0, 1);

    public void Notify()
    {
        if (_queued.CurrentCount == 0)
        {
            try { _queued.Release(); } catch (SemaphoreFullException) { }
        }
    }

    /// <summary>Waits until a job is queued here or <paramref name="timeout"/> passes.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _queued.WaitAsync(timeout, cancellationToken);
}
