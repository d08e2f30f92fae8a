using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Encourage.Delivery;
using Encourage.Scheduling;
using Encourage.Storage;
using Encourage.Subscriptions;
using Encourage.TestSupport;

namespace Encourage.Bench;

/// <summary>
/// `dispatch`: for each population, seeds subscribers and their due-index rows into private tables on Azurite, runs
/// the real Dispatcher's tick once (after one unmeasured warm-up tick) and measures what it read and how long it took.
/// </summary>
public static class DispatchBench
{
    public const string Usage =
        "dispatch [--subscribers 10000,100000] [--due 0.01 | --due-count K] [--buckets 8] [--future-days 2]\n" +
        "         [--parallel 32] [--raw-entities 20000] [--raw-messages 1000] [--repeat 3] [--no-profiles]";

    private sealed record Options(
        IReadOnlyList<int> Populations, double DueFraction, int? DueCount, int Buckets, int FutureDays,
        int Parallel, int RawEntities, int RawMessages, int Repeat, bool Profiles);

    public static async Task<JsonObject> RunAsync(BenchArgs args, CancellationToken ct)
    {
        var dueCountText = args.String("due-count");
        var o = new Options(
            args.IntList("subscribers", [10_000, 100_000], 1, 5_000_000),
            args.Double("due", 0.01, 0, 1),
            dueCountText is null ? null : args.Int("due-count", 0, 0, 5_000_000),
            args.Int("buckets", 8, 1, 64),
            args.Int("future-days", 2, 1, 60),
            args.Int("parallel", 32, 1, 256),
            args.Int("raw-entities", 20_000, 100, 5_000_000),
            args.Int("raw-messages", 1_000, 10, 1_000_000),
            args.Int("repeat", 3, 1, 50),
            !args.Flag("no-profiles"));
        args.RejectUnknown();

        // Every Azure client built from here on carries the counter (EncourageStorage builds its own options).
        var counter = new TableReadCounter();
        ClientOptions.Default.AddPolicy(counter, HttpPipelinePosition.PerCall);

        await Azurite.EnsureRunningAsync();
        Progress.Line($"dispatch: populations {string.Join(", ", o.Populations)}; due {(o.DueCount is { } k ? k + " each" : o.DueFraction.ToString("P2", CultureInfo.InvariantCulture))}; buckets {o.Buckets}; future {o.FutureDays} days; parallel {o.Parallel}");

        // Azurite's first writes after start are slow: warm it (not reported); each population measures its own raw rate.
        await MeasureRawInsertAsync(o with { RawEntities = Math.Min(o.RawEntities, 2_000) }, "warm-up", ct);
        var populations = new JsonArray();
        var results = new List<PopulationResult>();
        foreach (var n in o.Populations)
        {
            var r = await RunPopulationAsync(n, o, counter, ct);
            results.Add(r);
            populations.Add(r.ToJson());
        }

        var smallest = results.MinBy(r => r.Subscribers)!;
        var largest = results.MaxBy(r => r.Subscribers)!;
        var dispatchedPerS = largest.TickSeconds > 0 ? largest.Enqueued / largest.TickSeconds : 0;
        var readsPerDue = results.Where(r => r.Due > 0).Select(r => r.WireReadsPerDue).DefaultIfEmpty(double.NaN).Max();
        double? tickRatio = results.Count > 1 ? largest.TickSeconds / smallest.TickSeconds : null;
        double? tickPerDueRatio = results.Count > 1 && smallest.Due > 0 && largest.Due > 0
            ? largest.TickSeconds / largest.Due / (smallest.TickSeconds / smallest.Due) : null;
        double? readRatio = results.Count > 1 ? largest.ReadSeconds / smallest.ReadSeconds : null;
        var raw = largest.RawInsertPerS;
        var dispatchVsRaw = raw > 0 ? dispatchedPerS / raw : double.NaN;

        return new JsonObject
        {
            ["bench"] = "dispatch",
            ["reads_per_due"] = Num(readsPerDue),
            ["tick_ratio"] = tickRatio is { } t ? Num(t) : null,
            ["tick_ratio_between"] = new JsonArray(smallest.Subscribers, largest.Subscribers),
            ["tick_per_due_ratio"] = tickPerDueRatio is { } tpd ? Num(tpd) : null,
            ["read_ratio"] = readRatio is { } rr ? Num(rr) : null,
            ["dispatched_per_s"] = Num(dispatchedPerS, 1),
            ["raw_insert_per_s"] = Num(raw, 1),
            ["dispatch_vs_raw"] = Num(dispatchVsRaw),
            ["raw_enqueue_per_s"] = Num(largest.RawEnqueuePerS, 1),
            ["dispatch_vs_raw_enqueue"] = largest.RawEnqueuePerS > 0 ? Num(dispatchedPerS / largest.RawEnqueuePerS) : null,
            ["goals"] = new JsonObject
            {
                ["reads_per_due_le_1_1"] = readsPerDue <= 1.1,
                ["tick_ratio_le_1_3"] = tickRatio is { } g ? g <= 1.3 : null,
                ["dispatch_vs_raw_ge_0_5"] = dispatchVsRaw >= 0.5,
            },
            ["settings"] = new JsonObject
            {
                ["subscribers"] = new JsonArray(o.Populations.Select(p => (JsonNode)p).ToArray()),
                ["due_fraction"] = o.DueCount is null ? o.DueFraction : null,
                ["due_count"] = o.DueCount,
                ["buckets"] = o.Buckets,
                ["future_days"] = o.FutureDays,
                ["parallel"] = o.Parallel,
                ["raw_entities"] = o.RawEntities,
                ["raw_messages"] = o.RawMessages,
                ["repeat"] = o.Repeat,
                ["profiles"] = o.Profiles,
            },
            ["populations"] = populations,
            ["machine"] = await Machine.InfoAsync(),
        };
    }

