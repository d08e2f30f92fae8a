using Encourage.Privacy;
using Encourage.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Encourage.Functions.Functions;

/// <summary>GET shows, POST downloads: /api/my-data?token= (the person's own data, from the unsubscribe page).</summary>
public sealed class MyData(MyDataEndpoint endpoint, EndpointGuard guard)
{
    [Function(nameof(MyData))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "my-data")] HttpRequest request, CancellationToken cancellationToken) =>
        guard.RunAsync(request, () => endpoint.HandleAsync(request, cancellationToken)).AsAction();
}
