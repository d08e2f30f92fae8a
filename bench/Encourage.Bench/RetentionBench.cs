using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Core;
using Encourage.Replies;
using Encourage.Retention;
using Encourage.Storage;
using Encourage.Subscriptions;
using Encourage.TestSupport;

namespace Encourage.Bench;

/// <summary>
/// `retention`: for each size, stores that many reply events (each with its expiry-index row, as the webhook writes
/// them) in private tables on Azurite, a fraction of them already past their keep period and the rest expiring over the
/// next year, then runs the real RetentionSweep once and counts on the wire what it read per row it expired.
/// </summary>
public static class RetentionBench
{
    public const string Usage = "retention [--rows 10000,100000] [--expired 0.01] [--per-subscriber 100] [--parallel 16]";

    public static async Task<JsonObject> RunAsync(BenchArgs args, CancellationToken ct)
    {
        var sizes = args.IntList("rows", [10_000, 100_000], 100, 2_000_000);
        var fraction = args.Double("expired", 0.01, 0.0001, 1);
        var perSubscriber = args.Int("per-subscriber", 100, 1, 100);
        var parallel = args.Int("parallel", 16, 1, 128);
        args.RejectUnknown();

        var counter = new TableReadCounter();
        ClientOptions.Default.AddPolicy(counter, HttpPipelinePosition.PerCall);
        await Azurite.EnsureRunningAsync();
        Progress.Line($"retention: sizes {string.Join(", ", sizes)}; expired {fraction.ToString("P2", CultureInfo.InvariantCulture)}; {perSubscriber} rows per subscriber");

        var results = new JsonArray();
        var worst = 0.0;
        foreach (var n in sizes)
        {
            var r = await RunSizeAsync(n, fraction, perSubscriber, parallel, counter, ct);
            worst = Math.Max(worst, (double?)r["reads_per_expired"] ?? double.NaN);
            results.Add(r);
        }
        return new JsonObject
        {
            ["bench"] = "retention",
            ["reads_per_expired"] = Machine.Round(worst),
            ["goal"] = "<= 1.1",
            ["met"] = worst <= 1.1,
            ["sizes"] = results,
            ["machine"] = await Machine.InfoAsync(),
        };
    }

    private static async Task<JsonObject> RunSizeAsync(int n, double fraction, int perSubscriber, int parallel, TableReadCounter counter, CancellationToken ct)
    {
        var now = new DateTimeOffset(2027, 9, 1, 3, 30, 0, TimeSpan.Zero);
        // A patient storage timeout: the shared Azurite on this machine can take seconds per call under load.
        await using var services = await EncourageServices.StartAsync(now, new Dictionary<string, string?> { ["Encourage:StorageTimeout"] = "00:02:00" });
        var storage = services.Get<EncourageStorage>();
        var keepText = services.Get<ExpiryIndex>().KeepReplyText;
        var expired = Math.Max(1, (int)Math.Round(n * fraction));
        Progress.Line($"N={n}: {expired} expired; private tables '{services.Prefix}*'");

        // Row i belongs to subscriber i / perSubscriber. The first `expired` rows were received more than 90 days ago
        // (their index rows fall in the last 5 days); the rest later, expiring over the coming year.
        var random = new Random(n);
        var replies = new List<ReplyEventRow>(n);
        var index = new List<ExpiryRow>(n);
        for (var i = 0; i < n; i++)
        {
            var subscriber = "p" + (i / perSubscriber).ToString("x32", CultureInfo.InvariantCulture);
            var received = i < expired
                ? now - keepText - TimeSpan.FromDays(1 + random.Next(5)) - TimeSpan.FromMinutes(random.Next(1440))
                : now - keepText + TimeSpan.FromDays(1 + random.Next(364));
            var row = new ReplyEventRow
            {
                PartitionKey = subscriber,
                RowKey = ReplyEventRow.SlipPrefix + "SM" + i.ToString("x32", CultureInfo.InvariantCulture),
                Kind = "CHECKED",
                Utc = received,
                Day = 1 + random.Next(100),
                Phase = "let-go",
                Text = "I looked at his page again " + i.ToString(CultureInfo.InvariantCulture),
            };
            replies.Add(row);
            index.Add(ExpiryIndex.Row(ExpiryKinds.ReplyText, subscriber, row.RowKey, received + keepText));
        }
        var seed = Stopwatch.StartNew();
        await SeedAsync($"N={n}: replies", SeedClient.Subscribers(services), Batches.Plan(replies), parallel, ct);
        await SeedAsync($"N={n}: expiry index", SeedClient.For(storage.Expiry), Batches.Plan(index), parallel, ct);
        Progress.Line($"N={n}: seeded {2 * n} rows in {seed.Elapsed.TotalSeconds:F1}s");

        counter.Reset();
        counter.Enabled = true;
        var watch = Stopwatch.StartNew();
        var result = await services.Get<RetentionSweep>().RunAsync(ct);
        watch.Stop();
        counter.Enabled = false;
        var readsPerExpired = result.Expired > 0 ? (double)counter.Entities / result.Expired : double.NaN;
        Progress.Line($"N={n}: swept {result.Expired} in {watch.Elapsed.TotalMilliseconds:F0} ms; {counter.Entities} entities read ({readsPerExpired:F3} per expired)");
        return new JsonObject
        {
            ["stored_rows"] = n,
            ["expired"] = expired,
            ["texts_removed"] = result.TextsRemoved,
            ["index_rows_read"] = result.IndexRowsRead,
            ["wire_entities_read"] = counter.Entities,
            ["wire_table_requests"] = counter.Requests,
            ["reads_per_expired"] = Machine.Round(readsPerExpired),
            ["sweep_ms"] = Machine.Round(watch.Elapsed.TotalMilliseconds, 1),
            ["seed_s"] = Machine.Round(seed.Elapsed.TotalSeconds, 1),
        };
    }

    private static async Task SeedAsync<T>(string label, Azure.Data.Tables.TableClient table, List<List<T>> batches, int parallel, CancellationToken ct)
        where T : class, Azure.Data.Tables.ITableEntity
    {
        var done = 0;
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct }, async (batch, token) =>
        {
            await Batches.UpsertAsync(table, batch, token);
            var d = Interlocked.Increment(ref done);
            if (d % 500 == 0) Progress.Line($"{label}: {d}/{batches.Count} batches");
        });
    }
}
