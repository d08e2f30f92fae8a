namespace Encourage.Hosting;

/// <summary>
/// In Production, start-up refuses the secrets that ship in <c>local.settings.sample.json</c> (anyone can read them, so
/// anyone could make links and webhooks with them), naming each setting that holds one.
/// </summary>
internal sealed class SampleSecretsValidator : IValidateOptions<EncourageOptions>
{
    /// <summary>Every secret value in local.settings.sample.json (a test keeps this list and the file in step).</summary>
    public static readonly IReadOnlyList<string> Samples =
    [
        "dev-only-token-secret-change-me-0123456789abcdef",
        "dev-twilio-auth-token",
        "dev-only-inbound-parse-secret-0123456789",
    ];

    public ValidateOptionsResult Validate(string? name, EncourageOptions options) =>
        options.IsDevelopment ? ValidateOptionsResult.Success
            : Check(("Encourage__TokenSecret", options.TokenSecret), ("Encourage__PreviousTokenSecret", options.PreviousTokenSecret),
                ("Encourage__ContactKeySecret", options.ContactKeySecret));

    public static bool IsSample(string? value) =>
        value is { Length: > 0 } v && Samples.Any(s => string.Equals(s, v.Trim(), StringComparison.Ordinal));

    internal static ValidateOptionsResult Check(params (string Setting, string? Value)[] secrets)
    {
        var failures = secrets.Where(s => IsSample(s.Value))
            .Select(s => $"{s.Setting} is the sample value from local.settings.sample.json, which anyone can read. " +
                "Production needs a secret of its own (for example `openssl rand -base64 48`).")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>The same refusal for the providers' secrets (a class of its own: it reads the mode from EncourageOptions).</summary>
internal sealed class SampleProviderSecretsValidator(IOptions<EncourageOptions> encourage) :
    IValidateOptions<TwilioOptions>, IValidateOptions<SendGridOptions>
{
    public ValidateOptionsResult Validate(string? name, TwilioOptions options) =>
        encourage.Value.IsDevelopment ? ValidateOptionsResult.Success : SampleSecretsValidator.Check(("Twilio__AuthToken", options.AuthToken));

    public ValidateOptionsResult Validate(string? name, SendGridOptions options) =>
        encourage.Value.IsDevelopment ? ValidateOptionsResult.Success : SampleSecretsValidator.Check(("SendGrid__InboundParseSecret", options.InboundParseSecret));
}
