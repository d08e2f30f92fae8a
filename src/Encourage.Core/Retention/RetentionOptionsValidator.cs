using Encourage.Arc;
using Encourage.Hosting;

namespace Encourage.Retention;

/// <summary>
/// Delivery rows guard exactly-once, so they must outlive the longest programme (every daily and weekly entry's
/// days_after added up) plus a margin for pauses and outages: start-up stops on a shorter Encourage__KeepDeliveryDays.
/// </summary>
internal sealed class RetentionOptionsValidator(Programme programme) : IValidateOptions<EncourageOptions>
{
    /// <summary>Days on top of the programme: a month of pauses (PAUSE takes at most 30 days) and outages.</summary>
    public const int MarginDays = 30;

    public static int ProgrammeDays(Programme programme) => programme.Entries.Sum(e => e.DaysAfterPrevious);

    public static int MinimumKeepDeliveryDays(Programme programme) => ProgrammeDays(programme) + MarginDays;

    public ValidateOptionsResult Validate(string? name, EncourageOptions options)
    {
        var minimum = MinimumKeepDeliveryDays(programme);
        return options.KeepDeliveryDays >= minimum
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Encourage__KeepDeliveryDays must be at least {minimum} (the programme's {ProgrammeDays(programme)} days plus {MarginDays} days' margin): delivery rows keep each message from going twice.");
    }
}
