namespace Encourage.Hosting;

/// <summary>
/// Secrets fail closed. An App Service Key Vault reference that did not resolve reaches the app as its own literal
/// text, "@Microsoft.KeyVault(SecretUri=...)": long enough to pass as a secret, and guessable from the app's name.
/// Start-up refuses it, naming the setting.
/// </summary>
internal sealed class SecretSettingsValidator :
    IValidateOptions<EncourageOptions>, IValidateOptions<TwilioOptions>, IValidateOptions<SendGridOptions>
{
    private const string UnresolvedReference = "@Microsoft.KeyVault(";

    public ValidateOptionsResult Validate(string? name, EncourageOptions options) =>
        Check(("Encourage__TokenSecret", options.TokenSecret));

    public ValidateOptionsResult Validate(string? name, TwilioOptions options) =>
        Check(("Twilio__AuthToken", options.AuthToken));

    public ValidateOptionsResult Validate(string? name, SendGridOptions options) =>
        Check(("SendGrid__ApiKey", options.ApiKey), ("SendGrid__EventWebhookPublicKey", options.EventWebhookPublicKey),
            ("SendGrid__InboundParseSecret", options.InboundParseSecret));

    /// <summary>Whether a setting's value is a Key Vault reference the platform failed to resolve.</summary>
    public static bool IsUnresolvedReference(string? value) =>
        value is not null && value.TrimStart().StartsWith(UnresolvedReference, StringComparison.OrdinalIgnoreCase);

    private static ValidateOptionsResult Check(params (string Setting, string? Value)[] secrets)
    {
        var failures = secrets.Where(s => IsUnresolvedReference(s.Value))
            .Select(s => $"{s.Setting} is a Key Vault reference that did not resolve (it still begins with \"{UnresolvedReference}\"): " +
                "check that the app's identity can read the secret and that the secret exists. Refusing to start with it as the secret.")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
