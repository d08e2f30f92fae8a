using Encourage.Arc;
using Encourage.Hosting;
using Encourage.Safety;
using Microsoft.Extensions.Configuration;

namespace Encourage.Cli;

/// <summary>
/// `content lint`'s safety checks: the crisis resources file reads and passes its checks, every country in
/// Encourage__AllowedCountries (from local.settings.json, then the environment) has resources, the safety words
/// still catch every crisis and abuse text of the corpus, and the semantic layer's vectors and thresholds match its examples.
/// </summary>
internal static class SafetyLint
{
    public static IReadOnlyList<string> Check()
    {
        var problems = new List<string>();
        CrisisResources resources;
        try
        {
            resources = CrisisResources.LoadEmbedded();
        }
        catch (ContentException e)
        {
            return e.Problems;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(CliHost.LocalSettings()).AddEnvironmentVariables().Build();
        var options = new EncourageOptions { PublicBaseUrl = "https://lint.invalid", TokenSecret = "" };
        SettingsSection.Of(configuration, EncourageOptions.Section).Bind(options);
        problems.AddRange(SafetyOptionsValidator.Check(options, resources));

        var report = SafetyCorpus.Evaluate(SafetyCorpus.LoadEmbedded());
        foreach (var (text, predicted) in report.Wrong.Where(w => w.Text.Label != SafetyCorpus.None && w.Predicted != w.Text.Label))
        {
            problems.Add($"safety-corpus.tsv line {text.Line}: a {text.Label} text is no longer matched as {text.Label} (got {predicted}): \"{text.Text}\"");
        }
        // The semantic layer's data must match its examples, or the layer would be off in production.
        if (SemanticSafety.DataProblem is { } stale) problems.Add("semantic safety layer: " + stale);
        return problems;
    }
}
