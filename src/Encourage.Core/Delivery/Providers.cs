namespace Encourage.Delivery;

/// <summary>An SMS as it goes to the provider.</summary>
public sealed record SmsMessage(string To, string Body, string? StatusCallbackUrl = null);

/// <summary>An email as it goes to the provider.</summary>
/// <param name="ReplyTo">Where a reply goes: the subscriber's tagged reply address, when replies by email are on.</param>
public sealed record EmailMessage(
    string To,
    string Subject,
    string Html,
    string Text,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> CustomArgs,
    IReadOnlyList<string> Categories,
    string? ReplyTo = null);

/// <summary>What the provider said: its id for the message.</summary>
public sealed record ProviderReceipt(string ProviderMessageId);

/// <summary>Sends a text. Twilio in production; the local outbox without credentials.</summary>
public interface ISmsSender
{
    Task<ProviderReceipt> SendAsync(SmsMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Asks the provider whether this exact message already went to this number since <paramref name="since"/>: after
    /// a send whose outcome was never learned (a timeout, a crash), this decides between "record it" and "send it".
    /// </summary>
    Task<ProviderReceipt?> FindSentAsync(SmsMessage message, DateTimeOffset since, CancellationToken cancellationToken);
}

/// <summary>Sends an email. SendGrid in production; the local outbox without credentials.</summary>
public interface IEmailSender
{
    Task<ProviderReceipt> SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>The provider refused the message for good (bad number, opted out): retrying will not help.</summary>
public sealed class PermanentDeliveryException(string message, string? code = null, Exception? inner = null)
    : Exception(message, inner)
{
    public string? Code { get; } = code;
}
