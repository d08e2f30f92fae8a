using Microsoft.Extensions.Configuration;

namespace Encourage.Hosting;

/// <summary>
/// One settings section as options see it. A setting that is present but empty (<c>"Encourage__SupportUrl": ""</c> in
/// local.settings.json, an unset app setting in Bicep) is treated as absent, so the option keeps its default and
/// validation judges only what someone actually set.
/// </summary>
public static class SettingsSection
{
    public static IConfiguration Of(IConfiguration configuration, string section) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(configuration.GetSection(section).AsEnumerable(makePathsRelative: true)
                .Where(setting => !string.IsNullOrWhiteSpace(setting.Value)))
            .Build();

    /// <summary>Binds <paramref name="options"/> from the section, empty settings left out.</summary>
    public static OptionsBuilder<T> BindSettings<T>(this OptionsBuilder<T> options, IConfiguration configuration, string section)
        where T : class =>
        options.Configure(o => Of(configuration, section).Bind(o));
}
