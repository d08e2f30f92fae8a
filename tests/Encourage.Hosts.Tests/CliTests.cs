using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Queues;
using Encourage.TestSupport;

namespace Encourage.Hosts.Tests;

/// <summary>The operator CLI against the same storage the local host writes: it reports what happened.</summary>
public sealed class CliTests : IAsyncLifetime
{
    private const string Phone = "+12125550181";
    private LocalHostProcess _host = null!;

    public async Task InitializeAsync()
    {
        _host = await LocalHostProcess.StartAsync();
        using var subscribe = await _host.Client.PostAsJsonAsync("/api/subscribe", new
        {
            firstName = "Ana", phone = Phone, channel = "sms", timeZone = "America/New_York", sendTime = "09:00", pronoun = "him",
        });
        Assert.Equal(HttpStatusCode.Accepted, subscribe.StatusCode);
        await WaitForOutboxAsync(1);
        (await _host.PostInboundAsync(Phone, "YES")).EnsureSuccessStatusCode();
        (await _host.PostInboundAsync(Phone, "texted him :(")).EnsureSuccessStatusCode();
        (await _host.PostInboundAsync(Phone, "I drove past his place last night")).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task WaitForOutboxAsync(int count)
    {
        for (var i = 0; i < 100; i++)
        {
            var items = await _host.Client.GetFromJsonAsync<JsonElement>("/dev/outbox?to=" + Uri.EscapeDataString(Phone));
            if (items.GetArrayLength() >= count) return;
            await Task.Delay(100);
        }
        Assert.Fail($"fewer than {count} outbox messages for the test number");
    }

    [Fact]
    public async Task Subscriber_show_prints_the_subscriber_as_json()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(_host.Prefix, "subscriber", "show", "--phone", "(212) 555-0181");
        Assert.True(code == 0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.StartsWith("p", json.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("active", json.GetProperty("status").GetString());
        Assert.Equal("sms", json.GetProperty("channel").GetString());
        Assert.Equal(0, json.GetProperty("day").GetInt32());
        Assert.Equal("let-go", json.GetProperty("phase").GetString());
        Assert.Equal("America/New_York", json.GetProperty("timeZone").GetString());
        Assert.Equal("09:00", json.GetProperty("sendTime").GetString());

        var missing = await CliProcess.RunAsync(_host.Prefix, "subscriber", "show", "--phone", "+12125550182");
        Assert.Equal(2, missing.ExitCode);
    }

    [Fact]
    public async Task Slips_prints_one_subscribers_slips_as_csv_and_a_summary_across_everyone()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(_host.Prefix, "slips", "--phone", Phone, "--format", "csv");
        Assert.True(code == 0, stderr);
        var lines = stdout.Trim().Split('\n');
        Assert.Equal("utc,kind,day,phase,text", lines[0].Trim());
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.Contains(",TEXTED,0,let-go,texted him :(", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",DROVEBY,0,let-go,I drove past his place last night", StringComparison.Ordinal));

        var summary = await CliProcess.RunAsync(_host.Prefix, "slips", "--summary");
        Assert.True(summary.ExitCode == 0, summary.Stderr);
        Assert.Contains("kind,phase,count", summary.Stdout, StringComparison.Ordinal);
        Assert.Contains("TEXTED,let-go,1", summary.Stdout, StringComparison.Ordinal);
        Assert.Contains("DROVEBY,let-go,1", summary.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poison_list_shows_failed_jobs_and_requeue_moves_them_back()
    {
        var poison = new QueueClient(Azurite.ConnectionString, _host.Prefix + "-send-poison", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await poison.CreateIfNotExistsAsync();
        await poison.SendMessageAsync("{\"kind\":\"Daily\",\"subscriberId\":\"p00000000000000000000000000000000\",\"dueUtc\":\"2027-01-01T14:00:00Z\"}");

        var list = await CliProcess.RunAsync(_host.Prefix, "poison", "list");
        Assert.True(list.ExitCode == 0, list.Stderr);
        Assert.Contains("Daily,p00000000000000000000000000000000", list.Stdout, StringComparison.Ordinal);

        var requeue = await CliProcess.RunAsync(_host.Prefix, "poison", "requeue");
        Assert.True(requeue.ExitCode == 0, requeue.Stderr);
        Assert.Contains("Requeued 1 job(s).", requeue.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, (await poison.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task Content_lint_fails_a_bad_file_and_preview_reads_as_a_subscriber_would()
    {
        var bad = Path.Combine(Path.GetTempPath(), $"programme-{Guid.NewGuid():N}.yaml");
        var original = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "src", "Encourage.Core", "Arc", "programme.yaml"));
        await File.WriteAllTextAsync(bad, original.Replace("{name}", "{nmae}", StringComparison.Ordinal));
        try
        {
            var lint = await CliProcess.RunAsync(_host.Prefix, "content", "lint", "--programme", bad);
            Assert.Equal(1, lint.ExitCode);
            Assert.Contains("nmae", lint.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(bad);
        }

        var preview = await CliProcess.RunAsync(_host.Prefix, "content", "preview", "--pronoun", "her", "--name", "Ana");
        Assert.True(preview.ExitCode == 0, preview.Stderr);
        Assert.Contains("Ana", preview.Stdout, StringComparison.Ordinal);
        Assert.Contains(" her", preview.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("{he}", preview.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_prints_one_row_per_message_at_the_send_time()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(_host.Prefix,
            "simulate", "--tz", "Europe/London", "--send-time", "09:00", "--start", "2027-03-20", "--days", "10", "--channel", "sms", "--pronoun", "him", "--format", "csv");
        Assert.True(code == 0, stderr);
        var lines = stdout.Trim().Split('\n').Select(l => l.Trim()).ToList();
        Assert.Equal("utc,local,day,phase,channel,segments,text", lines[0]);
        Assert.Equal(10, lines.Count - 1);
        Assert.All(lines.Skip(1), l => Assert.Contains("T09:00,", l, StringComparison.Ordinal));
        Assert.All(lines.Skip(1), l => Assert.Contains(",sms,1,", l, StringComparison.Ordinal));
        // 2027-03-28 is the clock change in London: 09:00 local is 08:00Z after it.
        Assert.Contains(lines, l => l.StartsWith("2027-03-28T08:00:00Z,2027-03-28T09:00,9,", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("subscriber", "show", "--phone", "+12125550185")]
    [InlineData("stats")]
    [InlineData("slips")]
    public async Task With_storage_down_every_command_says_so_in_one_line_and_exits_1(params string[] args)
    {
        // Nothing listens on this port: the storage account is unreachable, as when Azurite is not started.
        var port = LocalHostProcess.FreePort();
        var down = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
                + "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
                + $"BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1;"
                + $"TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;",
        };
        var (code, stdout, stderr) = await CliProcess.RunAsync(_host.Prefix, down, args);
        Assert.Equal(1, code);
        Assert.Contains("Storage is not reachable, so nothing was read or changed.", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_setting_missing_a_command_names_it_in_plain_words_and_exits_1()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(_host.Prefix, new Dictionary<string, string> { ["Encourage__PublicBaseUrl"] = "" }, "stats");
        Assert.Equal(1, code);
        Assert.Contains("The settings are not valid, so nothing was read or changed", stderr, StringComparison.Ordinal);
        Assert.Contains("PublicBaseUrl", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscriber_erase_deletes_the_person_and_show_no_longer_finds_them()
    {
        const string other = "+12125550183";
        using (var subscribe = await _host.Client.PostAsJsonAsync("/api/subscribe", new { firstName = "Bea", phone = other, channel = "sms", timeZone = "America/Chicago" }))
        {
            Assert.Equal(HttpStatusCode.Accepted, subscribe.StatusCode);
        }
        Assert.Equal(0, (await CliProcess.RunAsync(_host.Prefix, "subscriber", "show", "--phone", other)).ExitCode);
        var erase = await CliProcess.RunAsync(_host.Prefix, "subscriber", "erase", "--phone", other);
        Assert.True(erase.ExitCode == 0, erase.Stderr);
        Assert.Equal(2, (await CliProcess.RunAsync(_host.Prefix, "subscriber", "show", "--phone", other)).ExitCode);
        Assert.DoesNotContain(other, erase.Stdout + erase.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_unsubscribe_page_can_also_erase_everything_and_the_cli_then_finds_nobody()
    {
        const string phone = "+12125550184";
        using (var subscribe = await _host.Client.PostAsJsonAsync("/api/subscribe", new { firstName = "Cy", phone, channel = "sms", timeZone = "America/New_York" }))
        {
            Assert.Equal(HttpStatusCode.Accepted, subscribe.StatusCode);
        }
        (await _host.PostInboundAsync(phone, "YES")).EnsureSuccessStatusCode();
        string? link = null;
        for (var i = 0; i < 100 && link is null; i++)
        {
            var items = await _host.Client.GetFromJsonAsync<JsonElement>("/dev/outbox?to=" + Uri.EscapeDataString(phone));
            link = items.EnumerateArray().Select(m => m.GetProperty("text").GetString() ?? "")
                .Select(t => System.Text.RegularExpressions.Regex.Match(t, @"https?://\S+/api/unsubscribe\?token=[A-Za-z0-9_\-\.]+"))
                .Where(m => m.Success).Select(m => m.Value).FirstOrDefault();
            if (link is null) await Task.Delay(100);
        }
        Assert.NotNull(link);
        var token = link![(link.IndexOf("token=", StringComparison.Ordinal) + 6)..];

        using (var page = await _host.Client.GetAsync("/api/unsubscribe?token=" + token))
        {
            Assert.Contains("name=\"erase\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var erase = await _host.Client.PostAsync("/api/unsubscribe", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token, ["erase"] = "yes" })))
        {
            Assert.Equal(HttpStatusCode.OK, erase.StatusCode);
        }
        Assert.Equal(2, (await CliProcess.RunAsync(_host.Prefix, "subscriber", "show", "--phone", phone)).ExitCode);
        Assert.Equal(0, (await CliProcess.RunAsync(_host.Prefix, "slips", "--phone", phone)).Stdout.Length);

        // The same link again changes nothing and reveals nothing.
        using var again = await _host.Client.PostAsync("/api/unsubscribe", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }
}
