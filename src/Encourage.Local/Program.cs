using Encourage.Delivery;
using Encourage.Hosting;
using Encourage.Local;
using Encourage.Storage;
using Encourage.Web;

var builder = WebApplication.CreateBuilder(args);

// Read local.settings.json's "Values" the way `func start` does, so one file configures both hosts locally.
builder.Configuration.AddLocalSettings(builder.Environment.ContentRootPath);
builder.Configuration.AddEnvironmentVariables();
builder.Configuration.AddCommandLine(args);
if (string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]) && string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:7071");
}

// No "Server: Kestrel" on any response (what a server is built from is nobody's business).
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

// /dev/* (the outbox with live tokens, a Twilio signer, the clock) is for a developer's own machine: it is mapped only
// in the Development environment (scripts/dev.sh, the tests), and there the host refuses any address but loopback.
var development = builder.Environment.IsDevelopment();
if (development && LocalGuards.NonLoopbackAddress(builder.Configuration) is { } exposed)
{
    Console.Error.WriteLine($"Refusing to start: ASPNETCORE_ENVIRONMENT is Development, which serves /dev/* (the outbox with live links, a signer for " +
        $"fake texts, the clock), and the host was asked to listen on {exposed}, which is not loopback. Use http://127.0.0.1:<port> " +
        "or http://localhost:<port>, or run with ASPNETCORE_ENVIRONMENT=Production (no /dev).");
    return 1;
}

// The framework's five lines per request are replaced by one (DevRoutes.UseRequestLines): the dev phone polls every
// second, and the outbox lines must stay readable.
builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
builder.Logging.AddFilter("Microsoft.AspNetCore.Routing.EndpointMiddleware", LogLevel.Warning);
builder.Logging.AddFilter("Microsoft.AspNetCore.Http.Result", LogLevel.Warning);
builder.Logging.AddFilter("Microsoft.AspNetCore.StaticFiles", LogLevel.Warning);
// The dev phone's relay posts each reply to this host's own webhook: four HttpClient lines per text otherwise.
builder.Logging.AddFilter("System.Net.Http.HttpClient.Default", LogLevel.Warning);

var clock = new LocalClock();
builder.Services.AddSingleton(clock);
builder.Services.AddSingleton<TimeProvider>(clock);
builder.Services.AddEncourage(builder.Configuration);
builder.Services.AddOptions<LocalOptions>().BindSettings(builder.Configuration, LocalOptions.Section)
    .ValidateDataAnnotations().ValidateOnStart();
// Delayed jobs (the urge check-back) follow the dev clock, so "Next day" brings what is due.
builder.Services.AddSingleton<Encourage.Scheduling.ClockDelayedJobs>();
builder.Services.AddHostedService<DispatchTimer>();
builder.Services.AddHostedService<SendQueueWorker>();
builder.Services.AddHostedService<RetentionTimer>();

var app = builder.Build();
// Every settings problem at once, by name, before anything resolves a provider.
app.Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();
await LocalStorage.EnsureCreatedAsync(app);
try
{
    await clock.LoadAsync(app.Services.GetRequiredService<EncourageStorage>(), app.Lifetime.ApplicationStopping);
}
catch (Exception e) when (Encourage.Web.EndpointGuard.IsStorageOutage(e))
{
    // Storage is down (LocalStorage has said so): the dev clock starts at its offset of zero; /dev routes answer 503.
}
app.UseRequestLines();
app.UseSecurityHeaders();
app.RefuseOtherHosts();
app.GuardAdmin(development);
if (development) app.UseDevPhone();

app.RefuseCrossSiteDevPosts();
foreach (var (route, methods) in Routes.All)
{
    app.MapMethods(route, methods, (Delegate)((HttpContext context) => EncourageHttp.HandleAsync(route, context)));
}
if (development)
{
    app.MapDevGroup().MapDevEndpoints();
}
app.MapGet("/", () => Results.Redirect(Routes.Signup));

await app.StartAsync();
if (development && LocalGuards.NonLoopbackBound(app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()) is { } bound)
{
    Console.Error.WriteLine($"Refusing to run: ASPNETCORE_ENVIRONMENT is Development (which serves /dev/*) and the host is listening on {bound}, which is not loopback.");
    await app.StopAsync();
    return 1;
}
await app.WaitForShutdownAsync();
return 0;

/// <summary>The local host's entry point, visible to end-to-end tests.</summary>
public partial class Program;
