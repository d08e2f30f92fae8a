using Azure.Core;
using Azure.Identity;
using Azure.Storage.Queues;
using Encourage.Hosting;
using Microsoft.Extensions.Configuration;

namespace Encourage.Storage;

/// <summary>The tables and queues Encourage uses, all in the <c>AzureWebJobsStorage</c> account.</summary>
public sealed class EncourageStorage
{
    /// <summary>The queue the send trigger reads; the Functions binding names it by this setting.</summary>
    public const string SendQueueSetting = "Encourage:SendQueueName";
    public const string DefaultSendQueue = "send-jobs";

    private readonly TableServiceClient _tables;
    private readonly QueueServiceClient _queues;
    private readonly string _prefix;

    public EncourageStorage(IConfiguration configuration, IOptions<EncourageOptions> options)
    {
        _prefix = options.Value.StoragePrefix;
        (_tables, _queues) = Connect(configuration, options.Value.StorageTimeout);
        Subscribers = Table("Subscribers");
        DueIndex = Table("DueIndex");
        Dispatch = Table("Dispatch");
        Outbox = Table("Outbox");
        Stats = Table("Stats");
        Suppression = Table("Suppression");
        Messages = Table("Messages");
        Limits = Table("Limits");
        Expiry = Table("Expiry");
        SendQueueName = configuration[SendQueueSetting] is { Length: > 0 } q ? q : DefaultSendQueue;
        SendQueue = _queues.GetQueueClient(SendQueueName);
        PoisonQueue = _queues.GetQueueClient(SendQueueName + "-poison");
    }

    /// <summary>
    /// One partition per subscriber: the profile, deliveries, reply events, handled messages, an alert. Read and written
    /// by <see cref="Subscriptions.SubscriberStore"/> only: internal, so no other assembly can reach it, and a test
    /// (PartitionOwnerTests) fails for any other file of this one that names it.
    /// </summary>
    internal TableClient Subscribers { get; }
    public TableClient DueIndex { get; }
    public TableClient Dispatch { get; }
    public TableClient Outbox { get; }
    public TableClient Stats { get; }
    public TableClient Suppression { get; }

    /// <summary>Provider message id to subscriber, for delivery callbacks.</summary>
    public TableClient Messages { get; }

    /// <summary>Hourly sign-up counters (per client address, per number range, in total), shared by every instance.</summary>
    public TableClient Limits { get; }
    /// <summary>What expires on which day (reply text, deliveries, ended subscribers), read by the retention sweep.</summary>
    public TableClient Expiry { get; }
    public string SendQueueName { get; }
    public QueueClient SendQueue { get; }
    public QueueClient PoisonQueue { get; }

    /// <summary>Every table, to create and delete them (the README walk clears the dev store with it); not for rows.</summary>
    public IEnumerable<TableClient> AllTables => [Subscribers, DueIndex, Dispatch, Outbox, Stats, Suppression, Messages, Limits, Expiry];

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        foreach (var table in AllTables)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
        }
        await SendQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await PoisonQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }

    /// <summary>Deletes every table and queue (the simulator's and tests' private sets only).</summary>
    public async Task DeleteAllAsync(CancellationToken cancellationToken)
    {
        foreach (var table in AllTables) await table.DeleteAsync(cancellationToken);
        await SendQueue.DeleteIfExistsAsync(cancellationToken);
        await PoisonQueue.DeleteIfExistsAsync(cancellationToken);
    }

    private TableClient Table(string name) => _tables.GetTableClient(_prefix + name);

    private static (TableServiceClient, QueueServiceClient) Connect(IConfiguration configuration, TimeSpan timeout)
    {
        // Few, quick retries: Twilio waits 15 s for a webhook answer, and a 503 it can retry beats a late 200.
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        var tableOptions = new TableClientOptions();
        foreach (var retry in new[] { queueOptions.Retry, tableOptions.Retry })
        {
            retry.MaxRetries = 2;
            retry.Delay = TimeSpan.FromMilliseconds(200);
            retry.MaxDelay = TimeSpan.FromSeconds(2);
            retry.NetworkTimeout = timeout;
        }
        var connectionString = configuration["AzureWebJobsStorage"];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return (new TableServiceClient(connectionString, tableOptions), new QueueServiceClient(connectionString, queueOptions));
        }

        // Identity-based connection, as deployed: AzureWebJobsStorage__tableServiceUri and __queueServiceUri.
        var section = configuration.GetSection("AzureWebJobsStorage");
        var tableUri = section["tableServiceUri"];
        var queueUri = section["queueServiceUri"];
        if (string.IsNullOrWhiteSpace(tableUri) || string.IsNullOrWhiteSpace(queueUri))
        {
            throw new OptionsValidationException("AzureWebJobsStorage", typeof(EncourageStorage),
                ["AzureWebJobsStorage is required: a connection string, or AzureWebJobsStorage__tableServiceUri and AzureWebJobsStorage__queueServiceUri with a managed identity."]);
        }
        TokenCredential credential = section["clientId"] is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
        return (new TableServiceClient(new Uri(tableUri), credential, tableOptions),
            new QueueServiceClient(new Uri(queueUri), credential, queueOptions));
    }
}
