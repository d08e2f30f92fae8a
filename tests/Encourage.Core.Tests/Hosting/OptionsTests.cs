using Encourage.Hosting;
using Microsoft.Extensions.Configuration;

namespace Encourage.Core.Tests.Hosting;

/// <summary>The queue and storage timings are validated at start-up, like every other Encourage setting.</summary>
public sealed class OptionsTests
{
    private static EncourageOptions Resolve(params (string Key, string Value)[] overrides)
    {
        var values = TestSettings.For(TestSettings.NewPrefix());
        foreach (var (k, v) in overrides) values[k] = v;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddEncourage(configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<EncourageOptions>>().Value;
    }

    [Fact]
    public void Defaults_match_the_functions_runtime_and_answer_webhooks_inside_twilios_15_seconds()
    {
        var options = Resolve();
        Assert.Equal(TimeSpan.FromSeconds(30), options.SendRetryDelay);
        Assert.Equal(TimeSpan.FromSeconds(5), options.StorageTimeout);
    }

    [Fact]
    public void An_empty_setting_counts_as_absent_so_the_default_applies_and_validation_passes()
    {
        // local.settings.sample.json had "Encourage__SupportUrl": "", which stopped every host and CLI command.
        var options = Resolve(("Encourage:SupportUrl", ""), ("Encourage:AllowedCountries", " "), ("Encourage:StorageTimeout", ""));
        Assert.Null(options.SupportUrl);
        Assert.Equal(["US"], options.AllowedCountryCodes);
        Assert.Equal(TimeSpan.FromSeconds(5), options.StorageTimeout);
    }

    [Fact]
    public void An_empty_required_setting_is_reported_missing_by_name()
    {
        var e = Assert.Throws<OptionsValidationException>(() => Resolve(("Encourage:PublicBaseUrl", "")));
        Assert.Contains(e.Failures, f => f.Contains("PublicBaseUrl", StringComparison.Ordinal));
    }

    [Fact]
    public void A_set_but_invalid_setting_still_fails_by_name()
    {
        var e = Assert.Throws<OptionsValidationException>(() => Resolve(("Encourage:SupportUrl", "not an address")));
        Assert.Contains(e.Failures, f => f.Contains("Encourage__SupportUrl must be an http or https address", StringComparison.Ordinal));
    }

    [Fact]
    public void Settings_are_read_from_configuration()
    {
        var options = Resolve(("Encourage:SendRetryDelay", "00:00:00"), ("Encourage:StorageTimeout", "00:00:30"));
        Assert.Equal(TimeSpan.Zero, options.SendRetryDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), options.StorageTimeout);
    }

    [Theory]
    [InlineData("Encourage:SendRetryDelay", "02:00:00", "Encourage__SendRetryDelay")]
    [InlineData("Encourage:SendRetryDelay", "-00:00:01", "Encourage__SendRetryDelay")]
    [InlineData("Encourage:StorageTimeout", "00:00:00", "Encourage__StorageTimeout")]
    [InlineData("Encourage:StorageTimeout", "00:10:00", "Encourage__StorageTimeout")]
    public void An_out_of_range_timing_is_refused_by_name(string key, string value, string named)
    {
        var e = Assert.Throws<OptionsValidationException>(() => Resolve((key, value)));
        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }
}
