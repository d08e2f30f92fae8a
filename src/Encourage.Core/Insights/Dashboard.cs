using Microsoft.AspNetCore.Http;

namespace Encourage.Insights;

/// <summary>GET /api/admin/dashboard: the operator's view, from counters kept as events happen.</summary>
public sealed class Dashboard(Counters counters, TimeProvider time)
{
    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var figures = await counters.ReadAsync(today.AddDays(-29), today, cancellationToken);
        return Results.Json(figures.Select(kv => new { day = kv.Key.Day, name = kv.Key.Name, value = kv.Value }));
    }
}
