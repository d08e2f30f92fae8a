using System.Globalization;
using System.Text.RegularExpressions;
using CsCheck;
using Encourage.Hosting;

namespace Encourage.Core.Tests.Properties;

/// <summary>
/// SubscribeValidator on anything a form or JSON body can carry: it never throws, and answers either a normalised
/// sign-up or at least one error named after a field the page shows. Real sign-ups always pass.
/// </summary>
public sealed partial class SubscribeValidatorPropertyTests
{
    private static readonly SubscribeValidator Validator = new(
        Options.Create(new EncourageOptions { PublicBaseUrl = TestSettings.PublicBaseUrl, TokenSecret = TestSettings.TokenSecret, AllowedCountries = "US,GB" }),
        TimeProvider.System);

    private static readonly HashSet<string> KnownFields = ["firstName", "phone", "email", "channel", "timeZone", "sendTime", "startDate", "pronoun"];

    private const string Awkward = "\0\u0001\u0007\b\t\n\r\u001B\u007F\u0085\u00A0\u00AD\u061C\u200B\u200D\u200E\u200F\u202A\u202E\u2066\u2069\uFEFF\uFFFD\uFFFE\uFFFF\uD800\uDBFF\uDC00\uDFFF'\"<>;,@+()-./:| ";

    private static readonly Gen<char> AnyChar = Gen.Char[char.MinValue, char.MaxValue];
    private static readonly Gen<char> Mixed = Gen.Frequency((3, AnyChar), (3, Gen.Char[Awkward]), (3, Gen.Char['0', '9']), (2, Gen.Char['a', 'z']));
    private static readonly Gen<string> RandomText = Mixed.Array[0, 60].Select(c => new string(c));
    private static readonly Gen<string> LongText = Mixed.Array[180, 400].Select(c => new string(c));

    private static readonly string[] Plausible =
    [
        "", " ", "Ana", "sms", "email", "both", "SMS", "him", "her", "them", "America/New_York", "Europe/London", "Asia/Kathmandu",
        "Not/AZone", "UTC", "09:00", "9:00", "24:00", "23:59", "7:5", "2027-03-20", "9999-12-31", "0001-01-01", "2027-02-30",
        "+12125550100", "2125550100", "+1 555 555 1234", "+44 7700 900123", "+44 7400 123456", "ana@example.com", "ANA@Example.COM", "a@b", "a@b.",
        "' or PartitionKey eq '", "x' or '1' eq '1", "<script>", "\u202Etxt.exe", "Zoë", "O'Neil",
    ];

    /// <summary>One field: null, a plausible value, random text, or text long enough to be cut.</summary>
    private static readonly Gen<string?> Field = Gen.Frequency(
        (1, Gen.Const((string?)null)),
        (4, Gen.OneOf(Plausible).Select(s => (string?)s)),
        (4, RandomText.Select(s => (string?)s)),
        (1, LongText.Select(s => (string?)s)),
        (2, Gen.Select(Gen.OneOf(Plausible), RandomText, (a, b) => (string?)(a + b))));

    private static readonly Gen<SubscribeRequest> AnyRequest =
        Gen.Select(Field, Field, Field, Field, Field, Field, Field, Field,
            (a, b, c, d, e, f, g, h) => new SubscribeRequest(a, b, c, d, e, f, g, h));

    private static void AssertWellFormed(SubscribeRequest request)
    {
        var (value, errors) = Validator.Validate(request);
        if (value is null)
        {
            Assert.NotEmpty(errors);
            foreach (var (key, message) in errors)
            {
                Assert.Contains(key, KnownFields);
                Assert.False(string.IsNullOrWhiteSpace(message));
            }
            return;
        }
        Assert.Empty(errors);
        Assert.NotEqual(Channels.None, value.Channels);
        Assert.InRange(value.FirstName.Length, 1, 20);
        if (value.Channels.HasFlag(Channels.Sms)) Assert.NotNull(value.Phone);
        if (value.Channels.HasFlag(Channels.Email)) Assert.NotNull(value.Email);
        if (value.Phone is not null) Assert.Matches(E164(), value.Phone);
        if (value.Email is not null) Assert.Equal(value.Email.ToLowerInvariant(), value.Email);
    }

    [Fact]
    public void Random_fields_never_throw_and_answer_a_value_or_named_errors() =>
        AnyRequest.Sample(AssertWellFormed, iter: 3_000);

