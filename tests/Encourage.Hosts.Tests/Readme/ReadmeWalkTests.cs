using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Encourage.Hosting;
using Encourage.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Encourage.Hosts.Tests.Readme;

/// <summary>
/// scripts/dev.sh, started from a fresh copy of the repository with nothing in the environment, serves the sign-up
/// page; then every command of the bash blocks of the README and docs/*.md and every localhost:7071 address it names works as written
/// against it, with the sample settings. Before that, the same copy with a sample setting that stops start-up: dev.sh
/// must say why and exit non-zero, never "running".
/// </summary>
[StartFirst]
public sealed partial class ReadmeWalkTests(ITestOutputHelper output)
{
    private const string Phone = "+12125550100";
    private static readonly TimeSpan DevStart = TimeSpan.FromMinutes(6);

    [Fact]
    public async Task Dev_sh_from_a_fresh_copy_serves_the_readme_walk_and_refuses_a_broken_sample()
    {
        await Azurite.EnsureRunningAsync();
        Assert.False(await Azurite.ListeningAsync(ReadmeWalk.DevPort),
            $"Something already listens on port {ReadmeWalk.DevPort} (a scripts/dev.sh of your own?): the README walk needs it.");
        var readme = string.Join("\n", await Task.WhenAll(ReadmeWalk.Pages(Repo.Root).Select(p => File.ReadAllTextAsync(p))));
        var copy = await ReadmeWalk.FreshCopyAsync();
        try
        {
            var clock = Stopwatch.StartNew();
            await BrokenSampleIsRefusedAsync(copy);
            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  dev.sh with a broken sample (builds the host in the copy)");
            await ResetDevStorageAsync();
            clock.Restart();
            await using var dev = await DevScript.StartAsync(copy);
            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  dev.sh until it says running");
            await WalkAsync(copy, readme, dev);
        }
        finally
        {
            try { Directory.Delete(copy, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>A setting the sample gets wrong fails here: dev.sh exits non-zero with the host's own error.</summary>
    private static async Task BrokenSampleIsRefusedAsync(string copy)
    {
        var sample = Path.Combine(copy, "local.settings.sample.json");
        var good = await File.ReadAllTextAsync(sample);
        var broken = SupportUrlSetting().Replace(good, "\"Encourage__SupportUrl\": \"not an address\"");
        Assert.NotEqual(good, broken);
        await File.WriteAllTextAsync(sample, broken);

        var (code, output) = await ReadmeWalk.RunAsync(copy, "scripts/dev.sh", DevStart);
        Assert.True(code > 0, $"dev.sh with a broken sample exited {code}:\n{output}");
        Assert.Contains("Encourage__SupportUrl must be an http or https address", output, StringComparison.Ordinal);
        Assert.DoesNotContain("is running locally", output, StringComparison.Ordinal);
        Assert.False(await Azurite.ListeningAsync(ReadmeWalk.DevPort), "dev.sh left a host behind");

        await File.WriteAllTextAsync(sample, good);
        File.Delete(Path.Combine(copy, "local.settings.json"));
    }

    private async Task WalkAsync(string copy, string readme, DevScript dev)
    {
        var commands = ReadmeWalk.Commands(readme);
        Assert.Contains(commands, c => c.StartsWith("curl", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.StartsWith("scripts/encourage ", StringComparison.Ordinal));
        using var http = new HttpClient { BaseAddress = new Uri($"http://localhost:{ReadmeWalk.DevPort}") };
        var lastCurl = commands.ToList().FindLastIndex(c => c.StartsWith("curl", StringComparison.Ordinal));
        var ran = 0;
        for (var i = 0; i < commands.Count; i++)
        {
            var command = commands[i];
            if (!ReadmeWalk.IsWalked(command)) continue;
            var clock = Stopwatch.StartNew();
            var (code, said) = await ReadmeWalk.RunAsync(copy, command, TimeSpan.FromMinutes(3));
            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  {ReadmeWalk.Program(command)}");
            Assert.True(code == 0, $"README command failed (exit {code}):\n  {command}\n{said}\n-- dev.sh:\n{dev.Output}");
            Assert.DoesNotMatch(Failure(), said);
            ran++;
            if (i == lastCurl) await TheWalkArrivedAsync(http);
        }
        Assert.True(ran >= 10, $"only {ran} README commands ran");

        foreach (var url in ReadmeWalk.Urls(readme))
        {
            using var response = await http.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}");
        }
    }

    /// <summary>What the curl walk promises: the confirmation, the welcome after YES, and day 1 after a day.</summary>
    private static async Task TheWalkArrivedAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string outbox;
        do
        {
            outbox = await http.GetStringAsync("/dev/outbox?to=" + Uri.EscapeDataString(Phone));
            if (outbox.Contains("YES", StringComparison.Ordinal) && outbox.Contains("Welcome", StringComparison.Ordinal)
                && Regex.Count(outbox, "\"channel\":\"sms\"") >= 3) return;
            await Task.Delay(500);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail("The README walk's outbox never held the confirmation, the welcome and day 1:\n" + outbox);
    }

    /// <summary>
    /// The walk signs up the README's own number in the dev store (the tables with no prefix): a previous walk on this
    /// Azurite would make it a second sign-up. Only the dev store's own tables and queues are cleared, by their exact
    /// names: other tests (and the CLI's simulate) keep private prefixed sets on the same Azurite while this runs.
    /// </summary>
    private static async Task ResetDevStorageAsync()
    {
        var dev = new EncourageStorage(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = Azurite.ConnectionString }).Build(),
            Options.Create(new EncourageOptions { PublicBaseUrl = "http://localhost:7071", TokenSecret = "" }));
        foreach (var table in dev.AllTables) await table.DeleteAsync();
        await dev.SendQueue.DeleteIfExistsAsync();
        await dev.PoisonQueue.DeleteIfExistsAsync();
    }

    [GeneratedRegex("\"Encourage__SupportUrl\":\\s*\"[^\"]*\"")]
    private static partial Regex SupportUrlSetting();

    [GeneratedRegex("(?i)validation failed|unhandled exception")]
    private static partial Regex Failure();

    /// <summary>scripts/dev.sh as a background process, until it says the host is running.</summary>
    private sealed class DevScript : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();
        private readonly TaskCompletionSource _running = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private DevScript(Process process) => _process = process;

        public string Output { get { lock (_output) return _output.ToString(); } }

        public static async Task<DevScript> StartAsync(string copy)
        {
            var dev = new DevScript(Process.Start(ReadmeWalk.Shell(copy, "exec scripts/dev.sh"))!);
            dev._process.OutputDataReceived += (_, e) => dev.Line(e.Data);
            dev._process.ErrorDataReceived += (_, e) => dev.Line(e.Data);
            dev._process.BeginOutputReadLine();
            dev._process.BeginErrorReadLine();
            var exited = dev._process.WaitForExitAsync();
            var first = await Task.WhenAny(dev._running.Task, exited, Task.Delay(DevStart));
            if (first != dev._running.Task)
            {
                var why = first == exited ? $"exited {dev._process.ExitCode}" : "never said it was running";
                await dev.DisposeAsync();
                Assert.Fail($"scripts/dev.sh {why}:\n{dev.Output}");
            }
            return dev;
        }

        private void Line(string? line)
        {
            if (line is null) return;
            lock (_output) _output.AppendLine(line);
            if (line.Contains("Encourage is running locally", StringComparison.Ordinal)) _running.TrySetResult();
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
            _process.Dispose();
        }
    }
}
