using Encourage.Delivery;
using Encourage.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Encourage.Browser.Tests;

/// <summary>
/// The confirm, welcome, a daily and the graduation email, as the product composes them, opened in Chromium at a
/// phone's 320 px and the layout's full 600 px, in light and dark: readable, no sideways scrolling, 0 axe violations.
/// Screenshots go to artifacts/test-results/screenshots/email-*.png.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EmailRenderingTests(BrowserHost fixture) : IAsyncLifetime
{
    private readonly EmailSamples _samples = new();

    public static TheoryData<string, int, string> Cases()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var email in new[] { "confirm", "welcome", "daily", "graduation" })
        {
            foreach (var width in new[] { 320, 600 })
            {
                foreach (var scheme in new[] { "light", "dark" }) data.Add(email, width, scheme);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_email_reads_well_at_phone_and_full_width_with_no_axe_violations(string kind, int width, string scheme)
    {
        var email = await ComposeAsync(kind);
        var page = await Accessibility.NewPageAsync(fixture, scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light, width, height: 700);
        try
        {
            await page.SetContentAsync(email.Html);
            await Expect(page.Locator("h1")).ToHaveTextAsync(email.Subject);
            await Expect(page.Locator("address")).ToHaveTextAsync(TestSettings.PostalAddress);
            await Expect(page.Locator(".preheader")).ToBeHiddenAsync();

            // Nothing wider than the screen, and the card never wider than 600 px.
            var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(scrollWidth <= width, $"{kind} at {width}px scrolls sideways ({scrollWidth}px)");
            var card = await page.Locator("table.card").BoundingBoxAsync();
            Assert.NotNull(card);
            Assert.True(card.Width <= 600, $"card is {card.Width}px wide");

            // Body text: a sans-serif at 16 px or more.
            var font = await page.Locator("td.content p").First.EvaluateAsync<string[]>(
                "e => { const s = getComputedStyle(e); return [s.fontFamily, s.fontSize]; }");
            Assert.Contains("sans-serif", font[0], StringComparison.Ordinal);
            Assert.True(double.Parse(font[1].Replace("px", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) >= 16, font[1]);

            // Dark mode really changes the background.
            var background = await page.Locator("table.card").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
            Assert.Equal(scheme == "dark" ? "rgb(41, 37, 36)" : "rgb(255, 255, 255)", background);

            await BrowserHost.ScreenshotAsync(page, $"email-{kind}-{width}-{scheme}");
            await Accessibility.AssertNoViolationsAsync(page, $"the {kind} email at {width}px ({scheme})");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private async Task<EmailMessage> ComposeAsync(string kind)
    {
        var s = EmailSamples.Subscriber("Ana");
        return kind switch
        {
            "confirm" => await _samples.ConfirmAsync(s),
            "welcome" => await _samples.WelcomeAsync(s),
            "daily" => await _samples.ProgrammeAsync(s, 3),
            _ => await _samples.ProgrammeAsync(s, null),
        };
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _samples.DisposeAsync();
}
