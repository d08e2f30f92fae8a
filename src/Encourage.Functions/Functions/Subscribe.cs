using Encourage.Subscriptions;
using Encourage.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Encourage.Functions.Functions;

/// <summary>POST /api/subscribe: a sign-up from the page (form) or an API client (JSON).</summary>
public sealed class Subscribe(SubscriptionEndpoints endpoints, EndpointGuard guard)
{
    [Function(nameof(Subscribe))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "subscribe")] HttpRequest request, CancellationToken cancellationToken) =>
        guard.RunAsync(request, () => endpoints.SubscribeAsync(request, cancellationToken)).AsAction();
}

/// <summary>GET /api/signup: the sign-up page.</summary>
public sealed class Signup(SubscriptionEndpoints endpoints, EndpointGuard guard)
{
    [Function(nameof(Signup))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "signup")] HttpRequest request) =>
        guard.RunAsync(request, () => endpoints.SignupPageAsync(request)).AsAction();
}

/// <summary>GET shows, POST confirms: /api/confirm?token=.</summary>
public sealed class Confirm(SubscriptionEndpoints endpoints, EndpointGuard guard)
{
    [Function(nameof(Confirm))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "confirm")] HttpRequest request, CancellationToken cancellationToken) =>
        guard.RunAsync(request, () => endpoints.ConfirmAsync(request, cancellationToken)).AsAction();
}

/// <summary>GET shows, POST (button or RFC 8058 one-click) unsubscribes: /api/unsubscribe?token=.</summary>
public sealed class Unsubscribe(SubscriptionEndpoints endpoints, EndpointGuard guard)
{
    [Function(nameof(Unsubscribe))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "unsubscribe")] HttpRequest request, CancellationToken cancellationToken) =>
        guard.RunAsync(request, () => endpoints.UnsubscribeAsync(request, cancellationToken)).AsAction();
}