    private static JsonNode? Num(double v, int digits = 3) => double.IsFinite(v) ? JsonValue.Create(Machine.Round(v, digits)) : null;

    private sealed record PopulationResult(
        int Subscribers, int Due, int RowsRead, int Enqueued, long WireEntities, long WireRequests, long WirePages,
        double TickSeconds, double[] TickSamples, double ReadSeconds, double SeedProfilesPerS, double SeedIndexPerS,
        double SeedSeconds, int IndexBatches, int IndexPartitions, int QueueCount, double RawInsertPerS, double RawEnqueuePerS)
    {
        public double WireReadsPerDue => Due > 0 ? (double)WireEntities / Due : double.NaN;

        public JsonObject ToJson() => new()
        {
            ["subscribers"] = Subscribers,
            ["due"] = Due,
            ["rows_read"] = RowsRead,
            ["enqueued"] = Enqueued,
            ["queue_messages_after_tick"] = QueueCount,
            ["wire_entities_read"] = WireEntities,
            ["wire_table_requests"] = WireRequests,
            ["wire_query_pages"] = WirePages,
            ["reads_per_due"] = Num(WireReadsPerDue),
            ["rows_read_per_due"] = Due > 0 ? Num((double)RowsRead / Due) : null,
            ["tick_ms"] = Num(TickSeconds * 1000, 1),
            ["tick_ms_samples"] = new JsonArray(TickSamples.Select(s => Num(s * 1000, 1)).ToArray()),
            ["index_read_ms"] = Num(ReadSeconds * 1000, 1),
            ["dispatched_per_s"] = TickSeconds > 0 ? Num(Enqueued / TickSeconds, 1) : null,
            ["seed_s"] = Num(SeedSeconds, 1),
            ["seed_profiles_per_s"] = Num(SeedProfilesPerS, 1),
            ["seed_index_rows_per_s"] = Num(SeedIndexPerS, 1),
            ["raw_insert_per_s"] = Num(RawInsertPerS, 1),
            ["raw_enqueue_per_s"] = Num(RawEnqueuePerS, 1),
            ["index_batches"] = IndexBatches,
            ["index_partitions"] = IndexPartitions,
        };
    }

