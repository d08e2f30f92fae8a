using System.Diagnostics;
using System.Net.Sockets;

namespace Encourage.TestSupport;

/// <summary>
/// Makes sure Azurite answers on 127.0.0.1:10000-10002: scripts/test.sh starts it; a bare `dotnet test` gets one
/// started here through scripts/azurite.sh.
/// </summary>
public static class Azurite
{
    public const string ConnectionString = "UseDevelopmentStorage=true";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _ready;

    public static async Task EnsureRunningAsync()
    {
        if (_ready) return;
        await Gate.WaitAsync();
        try
        {
            if (_ready) return;
            if (!await ListeningAsync(10000) || !await ListeningAsync(10001) || !await ListeningAsync(10002))
            {
                var script = Path.Combine(Repo.Root, "scripts", "azurite.sh");
                using var process = Process.Start(new ProcessStartInfo("bash", [script])
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    // In memory, as scripts/test.sh starts it: no test needs the shared Azurite's data to outlive it, and a
                    // store on disk re-writes its whole database every five seconds.
                    Environment = { ["AZURITE_IN_MEMORY"] = "1" },
                })!;
                await process.WaitForExitAsync();
                if (process.ExitCode != 0) throw new InvalidOperationException("Azurite could not be started: " + await process.StandardError.ReadToEndAsync());
            }
            _ready = true;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task<bool> ListeningAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port).WaitAsync(TimeSpan.FromSeconds(1));
            return true;
        }
        catch (Exception e) when (e is SocketException or TimeoutException)
        {
            return false;
        }
    }
}

/// <summary>Where the repository is, found from the test's output folder.</summary>
public static class Repo
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Encourage.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Encourage.sln not found above " + AppContext.BaseDirectory);
    }
}
