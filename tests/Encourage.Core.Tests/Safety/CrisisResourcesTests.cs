using Encourage.Arc;
using Encourage.Hosting;
using Encourage.Safety;
using Microsoft.Extensions.Configuration;

namespace Encourage.Core.Tests.Safety;

public sealed class CrisisResourcesTests
{
    private static readonly CrisisResources Resources = CrisisResources.LoadEmbedded();
    private static readonly CrisisHelp Help = new(Resources);

    public static TheoryData<string> Countries => new(Resources.Countries);

    [Fact]
    public void Ships_the_countries_the_issue_asks_for()
    {
        foreach (var code in new[] { "US", "CA", "GB", "IE", "AU", "NZ" })
        {
            Assert.True(Resources.Covers(code), code);
        }
    }

    [Theory]
    [MemberData(nameof(Countries))]
    public void Every_entry_has_an_official_https_source_and_lines_of_both_kinds(string code)
    {
        var help = Resources.For(code);
        Assert.NotEmpty(help.For(SafetyKind.SelfHarm));
        Assert.NotEmpty(help.For(SafetyKind.Abuse));
        foreach (var r in help.Resources)
        {
            Assert.Equal("https", r.Source.Scheme);
            Assert.False(string.IsNullOrWhiteSpace(r.Hours), r.Name);
            Assert.True(r.Phone is not null || r.Text is not null || r.Web is not null, r.Name);
        }
    }

    [Theory]
    [MemberData(nameof(Countries))]
    public void The_sms_reply_fits_two_gsm7_segments_says_it_is_automated_and_leads_with_the_right_line(string code)
    {
        var help = Resources.For(code);
        foreach (var kind in new[] { SafetyKind.SelfHarm, SafetyKind.Abuse })
        {
            var sms = Help.SafetyReply(code, kind, byEmail: false);
            Assert.True(Gsm7.IsGsm7(sms), sms);
            Assert.InRange(Gsm7.Segments(sms), 1, 2);
            Assert.Contains("automated and not watched by a person", sms, StringComparison.Ordinal);
            Assert.Contains(help.Emergency, sms, StringComparison.Ordinal);
            var lead = sms.IndexOf(help.Sms(kind), StringComparison.Ordinal);
            var other = sms.IndexOf(help.Sms(kind == SafetyKind.SelfHarm ? SafetyKind.Abuse : SafetyKind.SelfHarm), StringComparison.Ordinal);
            Assert.True(lead >= 0 && other > lead, $"{code} {kind}: {sms}");
        }
    }

    [Fact]
    public void Us_replies_give_988_and_the_hotline_and_gb_never_gives_us_numbers()
    {
        var us = Help.SafetyReply("US", SafetyKind.SelfHarm, byEmail: false);
        Assert.StartsWith("You matter. Call or text 988", us, StringComparison.Ordinal);
        Assert.Contains("1-800-799-7233", us, StringComparison.Ordinal);
        Assert.Contains("START to 88788", us, StringComparison.Ordinal);
        Assert.Contains("911", us, StringComparison.Ordinal);

        var gb = Help.SafetyReply("GB", SafetyKind.Abuse, byEmail: false);
        Assert.StartsWith("You deserve to be safe. Call the National Domestic Abuse Helpline free on 0808 2000 247", gb, StringComparison.Ordinal);
        Assert.Contains("116 123", gb, StringComparison.Ordinal);
        Assert.Contains("999", gb, StringComparison.Ordinal);
        Assert.DoesNotContain("988", gb, StringComparison.Ordinal);
        Assert.DoesNotContain("911", gb, StringComparison.Ordinal);
        Assert.Equal("Samaritans 116 123 or text SHOUT to 85258", Help.CrisisLine("GB"));
        Assert.Equal("call or text 988", Help.CrisisLine("US"));
    }

