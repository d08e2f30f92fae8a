using System.Globalization;
using Encourage.Replies;

namespace Encourage.Insights;

/// <summary>
/// Every counter's name, in one place: the code that counts and the dashboard that reads (<see cref="DashboardFigures"/>)
/// both use these, so a name cannot drift between them. The names are what is stored, so they never change.
/// </summary>
public static class CounterNames
{
    public const string Signups = "signups";
    public const string Confirmations = "confirmations";
    public const string OptOuts = "optouts";
    public const string Pauses = "pauses";
    public const string Graduations = "graduations";
    public const string Urges = "urges";
    public const string UrgesResisted = "urges|resisted";
    public const string UrgesActed = "urges|acted";
    public const string Safety = "safety";

    /// <summary>A text the semantic layer put in its grey zone: answered with a check-in and the crisis line.</summary>
    public const string SafetyCheck = "safety|check";
    public const string Progress = "progress";
    public const string Contacts = "contacts";

    /// <summary>A JOIN or START by text from a number the sign-up rules refuse (country, number type): not answered.</summary>
    public const string RefusedNumber = "refused|number";

    /// <summary>An inbound message over its reply budget: handled, not answered.</summary>
    public const string ReplyBudgetSpent = "replies|over-budget";

    public static string Sent(Channels channel) => "sent|" + ChannelNames.Of(channel);

    public static string Failed(Channels channel) => "failed|" + ChannelNames.Of(channel);

    /// <summary>A SendGrid event (delivered, bounce...).</summary>
    public static string EmailEvent(string kind) => "email|" + kind.ToLowerInvariant();

    public static string Slips(SlipKind kind) => "slips|" + kind;

    /// <summary>Slips of a kind on a programme day (days since the person's programme began).</summary>
    public static string SlipDay(SlipKind kind, int programmeDay) =>
        "slipday|" + kind + "|" + programmeDay.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads a <see cref="SlipDay"/> name back; false for any other counter.</summary>
    public static bool TryReadSlipDay(string name, out string kind, out int programmeDay)
    {
        var parts = name.Split('|');
        kind = parts.Length == 3 ? parts[1] : "";
        programmeDay = 0;
        return parts.Length == 3 && parts[0] == "slipday"
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out programmeDay);
    }

    /// <summary>The gauge of subscribers in a status (lower case, as the gauges have always been stored).</summary>
    public static string Status(SubscriberStatus status) => StatusPrefix + status.ToString().ToLowerInvariant();

    public static string Phase(string phaseId) => PhasePrefix + phaseId;

    public const string StatusPrefix = "status|";
    public const string PhasePrefix = "phase|";
}
