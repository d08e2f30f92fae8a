namespace Encourage.Hosting;

/// <summary>In production every provider setting must be present; a missing one stops start-up by name.</summary>
internal sealed class ProviderOptionsValidator(IOptions<EncourageOptions> encourage) :
    IValidateOptions<TwilioOptions>, IValidateOptions<SendGridOptions>
{
    public ValidateOptionsResult Validate(string? name, TwilioOptions options)
    {
        // The auth token alone is allowed in development: the local host signs its dev phone's webhooks with it.
        if (encourage.Value.IsDevelopment && !AnySet(options.AccountSid))
        {
            return ValidateOptionsResult.Success;
        }
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(options.AccountSid)) missing.Add("Twilio__AccountSid is required.");
        if (string.IsNullOrWhiteSpace(options.AuthToken)) missing.Add("Twilio__AuthToken is required.");
        if (string.IsNullOrWhiteSpace(options.FromNumber) && string.IsNullOrWhiteSpace(options.MessagingServiceSid))
        {
            missing.Add("Twilio__FromNumber or Twilio__MessagingServiceSid is required.");
        }
        return missing.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(missing);
    }

    public ValidateOptionsResult Validate(string? name, SendGridOptions options)
    {
        if (encourage.Value.IsDevelopment && !AnySet(options.ApiKey))
        {
            return ValidateOptionsResult.Success;
        }
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ApiKey)) missing.Add("SendGrid__ApiKey is required.");
        if (string.IsNullOrWhiteSpace(options.FromEmail)) missing.Add("SendGrid__FromEmail is required.");
        return missing.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(missing);
    }

    private static bool AnySet(params string?[] values) => values.Any(v => !string.IsNullOrWhiteSpace(v));
}
