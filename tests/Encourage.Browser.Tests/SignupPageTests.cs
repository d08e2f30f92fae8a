using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Encourage.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class SignupPageTests(BrowserHost fixture)
{
    [Fact]
    public async Task Signing_up_by_text_shows_the_next_step_and_sends_the_confirmation_text()
    {
        const string phone = "+12125550150";
        var page = await fixture.NewPageAsync(420, 900);
        await page.GotoAsync("/api/signup");
        await page.Locator("#firstName").FillAsync("Sam");
        await page.Locator("#channel-sms").CheckAsync();
        await page.Locator("#phone").FillAsync(phone);
        await page.Locator("#pronoun-her").CheckAsync();
        await BrowserHost.ScreenshotAsync(page, "signup-form");
        await page.Locator("button[type=submit]").ClickAsync();

        await Expect(page.Locator("h1")).ToContainTextAsync("One more step");
        await Expect(page.Locator("main")).ToContainTextAsync("reply YES", new() { IgnoreCase = true });
        await BrowserHost.ScreenshotAsync(page, "signup-confirmation");

        var deadline = DateTime.UtcNow.AddSeconds(20);
        IReadOnlyList<OutboxMessage> texts = [];
        while (DateTime.UtcNow < deadline)
        {
            texts = (await fixture.OutboxAsync(phone)).Where(m => m.Channel == "sms").ToList();
            if (texts.Any(t => t.Text.Contains("reply YES", StringComparison.OrdinalIgnoreCase))) return;
            await Task.Delay(250);
        }
        Assert.Fail("No confirmation text reached the outbox. Texts: " + string.Join(" | ", texts.Select(t => t.Text)));
    }

    [Fact]
    public async Task A_phone_number_that_is_too_short_is_pointed_out_next_to_the_field()
    {
        var page = await fixture.NewPageAsync(420, 900);
        await page.GotoAsync("/api/signup");
        await page.Locator("#firstName").FillAsync("Sam");
        await page.Locator("#channel-sms").CheckAsync();
        await page.Locator("#phone").FillAsync("12");
        await page.Locator("#pronoun-them").CheckAsync();
        await page.Locator("button[type=submit]").ClickAsync();

        await Expect(page.Locator("#phone-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#phone")).ToHaveAttributeAsync("aria-invalid", "true");
        await BrowserHost.ScreenshotAsync(page, "signup-bad-phone");
    }

    [Fact]
    public async Task The_first_field_is_reached_by_keyboard_and_has_a_label()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/api/signup");
        await page.Keyboard.PressAsync("Tab");

        Assert.Equal("firstName", await page.EvaluateAsync<string>("document.activeElement && document.activeElement.id"));
        await Expect(page.Locator("#firstName")).ToBeFocusedAsync();
        await Expect(page.Locator("#firstName")).ToHaveAccessibleNameAsync("Your first name");
        await Expect(page.GetByLabel("Your first name")).ToHaveIdAsync("firstName");
    }
}
