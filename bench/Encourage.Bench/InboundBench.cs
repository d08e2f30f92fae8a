using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Encourage.Replies;
using Encourage.Scheduling;
using Encourage.Storage;
using Encourage.Subscriptions;
using Encourage.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Encourage.Bench;

/// <summary>
/// `inbound`: the real local host (a separate process) answering signed Twilio webhooks from active subscribers, and
/// in the same run a bare in-process Kestrel endpoint doing one Table insert per request, under the same load.
/// </summary>
public static class InboundBench
{
    public const string Usage =
        "inbound [--requests 20000] [--concurrency 64] [--subscribers 1000] [--warmup N] [--semantic on|off] [--distinct-texts] [--no-build]";

    private const string InboundPath = "/api/twilio/inbound";

    /// <summary>The mix: each phrase is checked against KeywordParser at start-up, so the mix is what it claims.</summary>
    private static readonly (string Kind, double Share, string[] Phrases)[] Mix =
    [
        ("slip", 0.60, [
            "I texted him", "I drove past his place", "I called him last night", "I checked his instagram again",
            "I asked his sister how he is", "I showed up at his work", "I replied to his message", "I slipped",
            "texted her again, sorry", "I looked at his facebook", "I called her", "I drove by her house",
        ]),
        ("status", 0.20, ["STATUS", "status", "Status"]),
        ("urge", 0.10, ["URGE", "I want to call her", "I really want to text him right now"]),
        ("other", 0.10, ["HELP", "help", "what is this", "good morning", "lol", "the weather is nice today"]),
    ];

    private sealed record Payload(byte[] Body, string Signature, string Kind);

    private sealed record LoadResult(string Label, int Requests, double Seconds, double[] SortedLatenciesMs, int Errors,
        IReadOnlyDictionary<string, int> Statuses, IReadOnlyDictionary<string, int> ErrorsByKind)
    {
        /// <summary>Each kind's sorted latencies (slips, STATUS, URGE, other), to see which part of the mix is slow.</summary>
        public IReadOnlyDictionary<string, double[]> SortedByKind { get; init; } = new Dictionary<string, double[]>();

        public double Rps => Requests / Seconds;
        public double P(double p) => Stats.Percentile(SortedLatenciesMs, p);
    }

