using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Encourage.TestSupport;
using Encourage.Web;

namespace Encourage.Hosts.Tests;

/// <summary>Publishes the Functions app once (unless scripts/test.sh already did) and reads functions.metadata.</summary>
public sealed class FunctionsMetadataFixture : IAsyncLifetime
{
    public JsonElement Functions { get; private set; }
    public LocalHostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var output = Path.Combine(Repo.Root, "artifacts", "functions");
        var metadata = Path.Combine(output, "functions.metadata");
        var hostTask = LocalHostProcess.StartAsync();
        if (!File.Exists(metadata))
        {
            var info = new ProcessStartInfo("dotnet", ["publish", Path.Combine(Repo.Root, "src", "Encourage.Functions"), "-c", "Release", "-o", output, "--nologo", "-v", "q"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Repo.Root,
            };
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0) throw new InvalidOperationException("dotnet publish failed:\n" + await stdout + await stderr);
        }
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(metadata));
        Functions = doc.RootElement.Clone();
        Host = await hostTask;
    }

    public async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
    }
}

public sealed class FunctionsMetadataTests(FunctionsMetadataFixture fixture) : IClassFixture<FunctionsMetadataFixture>
{
    private JsonElement Trigger(string function)
    {
        var f = fixture.Functions.EnumerateArray().SingleOrDefault(e => e.GetProperty("name").GetString() == function);
        Assert.True(f.ValueKind == JsonValueKind.Object, $"functions.metadata has no function {function}");
        return f.GetProperty("bindings").EnumerateArray().Single(b => Str(b, "type")!.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase));
    }

    private static string? Str(JsonElement e, string name) =>
        e.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) is { Value.ValueKind: JsonValueKind.String } p ? p.Value.GetString() : null;

    private static JsonElement? Prop(JsonElement e, string name) =>
        e.EnumerateObject().Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonElement?)p.Value).FirstOrDefault();

    private static string[] Methods(JsonElement binding) =>
        Prop(binding, "methods") is { ValueKind: JsonValueKind.Array } m ? m.EnumerateArray().Select(x => x.GetString()!.ToUpperInvariant()).Order().ToArray() : [];

    [Fact]
    public void Lists_exactly_the_expected_functions()
    {
        var names = fixture.Functions.EnumerateArray().Select(e => e.GetProperty("name").GetString()).Order().ToArray();
        Assert.Equal(new[] { "AdminDashboard", "Confirm", "DispatchDue", "Manage", "MyData", "Privacy", "RetentionSweep", "SendGridEvents", "SendGridInbound", "SendMessage", "Signup", "Subscribe", "Terms", "TwilioInbound", "TwilioStatus", "Unsubscribe" }, names);
    }

    [Fact]
    public void DispatchDue_is_a_five_minute_timer_that_does_not_run_on_startup()
    {
        var t = Trigger("DispatchDue");
        Assert.Equal("timerTrigger", Str(t, "type"), ignoreCase: true);
        Assert.Equal("0 */5 * * * *", Str(t, "schedule"));
        Assert.Equal(JsonValueKind.False, Prop(t, "runOnStartup")?.ValueKind ?? JsonValueKind.False);
    }

    [Fact]
    public void RetentionSweep_is_a_daily_UTC_timer_that_does_not_run_on_startup()
    {
        var t = Trigger("RetentionSweep");
        Assert.Equal("timerTrigger", Str(t, "type"), ignoreCase: true);
        Assert.Equal("0 30 3 * * *", Str(t, "schedule"));
        Assert.Equal(JsonValueKind.False, Prop(t, "runOnStartup")?.ValueKind ?? JsonValueKind.False);
    }

    [Fact]
    public void Telemetry_is_sampled()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Root, "artifacts", "functions", "host.json")));
        var sampling = doc.RootElement.GetProperty("logging").GetProperty("applicationInsights").GetProperty("samplingSettings");
        Assert.True(sampling.GetProperty("isEnabled").GetBoolean());
    }

    [Fact]
    public void SendMessage_reads_the_send_jobs_queue()
    {
        var t = Trigger("SendMessage");
        Assert.Equal("queueTrigger", Str(t, "type"), ignoreCase: true);
        Assert.Equal("send-jobs", Str(t, "queueName"));
    }

    [Theory]
    [InlineData("Subscribe", "subscribe", "POST", "anonymous")]
    [InlineData("Signup", "signup", "GET", "anonymous")]
    [InlineData("Confirm", "confirm", "GET,POST", "anonymous")]
    [InlineData("Unsubscribe", "unsubscribe", "GET,POST", "anonymous")]
    [InlineData("TwilioInbound", "twilio/inbound", "POST", "anonymous")]
    [InlineData("TwilioStatus", "twilio/status", "POST", "anonymous")]
    [InlineData("SendGridEvents", "sendgrid/events", "POST", "anonymous")]
    [InlineData("SendGridInbound", "sendgrid/inbound", "POST", "anonymous")]
    [InlineData("AdminDashboard", "{area:regex(^admin$)}/dashboard", "GET", "function")]
    [InlineData("MyData", "my-data", "GET,POST", "anonymous")]
    public void Http_function_has_its_route_methods_and_auth_level(string function, string route, string methods, string authLevel)
    {
        var t = Trigger(function);
        Assert.Equal("httpTrigger", Str(t, "type"), ignoreCase: true);
        Assert.Equal(route, Str(t, "route"));
        Assert.Equal(methods.Split(','), Methods(t));
        Assert.Equal(authLevel, Str(t, "authLevel"), ignoreCase: true);
    }

    [Fact]
    public void The_local_drainer_retries_as_host_json_tells_the_Functions_runtime_to()
    {
        // The published host.json is what Azure runs; the local host and the tests use the drainer's settings.
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Root, "artifacts", "functions", "host.json")));
        var queues = doc.RootElement.GetProperty("extensions").GetProperty("queues");
        Assert.Equal(Encourage.Delivery.SendQueueDrainer.MaxDequeueCount, queues.GetProperty("maxDequeueCount").GetInt32());
        Assert.Equal(Encourage.Delivery.SendQueueDrainer.BatchSize, queues.GetProperty("batchSize").GetInt32());
        Assert.Equal(Encourage.Delivery.SendQueueDrainer.NewBatchThreshold, queues.GetProperty("newBatchThreshold").GetInt32());
        var defaults = new Encourage.Hosting.EncourageOptions { PublicBaseUrl = "https://x.example", TokenSecret = new string('x', 32) };
        Assert.Equal(defaults.SendRetryDelay, TimeSpan.Parse(queues.GetProperty("visibilityTimeout").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void No_route_is_under_dev()
    {
        foreach (var f in fixture.Functions.EnumerateArray())
        {
            foreach (var b in f.GetProperty("bindings").EnumerateArray())
            {
                var route = Str(b, "route");
                if (route is not null) Assert.False(route.TrimStart('/').StartsWith("dev", StringComparison.OrdinalIgnoreCase), $"{route} is a dev route");
            }
        }
    }

    private List<(string Route, string[] Methods)> HttpRoutes() =>
        fixture.Functions.EnumerateArray()
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray())
            .Where(b => string.Equals(Str(b, "type"), "httpTrigger", StringComparison.OrdinalIgnoreCase))
            .Select(b => ("/api/" + Str(b, "route")!.Replace("{area:regex(^admin$)}", "admin", StringComparison.Ordinal), Methods(b)))
            .ToList();

    [Fact]
    public void Functions_routes_equal_the_shared_route_table()
    {
        static string Key((string Route, string[] Methods) r) => r.Route + " " + string.Join(",", r.Methods.Select(m => m.ToUpperInvariant()).Order());
        Assert.Equal(Routes.All.Select(Key).Order(), HttpRoutes().Select(Key).Order());
    }

    [Fact]
    public async Task Local_host_answers_every_functions_route_and_method()
    {
        foreach (var (route, methods) in HttpRoutes())
        {
            foreach (var method in methods)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), route);
                if (method == "POST") request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["x"] = "1" });
                using var response = await fixture.Host.Client.SendAsync(request);
                Assert.NotEqual(HttpStatusCode.NotFound, response.StatusCode);
                Assert.NotEqual(HttpStatusCode.MethodNotAllowed, response.StatusCode);
                Assert.True((int)response.StatusCode < 500, $"{method} {route} answered {(int)response.StatusCode}");
            }
        }
        // And something outside the table is a 404, so the check above can fail.
        using var missing = await fixture.Host.Client.GetAsync("/api/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
