using Encourage.Delivery;
using Encourage.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Encourage.Functions.Functions;

/// <summary>Sends one queued job. After 5 failed tries the runtime moves it to send-jobs-poison.</summary>
public sealed class SendMessage(SendJobHandler handler)
{
    [Function(nameof(SendMessage))]
    public Task Run([QueueTrigger(EncourageStorage.DefaultSendQueue)] string message, CancellationToken cancellationToken) =>
        handler.HandleAsync(SendJob.FromJson(message) ?? throw new InvalidDataException("Not a send job."), cancellationToken);
}
