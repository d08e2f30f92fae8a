using System.Net.Mail;
using Encourage.Hosting;

namespace Encourage.Safety;

/// <summary>
/// Start-up checks for safety: every allowed country has crisis resources, and the operator's alert settings are
/// usable when given. Runs with the other options checks, so a bad setting stops start-up by name.
/// </summary>
public sealed class SafetyOptionsValidator(CrisisResources resources) : IValidateOptions<EncourageOptions>
{
    public ValidateOptionsResult Validate(string? name, EncourageOptions options)
    {
        var problems = Check(options, resources);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>The problems with the safety settings; shared with <c>content lint</c>.</summary>
    public static IReadOnlyList<string> Check(EncourageOptions options, CrisisResources resources)
    {
        var problems = new List<string>();
        var codes = options.AllowedCountryCodes;
        if (codes.Count == 0) problems.Add("Encourage__AllowedCountries is empty: list at least one country, like US or US,CA.");
        foreach (var code in codes.Where(c => c.Length != 2 || !c.All(char.IsAsciiLetterUpper)))
        {
            problems.Add($"Encourage__AllowedCountries: '{code}' is not a two-letter ISO 3166 country code (like US, CA, GB).");
        }
        problems.AddRange(resources.Uncovered(codes.Where(c => c.Length == 2 && c.All(char.IsAsciiLetterUpper))));
        if (!string.IsNullOrWhiteSpace(options.OperatorAlertEmail) && !MailAddress.TryCreate(options.OperatorAlertEmail.Trim(), out _))
        {
            problems.Add("Encourage__OperatorAlertEmail must be an email address.");
        }
        if (!string.IsNullOrWhiteSpace(options.OperatorAlertWebhook) &&
            (!Uri.TryCreate(options.OperatorAlertWebhook.Trim(), UriKind.Absolute, out var hook) || hook.Scheme is not ("https" or "http")))
        {
            problems.Add("Encourage__OperatorAlertWebhook must be an http(s) address.");
        }
        return problems;
    }
}
