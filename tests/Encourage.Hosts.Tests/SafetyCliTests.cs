using Encourage.TestSupport;

namespace Encourage.Hosts.Tests;

/// <summary>The CLI's safety commands: the corpus report, and the lint's check of allowed countries.</summary>
public sealed class SafetyCliTests
{
    private static readonly string Prefix = TestSettings.NewPrefix();

    [Fact]
    public async Task Safety_report_prints_precision_and_recall_per_label()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(Prefix, "content", "safety-report");

        Assert.True(code == 0, stderr);
        Assert.Contains("| label | texts | matched as | correct | precision | recall |", stdout, StringComparison.Ordinal);
        Assert.Matches(@"\| crisis \| \d+ \| \d+ \| \d+ \| [\d.]+ % \| 100\.0 % \|", stdout);
        Assert.Matches(@"\| abuse \| \d+ \| \d+ \| \d+ \| [\d.]+ % \| 100\.0 % \|", stdout);
        Assert.Matches(@"\| none \| \d+ \|", stdout);
    }

    [Fact]
    public async Task Content_lint_fails_when_an_allowed_country_has_no_crisis_resources()
    {
        var ok = await CliProcess.RunAsync(Prefix, new Dictionary<string, string> { ["Encourage:AllowedCountries"] = "US,CA,GB,IE,AU,NZ" }, "content", "lint");
        Assert.True(ok.ExitCode == 0, ok.Stderr);

        var bad = await CliProcess.RunAsync(Prefix, new Dictionary<string, string> { ["Encourage:AllowedCountries"] = "US,FR" }, "content", "lint");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("Encourage__AllowedCountries lists FR", bad.Stderr, StringComparison.Ordinal);
    }
}