    private static async Task<PopulationResult> RunPopulationAsync(int n, Options o, TableReadCounter counter, CancellationToken ct)
    {
        // "Now" is 4 minutes into the current 5-minute slot, so due rows spread over the slot's first 4 minutes.
        var slotStart = DueIndex.SlotStart(DueIndex.Slot(DateTimeOffset.UtcNow));
        var now = slotStart.AddMinutes(4);
        var settings = new Dictionary<string, string?> { ["Encourage:DueIndexBuckets"] = o.Buckets.ToString(CultureInfo.InvariantCulture) };
        await using var services = await EncourageServices.StartAsync(now, settings);
        var storage = services.Get<EncourageStorage>();
        var dueIndex = services.Get<DueIndex>();
        var dispatcher = services.Get<Dispatcher>();
        Progress.Line($"N={n}: private tables '{services.Prefix}*'");

        // The population: ids as the product makes them ("p" + 32 hex), a fraction due now, the rest in future slots.
        var due = Math.Min(n, o.DueCount ?? (int)Math.Round(n * o.DueFraction, MidpointRounding.AwayFromZero));
        var rng = new Random(7919 + n);
        var dueSeconds = (int)(now - slotStart).TotalSeconds;
        var futureStart = slotStart.AddMinutes(SendSchedule.SlotMinutes);
        var futureSeconds = o.FutureDays * 86_400;
        var profiles = new Subscriber[n];
        var rows = new DueIndexRow[n];
        for (var i = 0; i < n; i++)
        {
            var id = Id(i);
            var dueUtc = i < due
                ? slotStart.AddSeconds(rng.Next(dueSeconds + 1))
                : futureStart.AddSeconds(rng.Next(futureSeconds));
            profiles[i] = new Subscriber
            {
                Id = id,
                Status = SubscriberStatus.Active,
                FirstName = "Bench",
                Phone = "+1555" + i.ToString("D7", CultureInfo.InvariantCulture),
                Channel = Channels.Sms,
                SmsConfirmed = true,
                TimeZone = "America/New_York",
                CreatedUtc = now.AddDays(-3),
                ConfirmedUtc = now.AddDays(-3),
                NextEntry = 1,
                NextDueUtc = dueUtc,
            };
            rows[i] = new DueIndexRow { PartitionKey = dueIndex.PartitionFor(id, dueUtc), RowKey = id, DueUtc = dueUtc };
        }
        if (profiles.Select(p => p.Id).Any(id => !SubscriberStore.IsValidId(id))) throw new InvalidOperationException("A generated id is not valid.");

        var seedProfiles = SeedClient.Subscribers(services);
        var seedIndex = SeedClient.For(storage.DueIndex);
        var seedWatch = Stopwatch.StartNew();
        var profilesPerS = double.NaN;
        if (o.Profiles)
        {
            // One partition per subscriber, so a profile cannot share a batch: parallel single inserts.
            var w = Stopwatch.StartNew();
            await ForEachWithProgressAsync($"N={n}: profiles", profiles, o.Parallel, p => 1,
                async (p, c) => await seedProfiles.UpsertEntityAsync(p, TableUpdateMode.Replace, c), ct);
            profilesPerS = n / w.Elapsed.TotalSeconds;
        }
        var batches = Batches.Plan(rows);
        var partitions = batches.Select(b => b[0].PartitionKey).Distinct(StringComparer.Ordinal).Count();
        var iw = Stopwatch.StartNew();
        await ForEachWithProgressAsync($"N={n}: due-index rows ({batches.Count} batches, {partitions} partitions)", batches, o.Parallel, b => b.Count,
            async (b, c) => await Batches.UpsertAsync(seedIndex, b, c), ct);
        var indexPerS = n / iw.Elapsed.TotalSeconds;
        var seedSeconds = seedWatch.Elapsed.TotalSeconds;
        Progress.Line($"N={n}: seeded in {seedSeconds:F1}s (profiles {profilesPerS:F0}/s, index rows {indexPerS:F0}/s)");

        // The cursor just before now: the previous slot, as a timer 5 minutes ago would have left it.
        var previousSlot = DueIndex.Slot(now.AddMinutes(-SendSchedule.SlotMinutes));
        async Task ResetAsync()
        {
            await storage.Dispatch.UpsertEntityAsync(new DispatchCursor { LastSlot = previousSlot }, TableUpdateMode.Replace, ct);
            await storage.SendQueue.ClearMessagesAsync(ct);
        }

        // One unmeasured tick (JIT, connections, Azurite's caches), then the measured one(s) from the same cursor.
        await ResetAsync();
        var warm = await dispatcher.TickAsync(ct);
        Progress.Line($"N={n}: warm-up tick read {warm.RowsRead}, enqueued {warm.Enqueued}");

        var samples = new List<double>();
        DispatchResult result = warm;
        long wireEntities = 0, wireRequests = 0, wirePages = 0;
        for (var r = 0; r < o.Repeat; r++)
        {
            await ResetAsync();
            counter.Reset();
            counter.Enabled = true;
            var tw = Stopwatch.StartNew();
            result = await dispatcher.TickAsync(ct);
            tw.Stop();
            counter.Enabled = false;
            samples.Add(tw.Elapsed.TotalSeconds);
            wireEntities = counter.Entities;
            wireRequests = counter.Requests;
            wirePages = counter.QueryPages;
            Progress.Line($"N={n}: tick {r + 1}/{o.Repeat}: {tw.Elapsed.TotalMilliseconds:F1} ms, slots {result.FromSlot}..{result.ToSlot}, rows read {result.RowsRead}, enqueued {result.Enqueued}, wire: {wireEntities} entities in {wireRequests} table requests");
        }
        var props = await storage.SendQueue.GetPropertiesAsync(ct);
        var queueCount = props.Value.ApproximateMessagesCount;
        if (result.Enqueued != due || queueCount != due)
        {
            Progress.Line($"N={n}: WARNING: {due} due but the tick enqueued {result.Enqueued} and the queue holds {queueCount}");
        }

        // The index read alone (read-only, same slots), to separate Azurite's query cost from the enqueues.
        var rw = Stopwatch.StartNew();
        var read = await dueIndex.ReadAsync(result.FromSlot, result.ToSlot, ct);
        rw.Stop();
        Progress.Line($"N={n}: index read alone: {read.Count} rows in {rw.Elapsed.TotalMilliseconds:F1} ms");

        // Azurite's ceilings, measured now, next to the tick, in the same Azurite state.
        var rawInsert = await MeasureRawInsertAsync(o, $"N={n}", ct);
        var rawEnqueue = await MeasureRawEnqueueAsync(o, $"N={n}", now, ct);
        Progress.Line($"N={n}: deleting the private tables");

        var sorted = samples.Order().ToArray();
        return new PopulationResult(n, due, result.RowsRead, result.Enqueued, wireEntities, wireRequests, wirePages,
            sorted[sorted.Length / 2], [.. samples], rw.Elapsed.TotalSeconds, profilesPerS, indexPerS, seedSeconds,
            batches.Count, partitions, queueCount, rawInsert, rawEnqueue);
    }

