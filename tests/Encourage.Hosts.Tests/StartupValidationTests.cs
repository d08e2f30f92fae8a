using System.Diagnostics;
using Encourage.TestSupport;

namespace Encourage.Hosts.Tests;

public sealed class StartupValidationTests
{
    [Fact]
    public async Task Production_without_provider_settings_refuses_to_start_and_names_them()
    {
        var (exitCode, output) = await RunWithoutProvidersAsync();
        Assert.NotEqual(0, exitCode);
        Assert.Contains("Twilio__AccountSid", output, StringComparison.Ordinal);
        Assert.Contains("Twilio__AuthToken", output, StringComparison.Ordinal);
        // SendGrid__ApiKey is not named (a product bug): see KnownBugTests.
    }

    /// <summary>Starts the host in Production with no provider settings; returns (exit code, output).</summary>
    public static async Task<(int ExitCode, string Output)> RunWithoutProvidersAsync()
    {
        await Azurite.EnsureRunningAsync();
        var dll = Path.Combine(Repo.Root, "src", "Encourage.Local", "bin", LocalHostProcess.BuildConfiguration, "net10.0", "Encourage.Local.dll");
        var info = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{LocalHostProcess.FreePort()}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var (k, v) in TestSettings.For(TestSettings.NewPrefix())) info.Environment[k.Replace(":", "__", StringComparison.Ordinal)] = v ?? "";
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("Twilio", StringComparison.OrdinalIgnoreCase) || k.StartsWith("SendGrid", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }
        info.Environment["Encourage__Mode"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("The host kept running in Production without provider settings.");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
