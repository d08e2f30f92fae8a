namespace Encourage.Hosts.Tests;

/// <summary>Start-up refuses a production configuration that is missing provider settings, naming each.</summary>
public sealed class StartupSettingsTests
{
    /// <summary>
    /// With neither provider configured in production, start-up names every missing setting at once, so an operator
    /// does not fix Twilio, restart, and only then learn that SendGrid is missing too.
    /// </summary>
    [Fact]
    public async Task Production_start_up_names_every_missing_provider_setting()
    {
        var (exitCode, output) = await StartupValidationTests.RunWithoutProvidersAsync();
        Assert.NotEqual(0, exitCode);
        Assert.Contains("Twilio__AccountSid", output, StringComparison.Ordinal);
        Assert.Contains("SendGrid__ApiKey", output, StringComparison.Ordinal);
    }
}
