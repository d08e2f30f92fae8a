using System.Text.Json;
using System.Text.RegularExpressions;

namespace Encourage.Core.Tests.Hosting;

/// <summary>The settings table (docs/settings.md) and local.settings.sample.json list the same settings.</summary>
public sealed partial class SettingsDocsTests
{
    [GeneratedRegex(@"`([A-Za-z_]+(?:__[A-Za-z]+)*)`")]
    private static partial Regex Name();

    [Fact]
    public void The_settings_table_and_the_sample_settings_name_the_same_settings()
    {
        var section = File.ReadAllText(Path.Combine(Repo.Root, "docs", "settings.md"));
        var documented = section.Split('\n')
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .SelectMany(l => Name().Matches(l.Split('|')[1]).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);

        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Root, "local.settings.sample.json")));
        var listed = sample.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(listed.Except(documented)); // in the sample, missing from docs/settings.md
        Assert.Empty(documented.Except(listed)); // in docs/settings.md, missing from the sample
        Assert.Contains("Encourage__SendQueueName", listed);
        Assert.Contains("Twilio__ApiBaseUrl", listed);
        Assert.Contains("SendGrid__ApiHost", listed);
    }
}
