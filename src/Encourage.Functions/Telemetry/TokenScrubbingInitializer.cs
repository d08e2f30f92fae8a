using Encourage.Privacy;
using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;

namespace Encourage.Functions.Telemetry;

/// <summary>
/// Every request, dependency and trace the worker sends to Application Insights, with link tokens (and function keys)
/// taken out of its URL. The host's own request telemetry is off in host.json (<c>Host.Results: None</c>).
/// </summary>
public sealed class TokenScrubbingInitializer : ITelemetryInitializer
{
    public void Initialize(ITelemetry telemetry)
    {
        switch (telemetry)
        {
            case RequestTelemetry request:
                request.Url = TokenScrub.Scrub(request.Url);
                request.Name = TokenScrub.Scrub(request.Name);
                break;
            case DependencyTelemetry dependency:
                dependency.Data = TokenScrub.Scrub(dependency.Data);
                dependency.Name = TokenScrub.Scrub(dependency.Name);
                break;
            case TraceTelemetry trace:
                trace.Message = TokenScrub.Scrub(trace.Message);
                break;
        }
    }
}
