using Encourage.Insights;
using Encourage.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Encourage.Functions.Functions;

/// <summary>
/// GET /api/admin/dashboard, behind a function key. The Functions host refuses route templates that start with
/// "admin" (its own admin API lives at /admin), so the segment is matched by a constraint instead; the public URL
/// is the same.
/// </summary>
public sealed class AdminDashboard(Dashboard dashboard, EndpointGuard guard)
{
    [Function(nameof(AdminDashboard))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Function, "get", Route = "{area:regex(^admin$)}/dashboard")] HttpRequest request, CancellationToken cancellationToken) =>
        guard.RunAsync(request, () => dashboard.HandleAsync(request, cancellationToken)).AsAction();
}
