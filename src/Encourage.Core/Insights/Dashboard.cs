using Encourage.Web.Pages;
using Microsoft.AspNetCore.Http;

namespace Encourage.Insights;

/// <summary>
/// GET /api/admin/dashboard: the operator's view, from counters kept as events happen and never from scanning
/// subscribers or slips, so it costs the same with ten people or a million. The CLI's <c>stats</c> calls
/// <see cref="FiguresAsync(int, DateOnly?, CancellationToken)"/> too, so both print the same figures.
/// </summary>
public sealed class Dashboard(Counters counters, EncourageStorage storage, TimeProvider time, PageRenderer pages)
{
    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!DashboardQuery.TryParse(request.Query, out var query, out var error))
        {
            return Results.Problem(title: "Bad request", detail: error, statusCode: StatusCodes.Status400BadRequest);
        }
        var figures = await FiguresAsync(query.Days, query.To, cancellationToken);
        // Counts of people and slips are private enough that no proxy or browser should keep a copy.
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return query.Format == DashboardFormat.Json
            ? Results.Json(figures, DashboardFigures.Json)
            : PageRenderer.Result(await pages.DashboardAsync(figures));
    }

    /// <summary>The last <paramref name="days"/> UTC days up to today.</summary>
    public Task<DashboardFigures> FiguresAsync(int days, CancellationToken cancellationToken) =>
        FiguresAsync(days, null, cancellationToken);

    /// <summary>The <paramref name="days"/> UTC days ending on <paramref name="to"/> (today when null).</summary>
    public async Task<DashboardFigures> FiguresAsync(int days, DateOnly? to, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, DashboardQuery.MaxDays);
        var last = to ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var first = last.AddDays(1 - days);
        var daily = await counters.ReadAsync(first, last, cancellationToken);
        var gauges = await counters.ReadGaugesAsync(cancellationToken);
        var poison = await PoisonCountAsync(cancellationToken);
        var lateOrStuck = await Scheduling.LateWatch.CountAsync(storage, cancellationToken);
        return DashboardFigures.Build(first, last, daily, gauges, poison, lateOrStuck);
    }

    private async Task<long> PoisonCountAsync(CancellationToken cancellationToken)
    {
        try
        {
            var properties = await storage.PoisonQueue.GetPropertiesAsync(cancellationToken);
            return properties.Value.ApproximateMessagesCount;
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // Not created yet: nothing has ever failed past its retries.
            return 0;
        }
    }
}
