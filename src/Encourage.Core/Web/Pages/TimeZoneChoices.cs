namespace Encourage.Web.Pages;

/// <summary>The time zones the sign-up form offers: the common US ones first, then every IANA zone the host knows.</summary>
internal static class TimeZoneChoices
{
    public const string Default = "America/New_York";

    /// <summary>
    /// Most readers are in the US, so these come first, with names people recognise. They are offered even on a
    /// host without time zone data, so the form always has a usable choice; the handler validates what comes back.
    /// </summary>
    public static IReadOnlyList<(string Id, string Label)> Common { get; } =
    [
        ("America/New_York", "Eastern Time (New York)"),
        ("America/Chicago", "Central Time (Chicago)"),
        ("America/Denver", "Mountain Time (Denver)"),
        ("America/Phoenix", "Arizona (Phoenix)"),
        ("America/Los_Angeles", "Pacific Time (Los Angeles)"),
        ("America/Anchorage", "Alaska (Anchorage)"),
        ("Pacific/Honolulu", "Hawaii (Honolulu)"),
        ("America/Puerto_Rico", "Atlantic Time (Puerto Rico)"),
    ];

    /// <summary>
    /// Every other zone, by IANA id. Windows-style ids and bare aliases ("UTC", "EST5EDT") have no '/',
    /// and people do not look for themselves under those names.
    /// </summary>
    public static IReadOnlyList<(string Id, string Label)> Others { get; } = LoadOthers();

    /// <summary>True when the form can offer this id, so a re-shown value is only ever one of our own options.</summary>
    public static bool IsOffered(string? id) => id is not null && OfferedIds.Contains(id);

    private static readonly HashSet<string> OfferedIds =
        Common.Concat(Others).Select(z => z.Id).ToHashSet(StringComparer.Ordinal);

    private static List<(string Id, string Label)> LoadOthers()
    {
        var common = Common.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        return TimeZoneInfo.GetSystemTimeZones()
            .Select(z => z.Id)
            .Where(id => id.Contains('/', StringComparison.Ordinal) && !common.Contains(id))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(id => (id, id.Replace('_', ' ')))
            .ToList();
    }
}
