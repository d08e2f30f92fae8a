using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Encourage.Privacy;

/// <summary>
/// Runs <see cref="TokenScrub"/> over every span before it is exported: the name and every text attribute
/// (<c>url.full</c>, <c>url.query</c>, <c>http.url</c>, <c>http.target</c>...), so no link token reaches Application
/// Insights whichever instrumentation recorded the URL. Application Insights WorkerService 3.x is built on
/// OpenTelemetry, so this is one of its processors; it must be added before the exporter (<see cref="AddTokenScrubbing"/>
/// first).
/// </summary>
public sealed class TokenScrubProcessor : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (TokenScrub.Scrub(data.DisplayName) is { } name && name != data.DisplayName) data.DisplayName = name;
        List<KeyValuePair<string, string>>? changed = null;
        foreach (var tag in data.TagObjects)
        {
            if (tag.Value is string text && TokenScrub.Scrub(text) is { } clean && clean != text) (changed ??= []).Add(new(tag.Key, clean));
        }
        if (changed is null) return;
        foreach (var (key, clean) in changed) data.SetTag(key, clean);
    }
}

public static class TokenScrubbingExtensions
{
    /// <summary>
    /// Adds <see cref="TokenScrubProcessor"/> to the OpenTelemetry tracer provider. Call it before the exporter is
    /// added (before <c>AddApplicationInsightsTelemetryWorkerService</c>): processors run in the order they were added.
    /// </summary>
    public static IServiceCollection AddTokenScrubbing(this IServiceCollection services) =>
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(new TokenScrubProcessor()));
}
