using System.Diagnostics;
using Encourage.Privacy;
using Encourage.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Encourage.Core.Tests.Privacy;

/// <summary>
/// Issue 20, finding 2: no link token in the telemetry that Application Insights keeps. The scrubber is registered as
/// the Functions app registers it (before the exporter), and what reaches the exporter is read back.
/// </summary>
public sealed class TelemetryScrubTests
{
    private const string Source = "Encourage.Tests.TelemetryScrub";
    private const string Token = "Y15rvcqHwZ5cTi20yCiTOTEQr4L3aVDjfoElu-dsGsusXfmgyjF1xiqbbKsTje24y3Fxx";

    [Fact]
    public void A_span_reaches_the_exporter_with_every_token_taken_out_and_the_rest_kept()
    {
        var exported = new List<Activity>();
        var services = new ServiceCollection();
        services.AddTokenScrubbing();
        services.AddOpenTelemetry().WithTracing(t => t.AddSource(Source).AddProcessor(new Capture(exported)));
        using (var provider = services.BuildServiceProvider())
        {
            _ = provider.GetRequiredService<TracerProvider>();
            using var source = new ActivitySource(Source);
            using (var span = source.StartActivity("GET /api/unsubscribe?token=" + Token))
            {
                Assert.NotNull(span);
                span.SetTag("url.full", $"https://encourage.example.net/api/unsubscribe?token={Token}&x=1");
                span.SetTag("url.query", $"token={Token}");
                span.SetTag("http.url", $"https://encourage.example.net/api/admin/dashboard?code={Token}");
                span.SetTag("http.target", $"/api/manage?token={Token}#top");
                span.SetTag("http.response.status_code", 200);
                span.SetTag("url.path", "/api/unsubscribe");
            }
        }

        var only = Assert.Single(exported);
        Assert.DoesNotContain(Token, only.DisplayName, StringComparison.Ordinal);
        foreach (var tag in only.TagObjects) Assert.DoesNotContain(Token, tag.Value?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal("https://encourage.example.net/api/unsubscribe?token=*&x=1", only.GetTagItem("url.full"));
        Assert.Equal("token=*", only.GetTagItem("url.query"));
        Assert.Equal("/api/manage?token=*#top", only.GetTagItem("http.target"));
        Assert.Equal(200, only.GetTagItem("http.response.status_code"));
        Assert.Equal("/api/unsubscribe", only.GetTagItem("url.path"));
    }

    [Fact]
    public void The_Functions_app_adds_the_scrubber_before_the_exporter()
    {
        var program = File.ReadAllText(Path.Combine(Repo.Root, "src", "Encourage.Functions", "Program.cs"));
        var scrub = program.IndexOf(".AddTokenScrubbing()", StringComparison.Ordinal);
        var exporter = program.IndexOf(".AddApplicationInsightsTelemetryWorkerService()", StringComparison.Ordinal);
        Assert.True(scrub >= 0 && exporter > scrub, "Program.cs must call AddTokenScrubbing() before AddApplicationInsightsTelemetryWorkerService()");
    }

    private sealed class Capture(List<Activity> exported) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data) => exported.Add(data);
    }
}
