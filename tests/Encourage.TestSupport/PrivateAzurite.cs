using System.Diagnostics;

namespace Encourage.TestSupport;

/// <summary>
/// An Azurite of the test's own, on free ports, keeping its data on disk in a temporary folder so it survives a
/// stop and start: for tests that take storage away in the middle of something.
/// </summary>
public sealed class PrivateAzurite : IAsyncDisposable
{
    private Process? _process;

    /// <summary>Azurite's well-known development account key.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly bool _inMemory;

    private PrivateAzurite(bool inMemory)
    {
        _inMemory = inMemory;
        BlobPort = LocalHostProcess.FreePort();
        QueuePort = LocalHostProcess.FreePort();
        TablePort = LocalHostProcess.FreePort();
        Location = Path.Combine(Path.GetTempPath(), "encourage-azurite-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Location);
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }
    public string Location { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    /// <param name="inMemory">Keep the data in memory (several times faster for write-heavy tests); a stop then loses it,
    /// so tests that restart storage keep the default.</param>
    public static async Task<PrivateAzurite> StartAsync(bool inMemory = false)
    {
        var azurite = new PrivateAzurite(inMemory);
        await azurite.StartProcessAsync();
        return azurite;
    }

    private static string Executable()
    {
        var path = Path.Combine(Repo.Root, "node_modules", ".bin", "azurite");
        if (File.Exists(path)) return path;
        using var npm = Process.Start(new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"])
        {
            WorkingDirectory = Repo.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        npm.WaitForExit();
        return File.Exists(path) ? path : throw new InvalidOperationException("Azurite is not installed (npm ci failed).");
    }

    /// <summary>Starts (or restarts) Azurite on the same ports and folder; returns when all three ports answer.</summary>
    public async Task StartProcessAsync()
    {
        var info = new ProcessStartInfo(Executable(),
        [
            "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", BlobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queuePort", QueuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tablePort", TablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(_inMemory ? "--inMemoryPersistence" : "--location");
        if (!_inMemory) info.ArgumentList.Add(Location);
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        // Node starts slowly on 2 busy cores (three test lanes, Chromium, local hosts): two minutes, not thirty seconds.
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException("Azurite exited at start-up with code " + _process.ExitCode);
            if (await Azurite.ListeningAsync(BlobPort) && await Azurite.ListeningAsync(QueuePort) && await Azurite.ListeningAsync(TablePort)) return;
            await Task.Delay(100);
        }
        throw new TimeoutException("Azurite did not start on its private ports.");
    }

    /// <summary>
    /// Takes Azurite away: SIGTERM, so it flushes what it acknowledged to disk and exits (SIGKILL would lose its last
    /// seconds of acknowledged writes, which real storage never does), then SIGKILL if it lingers.
    /// </summary>
    public async Task KillAsync()
    {
        if (_inMemory && _process is { HasExited: false } m)
        {
            // Nothing to flush, and an in-memory Azurite lingers on SIGTERM.
            m.Kill(entireProcessTree: true);
            await m.WaitForExitAsync();
        }
        else if (_process is { HasExited: false } p)
        {
            using (var term = Process.Start("kill", ["-TERM", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await term.WaitForExitAsync();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try { await p.WaitForExitAsync(wait.Token); }
            catch (OperationCanceledException) { p.Kill(entireProcessTree: true); await p.WaitForExitAsync(); }
        }
        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try { Directory.Delete(Location, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
