using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Encourage.Insights;

/// <summary>
/// The dashboard's query string: <c>days</c> (1–90, default 30), <c>format</c> (html or json) and <c>to</c> (the last
/// UTC day shown, yyyy-MM-dd, default today). Other parameters are left alone: the Functions host passes its key as
/// <c>code</c>.
/// </summary>
public sealed record DashboardQuery(int Days, DashboardFormat Format, DateOnly? To)
{
    public const int DefaultDays = 30;
    public const int MaxDays = 90;

    /// <summary>Parses strictly: a parameter that is malformed, out of range, empty or given twice is an error, never a guess.</summary>
    public static bool TryParse(IQueryCollection query, out DashboardQuery parsed, out string error)
    {
        parsed = new DashboardQuery(DefaultDays, DashboardFormat.Html, null);
        error = "";
        if (!TryOne(query, "days", out var daysText, ref error)
            || !TryOne(query, "format", out var formatText, ref error)
            || !TryOne(query, "to", out var toText, ref error))
        {
            return false;
        }

        var days = DefaultDays;
        if (daysText is not null && !TryParseDays(daysText, out days, out error)) return false;

        var format = DashboardFormat.Html;
        if (formatText is not null)
        {
            switch (formatText)
            {
                case "html": format = DashboardFormat.Html; break;
                case "json": format = DashboardFormat.Json; break;
                default:
                    error = "format must be html or json.";
                    return false;
            }
        }

        DateOnly? to = null;
        if (toText is not null)
        {
            if (!TryParseDay(toText, out var day, out error)) return false;
            to = day;
        }

        parsed = new DashboardQuery(days, format, to);
        return true;
    }

    /// <summary>Shared with the CLI's <c>stats --days</c>, so both refuse the same values.</summary>
    public static bool TryParseDays(string text, out int days, out string error)
    {
        error = "";
        // NumberStyles.None: digits only, so "+5", " 5" and "5.0" are refused rather than quietly read.
        if (text.Length is 0 or > 3 || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out days) || days is < 1 or > MaxDays)
        {
            days = 0;
            error = $"days must be a whole number from 1 to {MaxDays}.";
            return false;
        }
        return true;
    }

    /// <summary>Shared with the CLI's <c>stats --to</c>.</summary>
    public static bool TryParseDay(string text, out DateOnly day, out string error)
    {
        error = "";
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day)
            || day.Year is < 2000 or > 2200)
        {
            error = "to must be a date written yyyy-MM-dd.";
            return false;
        }
        return true;
    }

    private static bool TryOne(IQueryCollection query, string name, out string? value, ref string error)
    {
        value = null;
        if (!query.TryGetValue(name, out var values) || values.Count == 0) return true;
        if (values.Count > 1)
        {
            error = $"{name} was given more than once.";
            return false;
        }
        value = values[0] ?? "";
        if (value.Length == 0)
        {
            error = $"{name} is empty.";
            return false;
        }
        return true;
    }
}

public enum DashboardFormat { Html, Json }
