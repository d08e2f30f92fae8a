using Encourage.Storage;
using Encourage.Subscriptions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Encourage.Hosting;

public static class EncourageServiceCollectionExtensions
{
    /// <summary>
    /// Registers everything Encourage needs. Every host (Functions, local, CLI) and the tests call this one method,
    /// so they run the same services; hosts only add their trigger plumbing.
    /// </summary>
    public static IServiceCollection AddEncourage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EncourageOptions>().Bind(configuration.GetSection(EncourageOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TwilioOptions>().Bind(configuration.GetSection(TwilioOptions.Section)).ValidateOnStart();
        services.AddOptions<SendGridOptions>().Bind(configuration.GetSection(SendGridOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TwilioOptions>, ProviderOptionsValidator>();
        services.AddSingleton<IValidateOptions<SendGridOptions>, ProviderOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<EncourageStorage>();
        services.AddSingleton<ContactKeys>();
        services.AddSingleton<LinkToken>();
        return services;
    }
}