    [Fact]
    public void Each_field_alone_never_throws()
    {
        Gen.Select(Field, Gen.Int[0, 7]).Sample((f, which) =>
        {
            var v = new string?[] { "Ana", "+12125550100", null, "sms", "America/New_York", "09:00", null, "him" };
            v[which] = f;
            AssertWellFormed(new SubscribeRequest(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]));
        }, iter: 3_000);
    }

    // --- Valid sign-ups ---------------------------------------------------------------------------------------

    private static readonly string[] AreaCodes = ["212", "213", "312", "415", "617", "646", "718", "202", "305", "404", "206", "512"];

    /// <summary>A US number in one of the ways people type it, with its E.164 form.</summary>
    private static readonly Gen<(string Typed, string E164)> UsPhone =
        Gen.Select(Gen.OneOf(AreaCodes), Gen.Int[0, 99], Gen.Int[0, 9])
            .Select((area, line, style) =>
            {
                var l = "01" + line.ToString("D2", CultureInfo.InvariantCulture); // 555-01xx: the fictional range
                var typed = style switch
                {
                    0 => $"+1{area}555{l}",
                    1 => $"{area}555{l}",
                    2 => $"({area}) 555-{l}",
                    3 => $"{area}-555-{l}",
                    4 => $"{area}.555.{l}",
                    5 => $"1 {area} 555 {l}",
                    6 => $"+1 ({area}) 555-{l}",
                    7 => $"  {area} 555 {l}  ",
                    8 => $"1-{area}-555-{l}",
                    _ => $"\u200E+1 {area} 555 {l}",
                };
                return (typed, $"+1{area}555{l}");
            });

    private static readonly Gen<(string Typed, string E164)> UkPhone =
        Gen.Select(Gen.Int[0, 999], Gen.Bool).Select((n, spaced) =>
        {
            var tail = n.ToString("D3", CultureInfo.InvariantCulture);
            return (spaced ? $"+44 7400 123{tail}" : $"+447400123{tail}", $"+447400123{tail}");
        });

    private static readonly Gen<(string Typed, string E164)> Phone = Gen.Frequency((4, UsPhone), (1, UkPhone));

    private static readonly Gen<string> Label = Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"].Array[1, 12].Select(c => new string(c));

    private static readonly Gen<string> Email =
        Gen.Select(Label.Array[1, 3], Gen.OneOf("", "+tag", "-x", "_y"), Label, Gen.OneOf("com", "org", "co.uk", "example"), Gen.Bool)
            .Select((local, suffix, domain, tld, upper) =>
            {
                var e = string.Join('.', local) + suffix + "@" + domain + "." + tld;
                return upper ? e.ToUpperInvariant() : e;
            });

    private static readonly Gen<string> FirstName =
        Gen.OneOf(
            Gen.OneOf("Ana", "José", "Zoë", "O'Neil", "Mary-Jane", "Anne Marie", "Siobhán", "Ngozi", "Łucja", "Dr. Kim", "Søren", "Nguyễn"),
            Gen.Char['a', 'z'].Array[1, 20].Select(c => char.ToUpperInvariant(c[0]) + new string(c[1..])));

    private static readonly string[] Zones =
        ["", "America/New_York", "America/Los_Angeles", "Europe/London", "Asia/Kathmandu", "Australia/Lord_Howe", "Pacific/Chatham", "UTC", "Africa/Lagos"];

    private static readonly Gen<string> SendTime =
        Gen.Select(Gen.Int[0, 23], Gen.Int[0, 59], Gen.Bool).Select((h, m, pad) =>
            (pad ? h.ToString("D2", CultureInfo.InvariantCulture) : h.ToString(CultureInfo.InvariantCulture)) + ":" + m.ToString("D2", CultureInfo.InvariantCulture));

    private static readonly Gen<string> StartDate =
        Gen.Frequency((1, Gen.Const("")), (3, Gen.Int[1, 89].Select(d => DateTime.UtcNow.Date.AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));

    private static readonly Gen<(SubscribeRequest Request, string? Phone, string? Email)> ValidRequest =
        Gen.Select(FirstName, Phone, Email, Gen.OneOf("sms", "email", "both", "SMS", " Both ", ""), Gen.OneOf(Zones),
                SendTime, StartDate, Gen.OneOf("", "him", "her", "them", "HER", " them "))
            .Select((name, phone, email, channel, zone, time, start, pronoun) =>
            {
                var c = channel.Trim().ToLowerInvariant();
                var wantsSms = c is "" or "sms" or "both";
                var wantsEmail = c is "email" or "both";
                var request = new SubscribeRequest(name, wantsSms ? phone.Typed : null, wantsEmail ? email : null, channel, zone, time, start, pronoun);
                return (request, wantsSms ? phone.E164 : null, wantsEmail ? email.ToLowerInvariant() : null);
            });

    [Fact]
    public void Real_sign_ups_always_validate_and_phones_normalise_to_E164() =>
        ValidRequest.Sample(v =>
        {
            var (value, errors) = Validator.Validate(v.Request);
            Assert.True(value is not null, $"refused {v.Request}: {string.Join("; ", errors.Select(e => e.Key + ": " + e.Value))}");
            Assert.Equal(v.Phone, value!.Phone);
            Assert.Equal(v.Email, value.Email);
            if (value.Phone is not null) Assert.Matches(E164(), value.Phone);
        }, iter: 2_000);

    [Fact]
    public void The_same_number_typed_any_way_is_one_E164()
    {
        UsPhone.Sample(p =>
        {
            Assert.True(SubscribeValidator.TryNormalizePhone(p.Typed, out var e164), $"'{p.Typed}' refused");
            Assert.Equal(p.E164, e164);
        }, iter: 1_000);
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();
}
