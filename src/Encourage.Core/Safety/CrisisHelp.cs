using System.Text;
using NodaTime.TimeZones;
using PhoneNumbers;

namespace Encourage.Safety;

/// <summary>
/// Crisis help for the person's own country, from crisis-resources.yaml: the safety reply (one or two GSM-7
/// segments, leading with the line for what they wrote about, saying the number is automated), the crisis line
/// alone, and which country a subscriber is in.
/// </summary>
public sealed class CrisisHelp(CrisisResources resources) : ICrisisHelp
{
    public const string FallbackRegion = "US";

    public string SafetyReply(string regionCode, SafetyKind kind, bool byEmail)
    {
        var help = resources.For(regionCode ?? FallbackRegion);
        return byEmail ? Email(help, kind) : CrisisResources.Sms(resources.Wording, help, kind);
    }

    public string CrisisLine(string regionCode) => resources.For(regionCode ?? FallbackRegion).CrisisLine;

    public string RegionOf(string? phone, string timeZoneId) => Region(phone, timeZoneId);

    /// <summary>The phone number's country (libphonenumber), else the time zone's (tzdb's zone.tab), else the US.</summary>
    public static string Region(string? phone, string? timeZoneId)
    {
        if (!string.IsNullOrWhiteSpace(phone))
        {
            try
            {
                var util = PhoneNumberUtil.GetInstance();
                var region = util.GetRegionCodeForNumber(util.Parse(phone, null));
                if (region is { Length: 2 } && region != "ZZ") return region;
            }
            catch (NumberParseException)
            {
                // Not a number we can place: fall through to the zone.
            }
        }
        if (!string.IsNullOrWhiteSpace(timeZoneId))
        {
            var source = TzdbDateTimeZoneSource.Default;
            var canonical = source.CanonicalIdMap.TryGetValue(timeZoneId, out var id) ? id : timeZoneId;
            var location = source.ZoneLocations?.FirstOrDefault(l => l.ZoneId == canonical);
            if (location is { CountryCode.Length: 2 }) return location.CountryCode;
        }
        return FallbackRegion;
    }

    private string Email(CountryHelp help, SafetyKind kind)
    {
        var w = resources.Wording;
        var other = kind == SafetyKind.SelfHarm ? SafetyKind.Abuse : SafetyKind.SelfHarm;
        var text = new StringBuilder();
        text.AppendLine(kind == SafetyKind.SelfHarm ? w.EmailSelfHarm : w.EmailAbuse).AppendLine();
        foreach (var r in help.For(kind).Concat(help.For(other)))
        {
            text.Append("- ").Append(r.Name).Append(": ").Append(HowToReach(r)).Append(" (").Append(r.Hours).Append("). ").AppendLine(r.Source.ToString());
        }
        text.AppendLine().AppendLine(w.EmailEmergency.Replace("{emergency}", help.Emergency, StringComparison.Ordinal)).AppendLine();
        text.Append(w.EmailAutomated);
        return text.ToString();
    }

    private static string HowToReach(CrisisResource r)
    {
        var ways = new List<string>();
        if (r.Phone is not null && r.Phone == r.Text) ways.Add("call or text " + r.Phone);
        else
        {
            if (r.Phone is not null) ways.Add("call " + r.Phone);
            if (r.Text is not null) ways.Add("text " + r.Text);
        }
        if (r.Web is not null) ways.Add("visit " + r.Web);
        return string.Join(", or ", ways);
    }
}