    /// <summary>Azurite's own rate for plain entities in 100-operation batches into one table, at the same parallelism.</summary>
    private static async Task<double> MeasureRawInsertAsync(Options o, string label, CancellationToken ct)
    {
        var service = new TableServiceClient(Azurite.ConnectionString, SeedClient.Options());
        var table = service.GetTableClient("b" + Guid.NewGuid().ToString("N")[..10] + "raw");
        await table.CreateIfNotExistsAsync(ct);
        try
        {
            var when = DateTimeOffset.UtcNow;
            List<TableEntity> Batch(int b, int size) => Enumerable.Range(0, size).Select(i => new TableEntity(
                "r" + b.ToString("D6", CultureInfo.InvariantCulture), i.ToString("D3", CultureInfo.InvariantCulture))
            {
                ["DueUtc"] = when,
                ["SubscriberId"] = Id(b * 100 + i),
            }).ToList();
            // Warm-up: a few batches in partitions of their own, not timed.
            for (var b = 0; b < 5; b++) await Batches.AddAsync(table, Batch(1_000_000 + b, Batches.MaxOperations), ct);

            var count = (o.RawEntities + Batches.MaxOperations - 1) / Batches.MaxOperations;
            var batches = Enumerable.Range(0, count)
                .Select(b => Batch(b, Math.Min(Batches.MaxOperations, o.RawEntities - b * Batches.MaxOperations)))
                .ToList();
            var w = Stopwatch.StartNew();
            await ForEachWithProgressAsync($"raw insert ({label})", batches, o.Parallel, b => b.Count,
                async (b, c) => await Batches.AddAsync(table, b, c), ct);
            var rate = o.RawEntities / w.Elapsed.TotalSeconds;
            Progress.Line($"raw insert ({label}): {o.RawEntities} entities in {w.Elapsed.TotalSeconds:F2}s = {rate:F0}/s");
            return rate;
        }
        finally
        {
            await table.DeleteAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Azurite's rate for single queue messages (send jobs, as the tick writes them) at the tick's parallelism (32):
    /// the ceiling for a dispatcher that enqueues one message per due row, since queues have no batch insert.
    /// </summary>
    private static async Task<double> MeasureRawEnqueueAsync(Options o, string label, DateTimeOffset now, CancellationToken ct)
    {
        var queue = new QueueServiceClient(Azurite.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 })
            .GetQueueClient("b" + Guid.NewGuid().ToString("N")[..10] + "-raw");
        await queue.CreateIfNotExistsAsync(cancellationToken: ct);
        try
        {
            var jobs = Enumerable.Range(0, o.RawMessages).Select(i => new SendJob(SendJobKind.Daily, Id(i), now).ToJson()).ToList();
            for (var i = 0; i < 10; i++) await queue.SendMessageAsync(jobs[0], ct); // warm-up
            var w = Stopwatch.StartNew();
            await Parallel.ForEachAsync(jobs, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct },
                async (job, c) => await queue.SendMessageAsync(job, c));
            var rate = o.RawMessages / w.Elapsed.TotalSeconds;
            Progress.Line($"raw enqueue ({label}): {o.RawMessages} messages in {w.Elapsed.TotalSeconds:F2}s = {rate:F0}/s");
            return rate;
        }
        finally
        {
            await queue.DeleteIfExistsAsync(CancellationToken.None);
        }
    }

    /// <summary>"p" + 32 hex digits of a hash, which SubscriberStore.IsValidId accepts.</summary>
    public static string Id(int i) =>
        "p" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("encourage-bench:" + i.ToString(CultureInfo.InvariantCulture))).AsSpan(0, 16));

    private static async Task ForEachWithProgressAsync<T>(string label, IReadOnlyList<T> items, int parallel, Func<T, int> weight,
        Func<T, CancellationToken, Task> work, CancellationToken ct)
    {
        long done = 0;
        var total = items.Sum(i => (long)weight(i));
        var w = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reporter = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    await Task.Delay(TimeSpan.FromSeconds(5), stop.Token);
                    var d = Interlocked.Read(ref done);
                    Progress.Line($"{label}: {d}/{total} ({d / w.Elapsed.TotalSeconds:F0}/s)");
                }
            }
            catch (OperationCanceledException)
            {
                // Finished.
            }
        }, CancellationToken.None);
        try
        {
            await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct }, async (item, c) =>
            {
                await work(item, c);
                Interlocked.Add(ref done, weight(item));
            });
        }
        finally
        {
            await stop.CancelAsync();
            await reporter;
        }
    }
}
