using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Encourage.Browser.Tests;

/// <summary>axe-core in Chromium with the WCAG 2.2 AA rule set, in each colour scheme and width a reader may use.</summary>
public static class Accessibility
{
    public static readonly IReadOnlyList<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    /// <summary>Light and dark at a desktop width, and both at 320 px (a small phone, or 1280 px zoomed to 400%).</summary>
    public static readonly IReadOnlyList<(string Name, ColorScheme Scheme, int Width)> Variants =
    [
        ("light", ColorScheme.Light, 1024),
        ("dark", ColorScheme.Dark, 1024),
        ("light-320", ColorScheme.Light, 320),
        ("dark-320", ColorScheme.Dark, 320),
    ];

    /// <summary>A page in its own context with the given scheme and width. CSP is bypassed only so axe can be injected.</summary>
    public static async Task<IPage> NewPageAsync(BrowserHost fixture, ColorScheme scheme, int width)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.Host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = 800 },
            ColorScheme = scheme,
            Locale = "en-US",
            TimezoneId = "America/New_York",
            BypassCSP = true,
        });
        return await context.NewPageAsync();
    }

    /// <summary>
    /// The WCAG 2.2 AA rules, with full node lists for violations only: passes and inapplicable rules are still run but
    /// not serialised node by node back to .NET, which is most of an axe run's time on a busy machine.
    /// </summary>
    public static AxeRunOptions Options(bool iframes = true) => new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] },
        ResultTypes = [ResultType.Violations],
        Iframes = iframes,
    };

    public static async Task<AxeResult> RunAsync(IPage page) => await page.RunAxe(Options());

    /// <summary>Fails with every violation spelled out: rule, impact, and the markup of each node.</summary>
    public static async Task AssertNoViolationsAsync(IPage page, string what)
    {
        var result = await RunAsync(page);
        var report = string.Join("\n", result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help}\n" + string.Join("\n", v.Nodes.Select(n => "    " + n.Html + "  " + string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))))));
        Assert.True(result.Violations.Length == 0, $"{what}: {result.Violations.Length} axe violation(s)\n{report}");
    }
}
