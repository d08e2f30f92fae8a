using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Encourage.Browser.Tests;

/// <summary>axe-core with the WCAG 2.2 A and AA rules (and the 2.0/2.1 rules they include), in a chosen colour scheme.</summary>
public static class AxeWcag22
{

    /// <summary>A page in its own context at this width, in light or dark colour scheme.</summary>
    public static async Task<IPage> NewPageAsync(BrowserHost fixture, int width, ColorScheme scheme, int height = 900)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.Host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = scheme,
            Locale = "en-US",
            TimezoneId = "America/New_York",
        });
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Runs axe and fails with every violation, its rule, help text and the offending elements. Frames are left out
    /// unless asked for: axe cannot run inside a sandboxed frame without scripts (the dev phone's email previews) and
    /// would wait for it; the emails are checked on their own.
    /// </summary>
    public static async Task AssertNoViolationsAsync(IPage page, string what, bool iframes = false)
    {
        var result = await page.RunAxe(Accessibility.Options(iframes))
            .WaitAsync(TimeSpan.FromMinutes(2));
        var problems = result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html).Take(3))}").ToList();
        Assert.True(problems.Count == 0, $"{what}: {problems.Count} axe violation(s):\n" + string.Join("\n", problems));
    }
}
