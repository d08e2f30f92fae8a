namespace Encourage.Hosting;

/// <summary>
/// The support contact HELP names (carriers check that HELP gives one): <c>Encourage__SupportEmail</c>, else
/// <c>Encourage__SupportUrl</c>. One of them is required in Production; in Development a stand-in is used.
/// </summary>
public static class SupportContact
{
    /// <summary>The longest contact the content lint budgets for in HELP's two segments.</summary>
    public const int MaxLength = 40;

    /// <summary>Said in development when neither setting is given, so the text still reads whole.</summary>
    public const string DevelopmentStandIn = "the address on our website";

    public static string Of(EncourageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.SupportEmail)) return options.SupportEmail.Trim();
        if (!string.IsNullOrWhiteSpace(options.SupportUrl)) return options.SupportUrl.Trim();
        return DevelopmentStandIn;
    }
}

/// <summary>In Production, HELP must name a real support contact: start-up fails without one.</summary>
internal sealed class SupportContactValidator : IValidateOptions<EncourageOptions>
{
    public ValidateOptionsResult Validate(string? name, EncourageOptions options)
    {
        if (options.IsDevelopment || !string.IsNullOrWhiteSpace(options.SupportEmail) || !string.IsNullOrWhiteSpace(options.SupportUrl))
            return ValidateOptionsResult.Success;
        return ValidateOptionsResult.Fail("Encourage__SupportEmail or Encourage__SupportUrl is required: HELP must name a support contact.");
    }
}
