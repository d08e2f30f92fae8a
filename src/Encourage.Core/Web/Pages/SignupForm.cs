namespace Encourage.Web.Pages;

/// <summary>What the sign-up form holds (raw strings as typed, so the page can re-show them after an error).</summary>
public sealed record SignupForm(
    string? FirstName,
    string? Phone,
    string? Email,
    string? Channel,
    string? TimeZone,
    string? SendTime,
    string? StartDate,
    string? Pronoun)
{
    /// <summary>A field people never see or fill in (hidden by the stylesheet); a bot that fills every field is refused.</summary>
    public const string HoneypotField = "website";

    /// <summary>A blank form, for the first visit.</summary>
    public static SignupForm Empty { get; } = new(null, null, null, null, null, null, null, null);
}
