using Encourage.Hosting;
using Encourage.Insights;
using Encourage.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Encourage.Core.Tests.Insights;

public sealed class DashboardQueryTests
{
    [Theory]
    [InlineData("?days=abc")]
    [InlineData("?days=0")]
    [InlineData("?days=91")]
    [InlineData("?days=-1")]
    [InlineData("?days=+5")]
    [InlineData("?days=%205")]
    [InlineData("?days=5.0")]
    [InlineData("?days=99999999999999999999")]
    [InlineData("?days=")]
    [InlineData("?days")]
    [InlineData("?days=7&days=7")]
    [InlineData("?format=xml")]
    [InlineData("?format=JSON")]
    [InlineData("?format=json&format=html")]
    [InlineData("?to=2026-13-01")]
    [InlineData("?to=01/02/2026")]
    [InlineData("?to=1066-10-14")]
    public async Task A_bad_parameter_is_a_400_problem_before_storage_is_touched(string query)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString(query);

        // Storage here points at nothing that answers: a 400 must come from the query alone.
        var result = await UnreachableDashboard().HandleAsync(context.Request, CancellationToken.None);

        var status = Assert.IsAssignableFrom<Microsoft.AspNetCore.Http.IStatusCodeHttpResult>(result);
        Assert.Equal(StatusCodes.Status400BadRequest, status.StatusCode);
        var problem = Assert.IsAssignableFrom<Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult>(result);
        Assert.False(string.IsNullOrEmpty(problem.ProblemDetails.Detail));
    }

    [Theory]
    [InlineData("", 30, DashboardFormat.Html, null)]
    [InlineData("?days=1", 1, DashboardFormat.Html, null)]
    [InlineData("?days=90&format=json", 90, DashboardFormat.Json, null)]
    [InlineData("?days=07", 7, DashboardFormat.Html, null)]
    [InlineData("?format=html&to=2026-03-01", 30, DashboardFormat.Html, "2026-03-01")]
    [InlineData("?code=functionkey&days=14", 14, DashboardFormat.Html, null)]
    public void Good_parameters_parse(string query, int days, DashboardFormat format, string? to)
    {
        var collection = new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query));

        Assert.True(DashboardQuery.TryParse(collection, out var parsed, out var error), error);

        Assert.Equal(new DashboardQuery(days, format, to is null ? null : DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)), parsed);
    }

    [Fact]
    public async Task Figures_refuse_a_range_the_query_would_have_refused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => UnreachableDashboard().FiguresAsync(0, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => UnreachableDashboard().FiguresAsync(91, CancellationToken.None));
    }

    private static Dashboard UnreachableDashboard()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1",
        }).Build();
        var options = Options.Create(new EncourageOptions { PublicBaseUrl = "https://encourage.example.net", TokenSecret = new string('s', 40) });
        var storage = new EncourageStorage(configuration, options);
        return new Dashboard(new Counters(storage, TimeProvider.System), storage, TimeProvider.System, Web.TestPages.Renderer);
    }
}
