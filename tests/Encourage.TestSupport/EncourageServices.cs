using Encourage.Hosting;
using Encourage.Simulation;
using Encourage.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Encourage.TestSupport;

/// <summary>
/// Encourage's real services from AddEncourage, on Azurite, in private tables, with a manual clock: for tests of a
/// feature without a host around it. Disposing deletes the tables and queues.
/// </summary>
public sealed class EncourageServices : IAsyncDisposable
{
    private EncourageServices(ServiceProvider provider, ManualClock clock, string prefix)
    {
        Provider = provider;
        Clock = clock;
        Prefix = prefix;
    }

    public ServiceProvider Provider { get; }
    public ManualClock Clock { get; }
    public string Prefix { get; }
    public CapturedLogs Logs => Provider.GetRequiredService<CapturedLogs>();

    public T Get<T>() where T : notnull => Provider.GetRequiredService<T>();

    public static async Task<EncourageServices> StartAsync(DateTimeOffset now, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        await Azurite.EnsureRunningAsync();
        var prefix = TestSettings.NewPrefix();
        var values = TestSettings.For(prefix);
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) values[k] = v;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var clock = new ManualClock(now);
        var logs = new CapturedLogs();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(clock);
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(logs);
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddEncourage(configuration);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<EncourageStorage>().EnsureCreatedAsync(CancellationToken.None);
        return new EncourageServices(provider, clock, prefix);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Provider.GetRequiredService<EncourageStorage>().DeleteAllAsync(CancellationToken.None);
        }
        catch (Azure.RequestFailedException)
        {
            // Already gone.
        }
        await Provider.DisposeAsync();
    }
}

/// <summary>Every log line written, for assertions (privacy, alerts).</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<(string Category, LogLevel Level, EventId Id, string Message)> _lines = new();

    public IReadOnlyList<(string Category, LogLevel Level, EventId Id, string Message)> Lines => _lines.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._lines.Enqueue((category, logLevel, eventId, formatter(state, exception) + (exception is null ? "" : " " + exception)));
    }
}
