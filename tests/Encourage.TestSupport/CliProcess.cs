using System.Diagnostics;

namespace Encourage.TestSupport;

/// <summary>The operator CLI (src/Encourage.Cli) as a process, with the test settings for one storage prefix.</summary>
public static class CliProcess
{
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string prefix, params string[] args) =>
        RunAsync(prefix, new Dictionary<string, string>(), args);

    /// <summary>As above, with extra settings ("Section:Key") on top of the test settings.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string prefix, IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        var dll = Path.Combine(Repo.Root, "src", "Encourage.Cli", "bin", LocalHostProcess.BuildConfiguration, "net10.0", "encourage.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("Build the CLI first.", dll);
        // A working folder with no local.settings.json above it, so only these settings apply.
        var info = new ProcessStartInfo("dotnet", [dll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var (k, v) in TestSettings.For(prefix)) info.Environment[k.Replace(":", "__", StringComparison.Ordinal)] = v ?? "";
        foreach (var (k, v) in settings) info.Environment[k.Replace(":", "__", StringComparison.Ordinal)] = v;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
