using Azure.Identity;
using Encourage.Hosting;
using Encourage.Privacy;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
// Link tokens are taken out of every span before the exporter sees it: the scrubber is added first.
builder.Services
    .AddTokenScrubbing()
    .AddApplicationInsightsTelemetryWorkerService()
    .ConfigureFunctionsApplicationInsights();

// Application Insights accepts only Entra ID telemetry in the deployed app: the worker signs in as the app's
// user-assigned identity (AZURE_CLIENT_ID), as the Functions host does.
if (builder.Configuration["AZURE_CLIENT_ID"] is { Length: > 0 } clientId)
{
    builder.Services.Configure<TelemetryConfiguration>(telemetry =>
        telemetry.SetAzureTokenCredential(new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))));
}

builder.Services.AddEncourage(builder.Configuration);
var app = builder.Build();
// Every settings problem at once, by name (for example "SendGrid__ApiKey is required."), before a trigger runs.
app.Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();
app.Run();
