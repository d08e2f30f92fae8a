using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Encourage.Browser.Tests;

/// <summary>The dev phone at a phone's 320 px, light and dark, with a text thread and with an email open: 0 axe violations.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DevPhoneAccessibilityTests(BrowserHost fixture)
{
    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task The_dev_phone_has_no_axe_violations_at_320px(string scheme)
    {
        var phone = scheme == "light" ? "+12125550161" : "+12125550162";
        var address = $"axe.{scheme}@example.com";
        await fixture.SubscribeAsync(phone, "Kim");
        await fixture.SubscribeByEmailAsync(address, "Kim", "her");

        var page = await Accessibility.NewPageAsync(fixture, scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light, 320);
        var scripts = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") scripts.Add(message.Text); };
        try
        {
            await page.GotoAsync("/dev/phone");
            await page.Locator("#number").FillAsync(phone);
            await Expect(page.Locator("#thread li.msg.from-service").First).ToContainTextAsync("YES");
            await Expect(page.Locator("#clock")).ToContainTextAsync("Clock: ");
            var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(scrollWidth <= 320, $"the dev phone scrolls sideways at 320px ({scrollWidth}px)");
            await BrowserHost.ScreenshotAsync(page, $"dev-phone-320-{scheme}");
            await Accessibility.AssertNoViolationsAsync(page, $"the dev phone's texts ({scheme})");

            await page.Locator("#tab-email").ClickAsync();
            await page.Locator("#email-address").FillAsync(address);
            var frame = page.Locator("#emails iframe").First;
            await Expect(frame.ContentFrame.Locator("h1")).ToContainTextAsync("confirm", new() { IgnoreCase = true });
            await BrowserHost.ScreenshotAsync(page, $"dev-phone-email-320-{scheme}");
            await Accessibility.AssertNoViolationsAsync(page, $"the dev phone's email tab ({scheme})");
            // No CSP report or script error: everything the page needs comes from its own files.
            Assert.Empty(scripts);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
