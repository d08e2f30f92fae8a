using System.Globalization;
using System.Text.Json;
using Encourage.Privacy;

namespace Encourage.Delivery;

/// <summary>A message the local outbox took instead of a provider.</summary>
public sealed class OutboxEntry : ITableEntity
{
    public const string Partition = "outbox";
    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string Channel { get; set; } = "";
    public string To { get; set; } = "";
    public string? Subject { get; set; }
    public string Text { get; set; } = "";
    public string? Html { get; set; }
    public string HeadersJson { get; set; } = "{}";
    public DateTimeOffset CreatedUtc { get; set; }
}

/// <summary>
/// The local outbox: with no provider credentials (development mode only), every message that would have gone out
/// is stored in Table Storage and printed on the console, clearly labelled, so a developer can read it.
/// </summary>
public sealed class Outbox(EncourageStorage storage, TimeProvider time) : ISmsSender, IEmailSender
{
    public const string SmsReplyChannel = "sms-reply";

    public async Task<ProviderReceipt> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        var id = await StoreAsync(ChannelNames.Sms, message.To, null, message.Body, null, new Dictionary<string, string>(), cancellationToken);
        return new ProviderReceipt("SMOUTBOX" + id);
    }

    public async Task<ProviderReceipt?> FindSentAsync(SmsMessage message, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var sent = (await ListAsync(message.To, cancellationToken))
            .LastOrDefault(e => e.Channel == ChannelNames.Sms && e.CreatedUtc >= since.AddMinutes(-1) && e.Text == message.Body);
        return sent is null ? null : new ProviderReceipt("SMOUTBOX" + sent.RowKey);
    }

    public async Task<ProviderReceipt> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        // The Reply-To is kept with the headers, so the dev phone shows where a reply would go.
        var headers = message.ReplyTo is { Length: > 0 } replyTo
            ? new Dictionary<string, string>(message.Headers) { ["Reply-To"] = replyTo }
            : message.Headers;
        var id = await StoreAsync(ChannelNames.Email, message.To, message.Subject, message.Text, message.Html, headers, cancellationToken);
        return new ProviderReceipt("outbox-" + id);
    }

    public const string SmsInboundChannel = "sms-in";

    /// <summary>Records a text the dev phone sent in, so its thread shows both sides.</summary>
    public Task RecordInboundAsync(string from, string body, CancellationToken cancellationToken) =>
        StoreAsync(SmsInboundChannel, from, null, body, null, new Dictionary<string, string>(), cancellationToken);

    public const string EmailInboundChannel = "email-in";

    /// <summary>Records an email reply the dev phone sent in, so its email tab shows both sides.</summary>
    public Task RecordEmailInAsync(string from, string subject, string body, CancellationToken cancellationToken) =>
        StoreAsync(EmailInboundChannel, from, subject, body, null, new Dictionary<string, string>(), cancellationToken);

    /// <summary>Records a reply that went back inside a TwiML response (the local phone shows those too).</summary>
    public Task RecordReplyAsync(string to, string body, CancellationToken cancellationToken) =>
        StoreAsync(SmsReplyChannel, to, null, body, null, new Dictionary<string, string>(), cancellationToken);

    /// <summary>One entry by its id (row key), or null.</summary>
    public async Task<OutboxEntry?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var found = await storage.Outbox.GetEntityIfExistsAsync<OutboxEntry>(OutboxEntry.Partition, id, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    public async Task<IReadOnlyList<OutboxEntry>> ListAsync(string? to, CancellationToken cancellationToken)
    {
        var filter = string.IsNullOrWhiteSpace(to)
            ? TableClient.CreateQueryFilter($"PartitionKey eq {OutboxEntry.Partition}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {OutboxEntry.Partition} and To eq {to.Trim()}");
        var items = new List<OutboxEntry>();
        await foreach (var e in storage.Outbox.QueryAsync<OutboxEntry>(filter, cancellationToken: cancellationToken))
        {
            items.Add(e);
        }
        return items.OrderBy(e => e.RowKey, StringComparer.Ordinal).ToList();
    }

    private async Task<string> StoreAsync(string channel, string to, string? subject, string text, string? html,
        IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // Row keys sort oldest first: the clock's ticks, then a random suffix for messages in the same tick.
        var rowKey = now.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        await storage.Outbox.AddEntityAsync(new OutboxEntry
        {
            RowKey = rowKey,
            Channel = channel,
            To = to,
            Subject = subject,
            Text = text,
            Html = html,
            HeadersJson = JsonSerializer.Serialize(headers),
            CreatedUtc = now,
        }, cancellationToken);
        var who = channel == ChannelNames.Email ? Redact.Email(to) : Redact.Phone(to);
        // Standard error, so a command whose output is data (simulate --format csv) stays clean.
        // An email's text starts with the layout's header (the name, then the day line, if any); show the day line.
        var detail = channel == ChannelNames.Email ? text.Split('\n').ElementAtOrDefault(1) ?? "" : text.Split('\n')[0];
        Console.Error.WriteLine($"[LOCAL OUTBOX: not sent] {channel} to {who}{(subject is null ? "" : $" | {subject}")}{(detail.Length == 0 ? "" : "\n  " + detail)}");
        return rowKey;
    }
}
