using Encourage.Feedback;
using Encourage.Insights;
using Encourage.Replies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Encourage.Web;

/// <summary>
/// Route to handler, for the local host. The Functions app binds the same handlers one trigger each; a test checks
/// that the two hosts serve the same routes and methods.
/// </summary>
public static class EncourageHttp
{
    public static Task<IResult> HandleAsync(string route, HttpContext context)
    {
        var request = context.Request;
        var services = context.RequestServices;
        var ct = context.RequestAborted;
        var guard = services.GetRequiredService<EndpointGuard>();
        var subscriptions = services.GetRequiredService<SubscriptionEndpoints>();
        return guard.RunAsync(request, route switch
        {
            Routes.Subscribe => () => subscriptions.SubscribeAsync(request, ct),
            Routes.Signup => () => subscriptions.SignupPageAsync(request),
            Routes.Confirm => () => subscriptions.ConfirmAsync(request, ct),
            Routes.Unsubscribe => () => subscriptions.UnsubscribeAsync(request, ct),
            Routes.TwilioInbound => () => services.GetRequiredService<InboundSmsHandler>().HandleAsync(request, ct),
            Routes.TwilioStatus => () => services.GetRequiredService<DeliveryFeedback>().TwilioStatusAsync(request, ct),
            Routes.SendGridEvents => () => services.GetRequiredService<DeliveryFeedback>().SendGridEventsAsync(request, ct),
            Routes.SendGridInbound => () => services.GetRequiredService<InboundEmailHandler>().HandleAsync(request, ct),
            Routes.Dashboard => () => services.GetRequiredService<Dashboard>().HandleAsync(request, ct),
            Routes.MyData => () => services.GetRequiredService<Privacy.MyDataEndpoint>().HandleAsync(request, ct),
            Routes.Manage => () => services.GetRequiredService<ManageEndpoints>().HandleAsync(request, ct),
            Routes.Terms => () => subscriptions.TermsAsync(request),
            Routes.Privacy => () => subscriptions.PrivacyAsync(request),
            _ => throw new ArgumentOutOfRangeException(nameof(route), route, "Not an Encourage route."),
        });
    }
}
