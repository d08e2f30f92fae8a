using Encourage.Subscriptions;
using Encourage.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Encourage.Functions.Functions;

/// <summary>GET shows the choices, POST acts on one: /api/manage?token= (the link in HELP's reply).</summary>
public sealed class Manage(ManageEndpoints endpoints, EndpointGuard guard)
{
    [Function(nameof(Manage))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "manage")] HttpRequest request, CancellationToken cancellationToken) =>
        guard.RunAsync(request, () => endpoints.HandleAsync(request, cancellationToken)).AsAction();
}

/// <summary>GET /api/terms: the terms of use, from Web/Legal/terms.md.</summary>
public sealed class Terms(SubscriptionEndpoints endpoints, EndpointGuard guard)
{
    [Function(nameof(Terms))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "terms")] HttpRequest request) =>
        guard.RunAsync(request, () => endpoints.TermsAsync(request)).AsAction();
}

/// <summary>GET /api/privacy: the privacy notice, from Web/Legal/privacy.md.</summary>
public sealed class Privacy(SubscriptionEndpoints endpoints, EndpointGuard guard)
{
    [Function(nameof(Privacy))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "privacy")] HttpRequest request) =>
        guard.RunAsync(request, () => endpoints.PrivacyAsync(request)).AsAction();
}
