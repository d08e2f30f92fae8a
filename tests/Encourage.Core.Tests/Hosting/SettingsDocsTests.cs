using System.Text.Json;
using System.Text.RegularExpressions;

namespace Encourage.Core.Tests.Hosting;

/// <summary>The README's settings table and local.settings.sample.json list the same settings.</summary>
public sealed partial class SettingsDocsTests
{
    [GeneratedRegex(@"`([A-Za-z_]+(?:__[A-Za-z]+)*)`")]
    private static partial Regex Name();

    [Fact]
    public void The_readme_settings_table_and_the_sample_settings_name_the_same_settings()
    {
        var readme = File.ReadAllText(Path.Combine(Repo.Root, "README.md"));
        var section = readme[readme.IndexOf("\n## Settings", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 5, StringComparison.Ordinal)];
        var documented = section.Split('\n')
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .SelectMany(l => Name().Matches(l.Split('|')[1]).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);

        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Root, "local.settings.sample.json")));
        var listed = sample.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(listed.Except(documented)); // in the sample, missing from the README's table
        Assert.Empty(documented.Except(listed)); // in the README's table, missing from the sample
        Assert.Contains("Encourage__SendQueueName", listed);
        Assert.Contains("Twilio__ApiBaseUrl", listed);
        Assert.Contains("SendGrid__ApiHost", listed);
    }
}
