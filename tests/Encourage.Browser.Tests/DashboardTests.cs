using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Encourage.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace Encourage.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class DashboardTests(BrowserHost fixture)
{
    [Fact]
    public async Task A_slip_texted_in_shows_on_the_dashboard()
    {
        const string phone = "+12125550152";
        await fixture.SubscribeAsync(phone, "Jo");
        (await fixture.Host.PostInboundAsync(phone, "YES")).EnsureSuccessStatusCode();
        (await fixture.Host.PostInboundAsync(phone, "TEXTED")).EnsureSuccessStatusCode();

        var page = await fixture.NewPageAsync(1100, 900);
        await page.GotoAsync("/api/admin/dashboard");
        var texted = page.Locator("#slips table tbody tr", new() { Has = page.Locator("th", new() { HasTextString = "Texted" }) }).Locator("td");
        await Expect(texted).Not.ToHaveTextAsync("0");
        Assert.True(long.Parse(await texted.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        var bar = page.Locator("#chart-slips g.bar[data-label=Texted]");
        Assert.True(long.Parse(await bar.GetAttributeAsync("data-value") ?? "0", System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal(8, await page.Locator("#chart-slips g.bar").CountAsync());
        await Expect(page.Locator("svg.chart[role=img]").First).ToHaveAttributeAsync("aria-label", "Subscribers by status");
        await BrowserHost.ScreenshotAsync(page, "dashboard");

        var phonePage = await fixture.NewPageAsync(390, 844);
        await phonePage.GotoAsync("/api/admin/dashboard?days=7");
        await BrowserHost.ScreenshotAsync(phonePage, "dashboard-mobile");
        await phonePage.Locator("#slips").ScrollIntoViewIfNeededAsync();
        await BrowserHost.ScreenshotAsync(phonePage, "dashboard-mobile-slips", fullPage: false);
    }

    [Theory]
    [InlineData("?days=abc")]
    [InlineData("?days=0")]
    [InlineData("?days=91")]
    [InlineData("?days=")]
    [InlineData("?days=7&days=30")]
    [InlineData("?format=xml")]
    [InlineData("?to=yesterday")]
    public async Task A_bad_parameter_is_a_400_problem(string query)
    {
        using var response = await fixture.Host.Client.GetAsync("/api/admin/dashboard" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_dashboard_json_matches_the_cli()
    {
        // Background sends can move a counter between two reads; compare only when the host gave the same answer
        // before and after the CLI ran.
        for (var attempt = 1; ; attempt++)
        {
            var before = await HostJsonAsync();
            var to = before["to"]!.GetValue<string>();
            var cli = JsonNode.Parse(await RunCliAsync("stats", "--days", "30", "--to", to))!;
            var after = await HostJsonAsync();
            if (!JsonNode.DeepEquals(before, after) && attempt < 5) continue;
            Assert.True(JsonNode.DeepEquals(after, cli), $"dashboard:\n{after}\ncli:\n{cli}");
            Assert.Equal(30, cli["days"]!.GetValue<int>());
            return;
        }
    }

    private async Task<JsonNode> HostJsonAsync()
    {
        using var response = await fixture.Host.Client.GetAsync("/api/admin/dashboard?days=30&format=json");
        response.EnsureSuccessStatusCode();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>The CLI, built next to the host, with the host's own settings (so the same tables and queues).</summary>
    private async Task<string> RunCliAsync(params string[] args)
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(fixture.Host.Prefix, args);
        Assert.True(code == 0, $"encourage {string.Join(' ', args)} exited {code}: {stderr}");
        return stdout;
    }
}
