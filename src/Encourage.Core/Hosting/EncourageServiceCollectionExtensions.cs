using System.Net;
using Encourage.Arc;
using Encourage.Delivery;
using Encourage.Insights;
using Encourage.Replies;
using Encourage.Scheduling;
using Encourage.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Encourage.Hosting;

public static class EncourageServiceCollectionExtensions
{
    /// <summary>
    /// Registers everything Encourage needs. Every host (Functions, local, CLI) and the tests call this one method,
    /// so they run the same services; hosts only add their trigger plumbing.
    /// </summary>
    public static IServiceCollection AddEncourage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EncourageOptions>().BindSettings(configuration, EncourageOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TwilioOptions>().BindSettings(configuration, TwilioOptions.Section).ValidateOnStart();
        services.AddOptions<SendGridOptions>().BindSettings(configuration, SendGridOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TwilioOptions>, ProviderOptionsValidator>();
        services.AddSingleton<IValidateOptions<SendGridOptions>, ProviderOptionsValidator>();
        services.AddSingleton<IValidateOptions<EncourageOptions>, SecretSettingsValidator>();
        services.AddSingleton<IValidateOptions<TwilioOptions>, SecretSettingsValidator>();
        services.AddSingleton<IValidateOptions<SendGridOptions>, SecretSettingsValidator>();
        services.AddSingleton<IValidateOptions<EncourageOptions>, SampleSecretsValidator>();
        services.AddSingleton<IValidateOptions<TwilioOptions>, SampleProviderSecretsValidator>();
        services.AddSingleton<IValidateOptions<SendGridOptions>, SampleProviderSecretsValidator>();
        services.AddSingleton<IValidateOptions<SendGridOptions>, EmailReplyOptionsValidator>();
        services.AddSingleton<IValidateOptions<EncourageOptions>, Retention.RetentionOptionsValidator>();
        services.AddSingleton<IValidateOptions<EncourageOptions>, SupportContactValidator>();

        services.TryAddSingleton(TimeProvider.System);
        // ASP.NET Core's own request lines carry the query string, where link tokens live: hosts log the path alone.
        services.AddLogging(logging => logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning));

        // Content: loaded and linted once at start-up; a content error stops start-up with the list of problems.
        services.AddSingleton(_ => Programme.LoadEmbedded());
        services.AddSingleton(sp => ReplyBook.LoadEmbedded().WithStandingValues(new Dictionary<string, string>
        {
            [ReplyKeys.SupportValue] = SupportContact.Of(sp.GetRequiredService<IOptions<EncourageOptions>>().Value),
        }));

        // Storage.
        services.AddSingleton<EncourageStorage>();
        services.AddSingleton<DueIndex>();
        services.AddSingleton<SendQueueSignal>();
        services.AddSingleton<SendJobQueue>();
        services.AddSingleton<DeliveryLog>();
        services.AddSingleton<SubscriberStore>();
        services.AddSingleton<SlipLog>();
        services.AddSingleton<Counters>();
        services.AddSingleton<SubscriberGauges>();
        services.AddHostedService<CounterFlusher>();
        services.AddSingleton<Suppressions>();
        services.AddSingleton<Retention.ExpiryIndex>();
        services.AddSingleton<Retention.RetentionSweep>();
        services.AddSingleton<Privacy.PersonalDataExport>();
        services.AddSingleton<Privacy.MyDataEndpoint>();

        // Subscriptions, scheduling, replies.
        services.AddSingleton<ContactKeys>();
        services.AddSingleton<LinkToken>();
        services.AddSingleton<Links>();
        services.AddSingleton<SubscribeValidator>();
        services.AddSingleton<SignupLimits>();
        services.AddSingleton<Storage.WindowCounters>();
        services.AddSingleton<Replies.ReplyBudget>();
        services.AddSingleton<Privacy.LogIds>();
        services.AddSingleton<SubscriptionLifecycle>();
        services.AddSingleton<SubscriptionEndpoints>();
        services.AddSingleton<Dispatcher>();
        services.AddSingleton<LateWatch>();
        services.AddSingleton<SendJobHandler>();
        services.AddSingleton<SendQueueDrainer>();
        services.AddSingleton<Feedback.DeliveryFeedback>();
        services.AddSingleton<Dashboard>();
        services.AddSingleton<MessageComposer>();
        services.AddSingleton<Delivery.Emails.EmailHtml>();
        services.AddSingleton<TwilioSignature>();
        services.AddSingleton<InboundSmsHandler>();
        services.AddSingleton<InboundReplies>();
        services.AddSingleton<ReplyAddress>();
        services.AddSingleton<InboundEmailHandler>();
        services.AddSingleton<EndpointGuard>();
        services.AddSingleton<Web.Components.ComponentRenderer>();
        services.AddSingleton<Web.Pages.PageRenderer>();
        services.AddSingleton<ManageEndpoints>();

        // Safety: crisis help per country and the operator's alert.
        services.AddSingleton(_ => Safety.CrisisResources.LoadEmbedded());
        services.AddSingleton<IValidateOptions<EncourageOptions>, Safety.SafetyOptionsValidator>();
        services.TryAddSingleton<Safety.ICrisisHelp, Safety.CrisisHelp>();
        services.TryAddSingleton<Safety.IOperatorAlerts, Safety.OperatorAlerts>();
        services.AddHttpClient(Safety.OperatorAlerts.HttpClientName, c => c.Timeout = Safety.OperatorAlerts.Timeout);
        // The semantic layer: one model per process (SentenceModel shares its load), loaded at start by the warm-up.
        services.TryAddSingleton<Safety.SentenceModel>();
        services.AddSingleton<Safety.SemanticSafety>();
        services.AddSingleton<Safety.SemanticWarmup>();
        services.AddHostedService(sp => sp.GetRequiredService<Safety.SemanticWarmup>());

        // Delivery: the providers' SDKs over HttpClients that retry what is safe to retry.
        AddProviderClients(services);
        services.AddSingleton<Outbox>();
        services.AddSingleton<TwilioSmsSender>();
        services.AddSingleton<SendGridEmailSender>();
        services.AddSingleton<ISmsSender>(sp => sp.GetRequiredService<IOptions<TwilioOptions>>().Value.CanSend
            ? sp.GetRequiredService<TwilioSmsSender>()
            : DevelopmentOnly(sp, sp.GetRequiredService<Outbox>(), "Twilio"));
        services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<IOptions<SendGridOptions>>().Value.CanSend
            ? sp.GetRequiredService<SendGridEmailSender>()
            : DevelopmentOnly(sp, sp.GetRequiredService<Outbox>(), "SendGrid"));
        return services;
    }

    /// <summary>The outbox stands in for a provider only in development; production refuses to start without credentials.</summary>
    private static Outbox DevelopmentOnly(IServiceProvider sp, Outbox outbox, string provider)
    {
        if (!sp.GetRequiredService<IOptions<EncourageOptions>>().Value.IsDevelopment)
        {
            throw new OptionsValidationException(provider, typeof(EncourageOptions),
                [$"{provider} credentials are missing and Encourage__Mode is not Development: refusing to use the local outbox."]);
        }
        return outbox;
    }

    private static void AddProviderClients(IServiceCollection services)
    {
        services.AddTransient(sp => new TwilioBaseAddress(sp.GetRequiredService<IOptions<TwilioOptions>>().Value.ApiBaseUrl));
        services.AddHttpClient(TwilioSmsSender.HttpClientName)
            .AddHttpMessageHandler(sp => sp.GetRequiredService<TwilioBaseAddress>().Handler())
            .AddResilienceHandler("twilio", builder =>
            {
                // Only what Twilio certainly did not accept is retried here: 429 and 503. A timeout or another
                // 5xx may have been accepted, so it goes back to the queue, where the delivery row decides.
                builder.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 3,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(500),
                    MaxDelay = TimeSpan.FromSeconds(10),
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable),
                });
                builder.AddTimeout(TimeSpan.FromSeconds(15));
            });
        services.AddHttpClient(SendGridEmailSender.HttpClientName)
            .AddResilienceHandler("sendgrid", builder =>
            {
                // The SDK does not retry 429; this does, and 5xx too, honouring Retry-After.
                builder.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 4,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(500),
                    MaxDelay = TimeSpan.FromSeconds(10),
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = args => ValueTask.FromResult(
                        args.Outcome.Result?.StatusCode is HttpStatusCode.TooManyRequests || (int?)args.Outcome.Result?.StatusCode >= 500),
                });
                builder.AddTimeout(TimeSpan.FromSeconds(15));
            });
    }

    /// <summary>Holds the optional Twilio base-address override (a loopback fake in tests).</summary>
    private sealed class TwilioBaseAddress(Uri? target)
    {
        public DelegatingHandler Handler() => target is null ? new PassThroughHandler() : new BaseAddressRewriter(target);
    }

    private sealed class PassThroughHandler : DelegatingHandler;
}
