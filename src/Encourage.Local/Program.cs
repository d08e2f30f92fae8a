using Encourage.Hosting;
using Encourage.Local;
using Encourage.Storage;
using Encourage.Web;
using Encourage.Delivery;

var builder = WebApplication.CreateBuilder(args);

// Read local.settings.json's "Values" the way `func start` does, so one file configures both hosts locally.
builder.Configuration.AddLocalSettings(builder.Environment.ContentRootPath);
builder.Configuration.AddEnvironmentVariables();
builder.Configuration.AddCommandLine(args);
if (string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]) && string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:7071");
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
builder.Services.AddHostedService<DispatchTimer>();
builder.Services.AddHostedService<SendQueueWorker>();

var app = builder.Build();
// Every settings problem at once, by name, before anything resolves a provider.
app.Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();
await LocalStorage.EnsureCreatedAsync(app);
app.UseRequestLines();
app.UseDevPhone();

foreach (var (route, methods) in Routes.All)
{
    app.MapMethods(route, methods, (Delegate)((HttpContext context) => EncourageHttp.HandleAsync(route, context)));
}
app.MapDevGroup().MapDevEndpoints();
app.MapGet("/", () => Results.Redirect(Routes.Signup));

await app.RunAsync();

/// <summary>The local host's entry point, visible to end-to-end tests.</summary>
public partial class Program;
