using System.Text.Json;

namespace Encourage.Local;

internal static class LocalSettings
{
    /// <summary>
    /// Adds the "Values" of local.settings.json (found in the content root or the repository root) with
    /// "Section__Key" names mapped to configuration's "Section:Key", as the Functions host does.
    /// </summary>
    public static IConfigurationBuilder AddLocalSettings(this IConfigurationBuilder builder, string contentRoot)
    {
        var path = new[] { contentRoot, Path.Combine(contentRoot, "..", "..") }
            .Select(dir => Path.Combine(dir, "local.settings.json"))
            .FirstOrDefault(File.Exists);
        if (path is null) return builder;
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        if (!doc.RootElement.TryGetProperty("Values", out var values)) return builder;
        var settings = values.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.String)
            .ToDictionary(p => p.Name.Replace("__", ":", StringComparison.Ordinal), p => p.Value.GetString());
        return builder.AddInMemoryCollection(settings);
    }
}
