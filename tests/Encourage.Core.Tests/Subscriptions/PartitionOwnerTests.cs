using System.Reflection;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Encourage.Storage;

namespace Encourage.Core.Tests.Subscriptions;

/// <summary>
/// One store owns a subscriber's partition (issue 20): <see cref="SubscriberStore"/> is the only code that reads or
/// writes the Subscribers table, and it refuses what Azure would refuse before anything leaves the process.
/// </summary>
public sealed partial class PartitionOwnerTests
{
    private const string StoreFolder = "src/Encourage.Core/Subscriptions/Store/";
    private const string StorageFile = "src/Encourage.Core/Storage/EncourageStorage.cs";

    [GeneratedRegex(@"\.Subscribers\b|""Subscribers""|\bLegacyProfile\.")]
    private static partial Regex SubscribersTable();

    [Fact]
    public void No_file_outside_the_store_names_the_subscribers_table()
    {
        var hits = SourceFiles()
            .SelectMany(f => File.ReadLines(Path.Combine(Repo.Root, f)).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => SubscribersTable().IsMatch(l.Text))
            .ToList();

        Assert.Contains(hits, h => h.File.StartsWith(StoreFolder, StringComparison.Ordinal)); // the scan sees the store's own use
        var outside = hits.Where(h => !h.File.StartsWith(StoreFolder, StringComparison.Ordinal) && h.File != StorageFile);
        Assert.True(!outside.Any(), "Only SubscriberStore reads or writes the Subscribers table; call a method on it instead:\n" +
            string.Join("\n", outside.Select(h => $"{h.File}:{h.Line}: {h.Text.Trim()}")));
    }

    [Fact]
    public void The_table_client_is_not_public_so_no_other_assembly_can_reach_it()
    {
        var property = typeof(EncourageStorage).GetProperty(nameof(EncourageStorage.Subscribers), BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)!;
        Assert.False(property.GetMethod!.IsPublic);
        Assert.DoesNotContain(typeof(SubscriberStore).GetProperties(), p => p.PropertyType == typeof(TableClient));
        Assert.False(typeof(SubscriberStore).Assembly.GetType("Encourage.Subscriptions.LegacyProfile")!.IsPublic);
    }

    [Fact]
    public void A_transaction_is_at_most_100_operations_in_one_partition()
    {
        TableLimits.CheckBatch(Deletes("p1", 100));
        Assert.Throws<ArgumentException>(() => TableLimits.CheckBatch(Deletes("p1", 101)));
        Assert.Throws<ArgumentException>(() => TableLimits.CheckBatch([.. Deletes("p1", 1), .. Deletes("p2", 1)]));
        Assert.Throws<ArgumentException>(() => TableLimits.CheckBatch([]));

        var batches = TableLimits.Batches([.. Deletes("p1", 250), .. Deletes("p2", 3)]).ToList();
        Assert.Equal([100, 100, 50, 3], batches.Select(b => b.Length));
        Assert.All(batches, b => Assert.Single(b.Select(a => a.Entity.PartitionKey).Distinct()));
    }

    [Fact]
    public void A_row_is_at_most_1_MiB_a_string_32K_characters_and_a_key_holds_no_forbidden_character()
    {
        TableLimits.CheckEntity(new TableEntity("p1", "slip|SM1") { ["Text"] = new string('a', TableLimits.MaxStringChars) });
        Assert.Throws<ArgumentException>(() => TableLimits.CheckEntity(new TableEntity("p1", "slip|SM1") { ["Text"] = new string('a', TableLimits.MaxStringChars + 1) }));
        Assert.Throws<ArgumentException>(() => TableLimits.CheckEntity(new Subscriber { Id = "p1", FirstName = new string('a', TableLimits.MaxStringChars + 1) }));

        Assert.Throws<ArgumentException>(() => TableLimits.CheckEntity(Wide("p1", "wide", 20))); // 20 x 60 KB: 1.2 MB
        // Five rows of 900 KB each are each allowed, but not in one transaction (4.5 MB).
        var rows = Enumerable.Range(0, 5).Select(i => new TableTransactionAction(TableTransactionActionType.Add, Wide("p1", "r" + i, 15))).ToArray();
        Assert.All(rows, r => TableLimits.CheckEntity(r.Entity));
        Assert.Throws<ArgumentException>(() => TableLimits.CheckBatch(rows));
        Assert.Equal([4, 1], TableLimits.Batches(rows).Select(b => b.Length));

        foreach (var key in new[] { "a/b", "a\\b", "a#b", "a?b", "a\u0001b", new string('k', TableLimits.MaxKeyChars + 1) })
        {
            Assert.Throws<ArgumentException>(() => TableLimits.CheckEntity(new TableEntity("p1", key)));
        }
    }

    [Fact]
    public void What_someone_wrote_is_kept_up_to_1600_characters()
    {
        Assert.Equal(ReplyEventRow.MaxText, ReplyEventRow.Kept(new string('x', 5000)).Length);
        Assert.Equal("short", ReplyEventRow.Kept("short"));
    }

    [Fact]
    public async Task The_store_refuses_a_profile_Azure_would_refuse_before_it_writes_anything()
    {
        var now = new DateTimeOffset(2027, 4, 1, 12, 0, 0, TimeSpan.Zero);
        await using var s = await EncourageServices.StartAsync(now);
        var store = s.Get<SubscriberStore>();
        const string id = "p00000000000000000000000000000b12";
        var profile = new Subscriber { Id = id, FirstName = new string('a', TableLimits.MaxStringChars + 1), NextDueUtc = now.AddDays(1), CreatedUtc = now };

        await Assert.ThrowsAsync<ArgumentException>(() => store.TrySaveAsync(profile, CancellationToken.None));

        Assert.Empty(await store.ReadPartitionAsync(id, CancellationToken.None));
        Assert.Empty(await s.Get<EncourageStorage>().DueIndex.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {id}")).ToListAsync());
    }

    /// <summary>A row of <paramref name="properties"/> strings of 30,000 characters (60 KB) each.</summary>
    private static TableEntity Wide(string partition, string rowKey, int properties)
    {
        var row = new TableEntity(partition, rowKey);
        for (var i = 0; i < properties; i++) row["Text" + i] = new string('a', 30_000);
        return row;
    }

    private static TableTransactionAction[] Deletes(string partition, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, "r" + i), Azure.ETag.All))];

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(Repo.Root, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Repo.Root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal));
}
