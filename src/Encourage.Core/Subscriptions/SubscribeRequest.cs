using System.Globalization;
using System.Net.Mail;
using Encourage.Arc;
using Encourage.Hosting;
using Encourage.Scheduling;
using NodaTime;
using PhoneNumbers;

namespace Encourage.Subscriptions;

/// <summary>A sign-up as posted (form or JSON), strings as typed.</summary>
public sealed record SubscribeRequest(
    string? FirstName,
    string? Phone,
    string? Email,
    string? Channel,
    string? TimeZone,
    string? SendTime,
    string? StartDate,
    string? Pronoun);

/// <summary>A sign-up that passed every check, normalised: E.164 phone, lower-cased email, IANA zone, slot-aligned time.</summary>
public sealed record ValidSubscription(
    string FirstName,
    string? Phone,
    string? Email,
    Channels Channels,
    string TimeZone,
    LocalTime SendTime,
    LocalDate? StartDate,
    Pronoun Pronoun);

/// <summary>Checks a sign-up field by field, so each error can be shown next to its field.</summary>
public sealed class SubscribeValidator(IOptions<EncourageOptions> options, TimeProvider time)
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();
    private const int MaxFieldLength = 200;

    public (ValidSubscription? Value, IReadOnlyDictionary<string, string> Errors) Validate(SubscribeRequest request)
    {
        var errors = new Dictionary<string, string>();

        var firstName = Clean(request.FirstName);
        if (firstName.Length == 0) errors["firstName"] = "Please tell us your first name.";
        else if (firstName.Length > Programme.MaxFirstNameLength) errors["firstName"] = $"Please keep your first name to {Programme.MaxFirstNameLength} characters.";
        else if (!firstName.All(c => char.IsLetter(c) || c is ' ' or '-' or '\'' or '.' || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark))
        {
            errors["firstName"] = "Please use only letters, spaces, hyphens and apostrophes in your first name.";
        }

        var channel = Clean(request.Channel) is { Length: 0 } ? Channels.Sms
            : ChannelNames.TryParse(Clean(request.Channel), out var chosen) ? chosen : Channels.None;
        if (channel == Channels.None) errors["channel"] = "Please choose text, email or both.";

        string? phone = null;
        var rawPhone = Clean(request.Phone);
        if (rawPhone.Length > 0 || channel.HasFlag(Channels.Sms))
        {
            if (rawPhone.Length == 0) errors["phone"] = "Please enter the mobile number for your texts.";
            else if (!TryNormalizePhone(rawPhone, out phone)) errors["phone"] = "That doesn't look like a mobile number we can text. Please include the country code if you're outside the US, for example +44 7911 123456.";
            else if (PhoneRefusal(phone, options.Value.AllowedCountries) is { } refusal) errors["phone"] = refusal;
        }

        string? email = null;
        var rawEmail = Clean(request.Email);
        if (rawEmail.Length > 0 || channel.HasFlag(Channels.Email))
        {
            if (rawEmail.Length == 0) errors["email"] = "Please enter the email address for your messages.";
            else if (!TryNormalizeEmail(rawEmail, out email)) errors["email"] = "That doesn't look like an email address. Please check it.";
        }

        var zoneId = Clean(request.TimeZone);
        if (zoneId.Length == 0) zoneId = "America/New_York";
        if (!SendSchedule.TryGetZone(zoneId, out var zone)) errors["timeZone"] = "Please choose your time zone from the list.";

        var sendTime = new LocalTime(9, 0);
        var rawTime = Clean(request.SendTime);
        if (rawTime.Length > 0 && !SendSchedule.TryParseTime(rawTime, out sendTime)) errors["sendTime"] = "Please give a time like 09:00.";

        LocalDate? startDate = null;
        var rawDate = Clean(request.StartDate);
        if (rawDate.Length > 0)
        {
            if (!SendSchedule.TryParseDate(rawDate, out var d)) errors["startDate"] = "Please give a date like 2027-03-20.";
            else if (!errors.ContainsKey("timeZone")) // without a zone there is no "today" to check against (and d + 90 days can overflow)
            {
                var today = SendSchedule.ToInstant(time.GetUtcNow()).InZone(zone).Date;
                if (d > today.PlusDays(90)) errors["startDate"] = "Please choose a start date within the next 90 days.";
                else startDate = d < today ? today : d;
            }
        }

        var pronoun = Clean(request.Pronoun).ToLowerInvariant() switch
        {
            "" or "him" => (Pronoun?)Subscriptions.Pronoun.Him,
            "her" => Subscriptions.Pronoun.Her,
            "them" => Subscriptions.Pronoun.Them,
            _ => null,
        };
        if (pronoun is null) errors["pronoun"] = "Please choose him, her or them.";

        if (errors.Count > 0) return (null, errors);
        var window = options.Value;
        var normalizedTime = SendSchedule.Normalize(sendTime, SendSchedule.ToLocalTime(window.QuietHoursStart), SendSchedule.ToLocalTime(window.QuietHoursEnd));
        return (new ValidSubscription(firstName, phone, email, channel, zone.Id, normalizedTime, startDate, pronoun!.Value), errors);
    }

    /// <summary>Parses a phone number with libphonenumber (US by default) to E.164; false if it cannot be a real number.</summary>
    public static bool TryNormalizePhone(string? raw, out string e164)
    {
        e164 = "";
        if (string.IsNullOrWhiteSpace(raw) || raw.Length > 40) return false;
        try
        {
            var number = Phones.Parse(raw, "US");
            if (!Phones.IsValidNumber(number)) return false;
            e164 = Phones.Format(number, PhoneNumberFormat.E164);
            return true;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    /// <summary>
    /// Why a valid number cannot sign up, or null: only mobile numbers (MOBILE or FIXED_LINE_OR_MOBILE) in an allowed
    /// country. Premium-rate, toll-free and shared-cost numbers are how SMS pumping earns money from a sign-up form.
    /// </summary>
    public static string? PhoneRefusal(string e164, string allowedCountries)
    {
        var number = Phones.Parse(e164, "US");
        var region = Phones.GetRegionCodeForNumber(number) ?? "";
        var allowed = allowedCountries.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (!allowed.Contains(region, StringComparer.OrdinalIgnoreCase))
        {
            return "We can't send texts to numbers in that country yet, sorry. You're welcome to choose email instead.";
        }
        return Phones.GetNumberType(number) is PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE
            ? null
            : "We can only send texts to a mobile number. Please enter your own mobile number, or choose email instead.";
    }

    /// <summary>The time zone a number most likely lives in (libphonenumber's geocoding of the number's prefix).</summary>
    public static string GuessTimeZone(string e164)
    {
        try
        {
            var number = Phones.Parse(e164, "US");
            var zones = PhoneNumberToTimeZonesMapper.GetInstance().GetTimeZonesForNumber(number);
            var first = zones.FirstOrDefault(z => SendSchedule.TryGetZone(z, out _));
            return first ?? "America/New_York";
        }
        catch (NumberParseException)
        {
            return "America/New_York";
        }
    }

    public static bool TryNormalizeEmail(string? raw, out string email)
    {
        email = "";
        if (string.IsNullOrWhiteSpace(raw) || raw.Length > 254) return false;
        var trimmed = raw.Trim();
        if (trimmed.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ',' or ';' or '"')) return false;
        if (!MailAddress.TryCreate(trimmed, out var address) || address.Address != trimmed) return false;
        var at = trimmed.LastIndexOf('@');
        if (at < 1 || !trimmed[(at + 1)..].Contains('.') || trimmed.EndsWith('.')) return false;
        email = trimmed.ToLowerInvariant();
        return true;
    }

    private static string Clean(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        var s = value.Length > MaxFieldLength ? value[..MaxFieldLength] : value;
        return new string(s.Where(c => !char.IsControl(c) && char.GetUnicodeCategory(c) != UnicodeCategory.Format && !char.IsSurrogate(c)).ToArray()).Trim();
    }
}