    [Fact]
    public void An_unlisted_country_gets_where_to_look_not_another_countrys_numbers()
    {
        var fr = Help.SafetyReply("FR", SafetyKind.SelfHarm, byEmail: false);
        Assert.Contains("findahelpline.com", fr, StringComparison.Ordinal);
        Assert.Contains("local emergency number", fr, StringComparison.Ordinal);
        Assert.DoesNotContain("988", fr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_email_wording_lists_every_line_with_its_source_and_never_says_text_a_keyword()
    {
        var email = Help.SafetyReply("IE", SafetyKind.Abuse, byEmail: true);
        Assert.StartsWith("You deserve to be safe", email, StringComparison.Ordinal);
        Assert.True(email.IndexOf("1800 341 900", StringComparison.Ordinal) < email.IndexOf("116 123", StringComparison.Ordinal));
        foreach (var r in Resources.For("IE").Resources) Assert.Contains(r.Source.ToString(), email, StringComparison.Ordinal);
        Assert.Contains("call 112 or 999", email, StringComparison.Ordinal);
        Assert.Contains("automated and not watched by a person", email, StringComparison.Ordinal);
        Assert.DoesNotContain("This number", email, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("+12125550100", "America/New_York", "US")]
    [InlineData("+14165550123", "America/New_York", "CA")]
    [InlineData("+442071838750", "America/New_York", "GB")]
    [InlineData("+353851234567", "Europe/London", "IE")]
    [InlineData("+61412345678", "America/New_York", "AU")]
    [InlineData("+64211234567", "America/New_York", "NZ")]
    [InlineData(null, "Europe/Dublin", "IE")]
    [InlineData(null, "Australia/Sydney", "AU")]
    [InlineData(null, "Pacific/Auckland", "NZ")]
    [InlineData(null, "America/Toronto", "CA")]
    [InlineData(null, "Europe/London", "GB")]
    [InlineData(null, "US/Eastern", "US")]
    [InlineData("not a number", "Europe/London", "GB")]
    [InlineData(null, "Not/AZone", "US")]
    [InlineData(null, "", "US")]
    public void The_region_comes_from_the_number_else_the_zone_else_the_us(string? phone, string zone, string expected)
    {
        Assert.Equal(expected, Help.RegionOf(phone, zone));
    }

    [Fact]
    public void A_file_with_problems_is_refused_with_each_one_named()
    {
        var yaml = CrisisResources.EmbeddedText()
            .Replace("        source: https://988lifeline.org/\n", "", StringComparison.Ordinal)
            .Replace("abuse_sms: Call 1-800-799-7233 or text START to 88788, any time.", "abuse_sms: Call the hotline, any time.", StringComparison.Ordinal)
            .Replace("crisis_line: Lifeline 13 11 14", "crisis_line: Lifeline \u201c13 11 14\u201d", StringComparison.Ordinal);
        var e = Assert.Throws<ContentException>(() => CrisisResources.Parse(yaml));
        Assert.Contains(e.Problems, p => p.Contains("988 Suicide & Crisis Lifeline", StringComparison.Ordinal) && p.Contains("source", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("US abuse_sms does not give National Domestic Violence Hotline's number 1-800-799-7233", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("AU", StringComparison.Ordinal) && p.Contains("GSM-7", StringComparison.Ordinal));
    }

    [Fact]
    public void A_reply_over_two_segments_is_refused()
    {
        var yaml = CrisisResources.EmbeddedText().Replace("self_harm_sms: Call or text 1737 free, any time.",
            "self_harm_sms: Call or text 1737 free, any time. " + new string('x', 200), StringComparison.Ordinal);
        var e = Assert.Throws<ContentException>(() => CrisisResources.Parse(yaml));
        Assert.Contains(e.Problems, p => p.Contains("NZ", StringComparison.Ordinal) && p.Contains("segments", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("US,FR", "FR")]
    [InlineData("us, gb, xx", "XX")]
    [InlineData("USA", "USA")]
    [InlineData(" , ", "empty")] // an empty setting counts as absent (the default, US); a list of nothing is refused
    public void Start_up_fails_when_an_allowed_country_has_no_resources(string allowed, string named)
    {
        using var provider = Provider(new() { ["Encourage:AllowedCountries"] = allowed });
        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<EncourageOptions>>().Value);
        Assert.Contains(e.Failures, f => f.Contains(named, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Encourage:OperatorAlertEmail", "not an email", "OperatorAlertEmail")]
    [InlineData("Encourage:OperatorAlertWebhook", "ftp://example.org/hook", "OperatorAlertWebhook")]
    public void Start_up_fails_on_an_unusable_alert_setting(string key, string value, string named)
    {
        using var provider = Provider(new() { [key] = value });
        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<EncourageOptions>>().Value);
        Assert.Contains(e.Failures, f => f.Contains(named, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_covered_country_may_be_allowed_and_empty_alert_settings_are_fine()
    {
        // Disposed as the hosts do: the alerts' claim goes through SubscriberStore, whose gauges' Counters dispose asynchronously.
        await using var provider = Provider(new()
        {
            ["Encourage:AllowedCountries"] = "US,CA,GB,IE,AU,NZ",
            ["Encourage:OperatorAlertEmail"] = "",
            ["Encourage:OperatorAlertWebhook"] = "",
        });
        var options = provider.GetRequiredService<IOptions<EncourageOptions>>().Value;
        Assert.Equal(["US", "CA", "GB", "IE", "AU", "NZ"], options.AllowedCountryCodes);
        Assert.IsType<CrisisHelp>(provider.GetRequiredService<ICrisisHelp>());
        Assert.IsType<OperatorAlerts>(provider.GetRequiredService<IOperatorAlerts>());
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var values = TestSettings.For("unused");
        foreach (var (k, v) in settings) values[k] = v;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddEncourage(configuration);
        return services.BuildServiceProvider();
    }
}
