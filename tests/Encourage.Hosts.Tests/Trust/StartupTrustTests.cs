using System.Diagnostics;
using Encourage.TestSupport;

namespace Encourage.Hosts.Tests.Trust;

/// <summary>Issue 11: secrets fail closed, and /dev never leaves a developer's own machine.</summary>
public sealed class StartupTrustTests
{
    private const string Unresolved = "@Microsoft.KeyVault(SecretUri=https://kv-encourage.vault.azure.net/secrets/token-secret/)";

    [Fact]
    public async Task Production_with_an_unresolved_key_vault_reference_exits_non_zero_naming_the_setting()
    {
        var production = new Dictionary<string, string>
        {
            ["Encourage__Mode"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Encourage__TokenSecret"] = Unresolved,
            ["Twilio__AccountSid"] = TestSettings.TwilioAccountSid,
            ["Twilio__AuthToken"] = "real-looking-twilio-auth-token",
            ["Twilio__FromNumber"] = "+12125550199",
            ["SendGrid__ApiKey"] = "SG.real-looking-key",
            ["SendGrid__FromEmail"] = "hello@example.com",
        };
        var (exit, output) = await RunAsync(production, [$"http://127.0.0.1:{LocalHostProcess.FreePort()}"]);
        Assert.NotEqual(0, exit);
        Assert.Contains("Encourage__TokenSecret is a Key Vault reference that did not resolve", output, StringComparison.Ordinal);
        Assert.DoesNotContain("kv-encourage", output, StringComparison.Ordinal);

        // The provider secrets too, each by name.
        production["Encourage__TokenSecret"] = TestSettings.TokenSecret;
        production["Twilio__AuthToken"] = "@Microsoft.KeyVault(SecretUri=https://kv-encourage.vault.azure.net/secrets/twilio-auth-token/)";
        production["SendGrid__EventWebhookPublicKey"] = "@Microsoft.KeyVault(VaultName=kv-encourage;SecretName=sendgrid-key)";
        var (exit2, output2) = await RunAsync(production, [$"http://127.0.0.1:{LocalHostProcess.FreePort()}"]);
        Assert.NotEqual(0, exit2);
        Assert.Contains("Twilio__AuthToken is a Key Vault reference", output2, StringComparison.Ordinal);
        Assert.Contains("SendGrid__EventWebhookPublicKey is a Key Vault reference", output2, StringComparison.Ordinal);
        Assert.DoesNotContain("SendGrid__ApiKey is a Key Vault reference", output2, StringComparison.Ordinal);
        production["Twilio__AuthToken"] = "real-looking-twilio-auth-token";
        production.Remove("SendGrid__EventWebhookPublicKey");
        production["SendGrid__ApiKey"] = " @Microsoft.KeyVault(SecretUri=https://kv-encourage.vault.azure.net/secrets/sendgrid-api-key/)";
        var (exit3, output3) = await RunAsync(production, [$"http://127.0.0.1:{LocalHostProcess.FreePort()}"]);
        Assert.NotEqual(0, exit3);
        Assert.Contains("SendGrid__ApiKey is a Key Vault reference", output3, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Development_on_every_interface_refuses_to_start_and_says_why()
    {
        var port = LocalHostProcess.FreePort();
        var (exit, output) = await RunAsync(new() { ["ASPNETCORE_ENVIRONMENT"] = "Development" }, [$"http://0.0.0.0:{port}"]);
        Assert.NotEqual(0, exit);
        Assert.Contains($"http://0.0.0.0:{port}, which is not loopback", output, StringComparison.Ordinal);

        var (exitUrls, outputUrls) = await RunAsync(new() { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["ASPNETCORE_URLS"] = $"http://+:{port}" }, null);
        Assert.NotEqual(0, exitUrls);
        Assert.Contains("which is not loopback", outputUrls, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_serves_no_dev_route()
    {
        var port = LocalHostProcess.FreePort();
        var settings = new Dictionary<string, string>
        {
            ["Encourage__Mode"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Twilio__AccountSid"] = TestSettings.TwilioAccountSid,
            ["Twilio__FromNumber"] = "+12125550199",
            ["Twilio__ApiBaseUrl"] = "http://127.0.0.1:9",
            ["SendGrid__ApiKey"] = "SG.test",
            ["SendGrid__FromEmail"] = "hello@example.com",
            ["SendGrid__ApiHost"] = "http://127.0.0.1:9",
            ["Local__DispatchIntervalSeconds"] = "0",
        };
        using var process = Start(settings, [$"http://127.0.0.1:{port}"], out var output);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var up = false;
            for (var i = 0; i < 150 && !up && !process.HasExited; i++)
            {
                try { up = (await client.GetAsync(Encourage.Web.Routes.Signup)).IsSuccessStatusCode; }
                catch (HttpRequestException) { await Task.Delay(200); }
            }
            Assert.True(up, "The host did not start in Production:\n" + output);
            foreach (var path in new[] { "/dev/outbox", "/dev/clock", "/dev/phone" })
            {
                using var r = await client.GetAsync(path);
                Assert.Equal(System.Net.HttpStatusCode.NotFound, r.StatusCode);
            }
            using var post = await client.PostAsync("/dev/clock/advance?hours=24", null);
            Assert.Equal(System.Net.HttpStatusCode.NotFound, post.StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static Process Start(Dictionary<string, string> settings, string[]? urls, out System.Text.StringBuilder output)
    {
        var dll = Path.Combine(Repo.Root, "src", "Encourage.Local", "bin", LocalHostProcess.BuildConfiguration, "net10.0", "Encourage.Local.dll");
        var info = new ProcessStartInfo("dotnet", urls is null ? [dll] : [dll, "--urls", .. urls])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.Environment.Remove("ASPNETCORE_URLS");
        foreach (var (k, v) in TestSettings.For(TestSettings.NewPrefix()).Where(kv => kv.Value is not null)) info.Environment[k.Replace(":", "__", StringComparison.Ordinal)] = v;
        foreach (var (k, v) in settings) info.Environment[k] = v;
        var process = Process.Start(info)!;
        var text = new System.Text.StringBuilder();
        output = text;
        process.OutputDataReceived += (_, e) => { lock (text) text.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (text) text.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(Dictionary<string, string> settings, string[]? urls)
    {
        await Azurite.EnsureRunningAsync();
        using var process = Start(settings, urls, out var output);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("The host kept running:\n" + output);
        }
        await process.WaitForExitAsync();
        lock (output) return (process.ExitCode, output.ToString());
    }
}
