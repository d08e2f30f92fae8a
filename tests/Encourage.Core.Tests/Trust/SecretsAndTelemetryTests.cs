using System.Text.Json;
using Encourage.Hosting;
using Encourage.Privacy;

namespace Encourage.Core.Tests.Trust;

/// <summary>Issue 20, findings 2 and 13: no token in telemetry; the sample secrets are refused in Production.</summary>
public sealed class SecretsAndTelemetryTests
{
    [Theory]
    [InlineData("https://x.example/api/unsubscribe?token=abc-DEF_123", "https://x.example/api/unsubscribe?token=*")]
    [InlineData("/api/manage?a=1&token=abc&b=2", "/api/manage?a=1&token=*&b=2")]
    [InlineData("GET /api/admin/dashboard?code=secret", "GET /api/admin/dashboard?code=*")]
    [InlineData("/api/signup", "/api/signup")]
    public void Tokens_are_taken_out_of_urls_telemetry_keeps(string url, string kept) => Assert.Equal(kept, TokenScrub.Scrub(url));

    [Fact]
    public void The_Functions_host_records_no_request_urls()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Root, "src", "Encourage.Functions", "host.json")));
        Assert.Equal("None", doc.RootElement.GetProperty("logging").GetProperty("logLevel").GetProperty("Host.Results").GetString());
    }

    [Fact]
    public void Every_secret_in_the_sample_settings_is_refused_in_production()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Root, "local.settings.sample.json")));
        var values = doc.RootElement.GetProperty("Values");
        var options = new EncourageOptions { PublicBaseUrl = "https://x.example", TokenSecret = values.GetProperty("Encourage__TokenSecret").GetString()!, Mode = "Production" };
        var validators = new Microsoft.Extensions.DependencyInjection.ServiceCollection()
            .AddEncourage(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build())
            .Where(d => d.ServiceType == typeof(IValidateOptions<EncourageOptions>)).Select(d => d.ImplementationType?.Name).ToList();
        Assert.Contains("SampleSecretsValidator", validators);
        foreach (var name in new[] { "Encourage__TokenSecret", "Twilio__AuthToken", "SendGrid__InboundParseSecret" })
        {
            Assert.True(SampleSecretsValidator.IsSample(values.GetProperty(name).GetString()), name + " is not in the refused list");
        }
        Assert.False(SampleSecretsValidator.IsSample(options.TokenSecret + "x"));
    }
}
