using System.Text.Json;
using Encourage.Hosting;
using Encourage.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Encourage.Cli;

/// <summary>Builds the same services the hosts use, from the same settings.</summary>
internal static class CliHost
{
    public static async Task<ServiceProvider> StartAsync(TimeProvider? clock = null, IDictionary<string, string?>? overrides = null, CancellationToken cancellationToken = default)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(LocalSettings())
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(l => l.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning));
        if (clock is not null) services.AddSingleton(clock);
        services.AddEncourage(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false });
        await provider.GetRequiredService<EncourageStorage>().EnsureCreatedAsync(cancellationToken);
        return provider;
    }

    /// <summary>local.settings.json's Values from the current or repository folder, "Section__Key" as "Section:Key".</summary>
    internal static Dictionary<string, string?> LocalSettings()
    {
        var dir = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (dir is not null)
        {
            foreach (var name in new[] { "local.settings.json", "local.settings.sample.json" })
            {
                var path = Path.Combine(dir.FullName, name);
                if (!File.Exists(path)) continue;
                using var doc = JsonDocument.Parse(File.ReadAllText(path));
                if (!doc.RootElement.TryGetProperty("Values", out var values)) continue;
                return values.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String)
                    .ToDictionary(p => p.Name.Replace("__", ":", StringComparison.Ordinal), p => p.Value.GetString());
            }
            dir = dir.Parent;
        }
        return [];
    }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