    public static async Task<JsonObject> RunAsync(BenchArgs args, CancellationToken ct)
    {
        var requests = args.Int("requests", 20_000, 1, 10_000_000);
        var concurrency = args.Int("concurrency", 64, 1, 1024);
        var subscribers = args.Int("subscribers", 1000, 1, 8999);
        var warmup = args.Int("warmup", Math.Clamp(requests / 10, 100, 2000), 0, 1_000_000);
        var noBuild = args.Flag("no-build");
        // The semantic safety layer is on in the host by default; off measures the rules alone for comparison.
        var semantic = (args.String("semantic") ?? "on") switch
        {
            "on" => true,
            "off" => false,
            _ => throw new ArgumentException("--semantic must be on or off."),
        };
        // Each free text made unique, so the semantic layer's cache of repeated texts cannot help: every text is encoded.
        var distinct = args.Flag("distinct-texts");
        args.RejectUnknown();

        var phrases = CheckMix();
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, concurrency + 8), Math.Max(io, concurrency + 8));

        await Azurite.EnsureRunningAsync();
        await BuildLocalHostAsync(noBuild, ct);

        Progress.Line($"inbound: {requests} requests (+{warmup} warm-up each) at concurrency {concurrency} over {subscribers} subscribers");
        await using var services = await EncourageServices.StartAsync(DateTimeOffset.UtcNow);
        var prefix = services.Prefix;
        TableClient? baselineTable = null;
        WebApplication? baseline = null;
        try
        {
            var phones = await SeedAsync(services, subscribers, ct);

            // The payloads: Twilio's full field set, signed, unique MessageSids, spread over the subscribers.
            var rng = new Random(4242);
            var order = Enumerable.Range(0, phones.Count).OrderBy(_ => rng.Next()).ToArray();
            var cursor = 0;
            List<Payload> Payloads(int count) => Enumerable.Range(0, count).Select(_ =>
            {
                var phone = phones[order[cursor++ % order.Length]];
                var (kind, text) = Pick(rng, phrases);
                if (distinct && kind != "status" && text.Contains(' ', StringComparison.Ordinal)) text += " (" + cursor.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
                var fields = TwilioFields.Inbound(phone, text, TwilioFields.NewSid());
                var signature = TwilioSignature.Sign(TestSettings.TwilioAuthToken, TestSettings.PublicBaseUrl + InboundPath, fields);
                var body = new FormUrlEncodedContent(fields).ReadAsByteArrayAsync(ct).GetAwaiter().GetResult();
                return new Payload(body, signature, kind);
            }).ToList();
            var warmupPayloads = Payloads(warmup);
            var measured = Payloads(requests);
            var mixCounts = measured.GroupBy(p => p.Kind).ToDictionary(g => g.Key, g => g.Count());
            Progress.Line("mix: " + string.Join(", ", mixCounts.Select(kv => $"{kv.Key} {kv.Value}")));

            // The real local host: its own process, the same private tables, the dispatch timer off.
            Progress.Line("starting the local host");
            await using var host = await LocalHostProcess.StartAsync(new Dictionary<string, string?>
            {
                // Per-request framework logs off, as a production appsettings.json has them; Encourage's own logs stay.
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Encourage:SemanticSafety"] = semantic ? "true" : "false",
            }, prefix);
            var hostStart = Memory(host.ProcessId);

            // The baseline: bare Kestrel in this process, one Table insert per request into Azurite.
            baselineTable = new TableClient(Azurite.ConnectionString, prefix + "Baseline", ProductLikeTableOptions());
            await baselineTable.CreateIfNotExistsAsync(ct);
            baseline = await StartBaselineAsync(baselineTable, ct);
            var baselineUrl = new Uri(new Uri(baseline.Urls.First()), InboundPath);
            var inboundUrl = new Uri(host.BaseAddress, InboundPath);
            Progress.Line($"local host at {host.BaseAddress}; baseline at {baselineUrl}");

            using var client = NewClient(concurrency);
            var inboundWarm = await RunLoadAsync(client, inboundUrl, warmupPayloads, concurrency, "inbound warm-up", ct);
            var baselineWarm = await RunLoadAsync(client, baselineUrl, warmupPayloads, concurrency, "baseline warm-up", ct);
            var inbound = await RunLoadAsync(client, inboundUrl, measured, concurrency, "inbound", ct);
            var bare = await RunLoadAsync(client, baselineUrl, measured, concurrency, "baseline", ct);
            if (inbound.Errors > 0)
            {
                var tail = host.Output;
                Progress.Line("local host output (last 4000 characters):\n" + tail[Math.Max(0, tail.Length - 4000)..]);
            }

            var ratio = inbound.Rps / bare.Rps;
            var p99Ratio = inbound.P(99) / bare.P(99);
            var hostEnd = Memory(host.ProcessId);
            return new JsonObject
            {
                ["bench"] = "inbound",
                ["inbound_rps"] = Machine.Round(inbound.Rps, 1),
                ["baseline_rps"] = Machine.Round(bare.Rps, 1),
                ["ratio"] = Machine.Round(ratio),
                ["p50_ms"] = Machine.Round(inbound.P(50), 2),
                ["p99_ms"] = Machine.Round(inbound.P(99), 2),
                ["errors"] = inbound.Errors,
                ["p90_ms"] = Machine.Round(inbound.P(90), 2),
                ["max_ms"] = Machine.Round(inbound.P(100), 2),
                ["baseline_p50_ms"] = Machine.Round(bare.P(50), 2),
                ["baseline_p99_ms"] = Machine.Round(bare.P(99), 2),
                ["baseline_errors"] = bare.Errors,
                ["warmup_errors"] = inboundWarm.Errors + baselineWarm.Errors,
                ["by_kind_ms"] = new JsonObject(inbound.SortedByKind.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k =>
                    KeyValuePair.Create(k.Key, (JsonNode?)new JsonObject
                    {
                        ["p50"] = Machine.Round(Stats.Percentile(k.Value, 50), 2),
                        ["p99"] = Machine.Round(Stats.Percentile(k.Value, 99), 2),
                    }))),
                ["statuses"] = Dict(inbound.Statuses),
                ["errors_by_kind"] = Dict(inbound.ErrorsByKind),
                ["baseline_statuses"] = Dict(bare.Statuses),
                ["p99_ratio"] = Machine.Round(p99Ratio),
                ["host_rss_mb_at_start"] = hostStart.RssMb,
                ["host_rss_mb"] = hostEnd.RssMb,
                ["host_peak_rss_mb"] = hostEnd.PeakMb,
                ["goals"] = new JsonObject
                {
                    ["ratio_ge_0_5"] = ratio >= 0.5,
                    ["ratio_ge_0_8"] = ratio >= 0.8,
                    ["p99_ratio_le_1_2"] = p99Ratio <= 1.2,
                    ["p99_lt_100ms"] = inbound.P(99) < 100,
                    ["errors_eq_0"] = inbound.Errors == 0,
                },
                ["settings"] = new JsonObject
                {
                    ["requests"] = requests,
                    ["concurrency"] = concurrency,
                    ["subscribers"] = subscribers,
                    ["warmup"] = warmup,
                    ["semantic"] = semantic,
                    ["distinct_texts"] = distinct,
                    ["mix"] = Dict(mixCounts),
                    ["host"] = "src/Encourage.Local/bin/" + LocalHostProcess.BuildConfiguration + "/net10.0/Encourage.Local.dll",
                    ["host_logging"] = "Default=Information, Microsoft.AspNetCore=Warning",
                },
                ["machine"] = await Machine.InfoAsync(),
            };
        }
        finally
        {
            if (baseline is not null) await baseline.DisposeAsync();
            if (baselineTable is not null)
            {
                try
                {
                    await baselineTable.DeleteAsync(CancellationToken.None);
                }
                catch (Azure.RequestFailedException)
                {
                    // Already gone.
                }
            }
            Progress.Line($"deleting the private tables '{prefix}*'");
        }
    }

    private static JsonObject Dict<T>(IEnumerable<KeyValuePair<string, T>> values) =>
        new(values.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value))));

    /// <summary>Every phrase must parse as its kind (and none may trip the safety words), or the mix would lie.</summary>
    /// <summary>The process's resident memory now and at its peak, from /proc (Linux); zeros elsewhere.</summary>
    private static (long RssMb, long PeakMb) Memory(int pid)
    {
        var status = $"/proc/{pid}/status";
        if (!File.Exists(status)) return (0, 0);
        long Field(string name) => File.ReadLines(status).Where(l => l.StartsWith(name + ":", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024).FirstOrDefault();
        return (Field("VmRSS"), Field("VmHWM"));
    }

    private static (string Kind, double Share, string[] Phrases)[] CheckMix()
    {
        var wrong = new List<string>();
        foreach (var (kind, _, phrases) in Mix)
        {
            // Each phrase as written, and as --distinct-texts makes it.
            foreach (var phrase in phrases.Concat(phrases.Where(p => kind != "status" && p.Contains(' ', StringComparison.Ordinal)).Select(p => p + " (12345)")))
            {
                var parsed = KeywordParser.Parse(phrase);
                var ok = kind switch
                {
                    "slip" => parsed.Intent == Intent.Slip,
                    "status" => parsed.Intent == Intent.Status,
                    "urge" => parsed.Intent == Intent.Urge,
                    _ => parsed.Intent is Intent.Help or Intent.Unknown,
                };
                if (!ok || parsed.SafetyConcern) wrong.Add($"'{phrase}' ({kind}) parses as {parsed.Intent}{(parsed.SafetyConcern ? " with a safety concern" : "")}");
            }
        }
        if (wrong.Count > 0) throw new InvalidOperationException("The message mix is not what it claims:\n  " + string.Join("\n  ", wrong));
        return Mix;
    }

    private static (string Kind, string Text) Pick(Random rng, (string Kind, double Share, string[] Phrases)[] mix)
    {
        var x = rng.NextDouble();
        foreach (var (kind, share, phrases) in mix)
        {
            if (x < share) return (kind, phrases[rng.Next(phrases.Length)]);
            x -= share;
        }
        var last = mix[^1];
        return (last.Kind, last.Phrases[rng.Next(last.Phrases.Length)]);
    }

    /// <summary>
    /// Active SMS subscribers: one through the real sign-up (subscribe, then confirm as a YES does), whose stored
    /// profile is then copied for the others under their own ids (keyed hashes of their numbers), with their due-index
    /// rows, by upserts and 100-operation batches. Fast and robust on a busy machine, and every profile is one the
    /// product wrote.
    /// </summary>
    private static async Task<List<string>> SeedAsync(EncourageServices services, int count, CancellationToken ct)
    {
        var lifecycle = services.Get<SubscriptionLifecycle>();
        var keys = services.Get<ContactKeys>();
        var storage = services.Get<EncourageStorage>();
        var dueIndex = services.Get<DueIndex>();
        var phones = Enumerable.Range(0, count).Select(i => "+1212555" + (1000 + i).ToString("D4", CultureInfo.InvariantCulture)).ToList();
        foreach (var p in phones)
        {
            if (!SubscribeValidator.TryNormalizePhone(p, out var e164) || e164 != p) throw new InvalidOperationException($"{p} is not a valid E.164 number.");
        }
        var w = Stopwatch.StartNew();
        await lifecycle.SubscribeAsync(new ValidSubscription("Ana", phones[0], null, Channels.Sms, "America/New_York", new LocalTime(9, 0), null, Pronoun.Him),
            sendConfirmation: false, ct);
        var outcome = await lifecycle.ConfirmAsync(keys.ForPhone(phones[0]), Channels.Sms, ct);
        if (outcome != LifecycleOutcome.Done) throw new InvalidOperationException($"Confirming the template subscriber gave {outcome}.");
        var profiles = SeedClient.Subscribers(services);
        var template = (await profiles.GetEntityAsync<TableEntity>(keys.ForPhone(phones[0]), Subscriber.ProfileRowKey, cancellationToken: ct)).Value;
        if (!string.Equals(template.GetString(nameof(Subscriber.Status)), "active", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"The template subscriber is {template.GetString(nameof(Subscriber.Status))}, not active.");
        }
        var due = template.GetDateTimeOffset(nameof(Subscriber.NextDueUtc)) ?? throw new InvalidOperationException("The template subscriber has no NextDueUtc.");

        string[] names = ["Ana", "Maria", "Jo", "Sam", "Priya", "Lena"];
        string[] pronouns = ["him", "her", "them"];
        var clones = new List<TableEntity>();
        var rows = new List<DueIndexRow>();
        for (var i = 1; i < count; i++)
        {
            var id = keys.ForPhone(phones[i]);
            var clone = new TableEntity(id, Subscriber.ProfileRowKey);
            foreach (var (k, v) in template)
            {
                if (k is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag") continue;
                clone[k] = v;
            }
            clone[nameof(Subscriber.Phone)] = phones[i];
            clone[nameof(Subscriber.FirstName)] = names[i % names.Length];
            clone[nameof(Subscriber.Pronoun)] = pronouns[i % pronouns.Length];
            clones.Add(clone);
            rows.Add(new DueIndexRow { PartitionKey = dueIndex.PartitionFor(id, due), RowKey = id, DueUtc = due });
        }
        await Parallel.ForEachAsync(clones, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct },
            async (e, c) => await profiles.UpsertEntityAsync(e, TableUpdateMode.Replace, c));
        var index = SeedClient.For(storage.DueIndex);
        await Parallel.ForEachAsync(Batches.Plan(rows), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (b, c) => await Batches.UpsertAsync(index, b, c));
        // The welcome job the confirmation queued would otherwise be sent by the host during the measurement.
        await storage.SendQueue.ClearMessagesAsync(ct);
        Progress.Line($"seeded {count} active subscribers in {w.Elapsed.TotalSeconds:F1}s (one real sign-up, {count - 1} copies of its profile)");
        return phones;
    }

    private static async Task BuildLocalHostAsync(bool noBuild, CancellationToken ct)
    {
        var configuration = LocalHostProcess.BuildConfiguration;
        var project = Path.Combine(Repo.Root, "src", "Encourage.Local", "Encourage.Local.csproj");
        var dll = Path.Combine(Repo.Root, "src", "Encourage.Local", "bin", configuration, "net10.0", "Encourage.Local.dll");
        if (configuration != "Release") Progress.Line("WARNING: the bench was built in Debug, so it runs the Debug local host; use -c Release for figures.");
        if (!noBuild)
        {
            Progress.Line($"building the local host: dotnet build -c {configuration} src/Encourage.Local");
            var info = new ProcessStartInfo("dotnet", ["build", "-c", configuration, project, "-nologo", "-v", "quiet"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Repo.Root,
            };
            using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start `dotnet build`.");
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0)
            {
                Console.Error.WriteLine(await stdout);
                Console.Error.WriteLine(await stderr);
                throw new InvalidOperationException($"Building the local host failed: `dotnet build -c {configuration} src/Encourage.Local` exited {process.ExitCode} (output above).");
            }
        }
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"The local host is not built: {dll} is missing. Run `dotnet build -c {configuration} src/Encourage.Local` (or drop --no-build).");
        }
    }

    /// <summary>The product's table retry settings (EncourageStorage), so the baseline's client behaves the same.</summary>
    private static TableClientOptions ProductLikeTableOptions()
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
        return options;
    }

    private static async Task<WebApplication> StartBaselineAsync(TableClient table, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost(InboundPath, async (HttpRequest request, CancellationToken c) =>
        {
            var form = await request.ReadFormAsync(c);
            var sid = form["MessageSid"].ToString();
            await table.AddEntityAsync(new TableEntity(sid, "m")
            {
                ["From"] = form["From"].ToString(),
                ["Body"] = form["Body"].ToString(),
            }, c);
            return Results.Text("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>", "application/xml");
        });
        await app.StartAsync(ct);
        return app;
    }

    private static HttpClient NewClient(int concurrency) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = concurrency,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    private static async Task<LoadResult> RunLoadAsync(HttpClient client, Uri url, IReadOnlyList<Payload> payloads, int concurrency, string label, CancellationToken ct)
    {
        var latencies = new double[payloads.Count];
        var statuses = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var errorsByKind = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var errors = 0;
        var next = -1;
        var completed = 0;
        var shownErrors = 0;
        if (payloads.Count == 0) return new LoadResult(label, 0, 1, [], 0, statuses, errorsByKind);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var watch = Stopwatch.StartNew();
        var reporter = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    await Task.Delay(TimeSpan.FromSeconds(5), stop.Token);
                    var d = Volatile.Read(ref completed);
                    Progress.Line($"{label}: {d}/{payloads.Count} ({d / watch.Elapsed.TotalSeconds:F0}/s, errors {Volatile.Read(ref errors)})");
                }
            }
            catch (OperationCanceledException)
            {
                // Finished.
            }
        }, CancellationToken.None);

        var workers = Enumerable.Range(0, Math.Min(concurrency, payloads.Count)).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= payloads.Count) return;
                var p = payloads[i];
                var start = Stopwatch.GetTimestamp();
                string? problem = null;
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(p.Body) };
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
                    request.Headers.Add("X-Twilio-Signature", p.Signature);
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
                    var code = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                    statuses.AddOrUpdate(code, 1, (_, v) => v + 1);
                    if (!response.IsSuccessStatusCode)
                    {
                        problem = $"HTTP {code}: {Truncate(await response.Content.ReadAsStringAsync(ct))}";
                    }
                }
                catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !ct.IsCancellationRequested))
                {
                    statuses.AddOrUpdate("exception", 1, (_, v) => v + 1);
                    problem = e.GetType().Name + ": " + e.Message;
                }
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (problem is not null)
                {
                    Interlocked.Increment(ref errors);
                    errorsByKind.AddOrUpdate(p.Kind, 1, (_, v) => v + 1);
                    if (Interlocked.Increment(ref shownErrors) <= 5) Progress.Line($"{label}: error ({p.Kind}): {problem}");
                }
                Interlocked.Increment(ref completed);
            }
        }, CancellationToken.None)).ToList();
        try
        {
            await Task.WhenAll(workers);
        }
        finally
        {
            watch.Stop();
            await stop.CancelAsync();
            await reporter;
        }
        var byKind = Enumerable.Range(0, payloads.Count).GroupBy(i => payloads[i].Kind, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(i => latencies[i]).Order().ToArray(), StringComparer.Ordinal);
        Array.Sort(latencies);
        var result = new LoadResult(label, payloads.Count, watch.Elapsed.TotalSeconds, latencies, errors, statuses, errorsByKind) { SortedByKind = byKind };
        Progress.Line($"{label}: {payloads.Count} requests in {result.Seconds:F2}s = {result.Rps:F0}/s; p50 {result.P(50):F1} ms, p99 {result.P(99):F1} ms; errors {errors}");
        return result;
    }

    private static string Truncate(string s) => s.Length <= 200 ? s : s[..200] + "...";
}
