using System.Text.Json;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;

namespace Encourage.Browser.Tests;

/// <summary>
/// axe-core in Chromium with the WCAG 2.2 AA rule set (and the 2.0/2.1 rules it includes), in each colour scheme and
/// width a reader may use. The axe build is the one Deque ships in Deque.AxeCore.Commons; it is evaluated once per
/// document and run with <c>axe.run</c> directly, violations only. Deque's RunAxe wrapper costs about 2 s a run on
/// this machine (its full result, every passing node, goes through JSON twice); the same rules run here in about
/// 0.1 s. Frames are left out: the pages have none, and the emails the dev phone shows in a sandboxed frame are
/// checked on their own (EmailRenderingTests).
/// </summary>
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

    private static readonly Lazy<string> AxeSource = new(() =>
    {
        var assembly = typeof(AxeRunOptions).Assembly;
        using var stream = assembly.GetManifestResourceStream("Deque.AxeCore.Commons.Resources.axe.min.js")
            ?? throw new InvalidOperationException("axe.min.js is not in Deque.AxeCore.Commons any more: " + string.Join(", ", assembly.GetManifestResourceNames()));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A page in its own context with the given scheme and width.</summary>
    public static async Task<IPage> NewPageAsync(BrowserHost fixture, ColorScheme scheme, int width, int height = 800)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.Host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = scheme,
            Locale = "en-US",
            TimezoneId = "America/New_York",
        });
        context.SetDefaultTimeout(60_000);
        return await context.NewPageAsync();
    }

    /// <summary>Runs the WCAG 2.2 AA rules on the page as it is now and returns every violation.</summary>
    public static async Task<IReadOnlyList<AxeViolation>> RunAsync(IPage page)
    {
        // Evaluated over the DevTools protocol, so the page's own CSP (no inline script) need not be bypassed.
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'")) await page.EvaluateAsync(AxeSource.Value);
        var json = await page.EvaluateAsync<string>("""
            async tags => {
              const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'], iframes: false });
              return JSON.stringify(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({ html: n.html, messages: [...n.any, ...n.all, ...n.none].map(c => c.message) })) })));
            }
            """, WcagTags);
        return JsonSerializer.Deserialize<List<AxeViolation>>(json, Json) ?? [];
    }

    /// <summary>Fails with every violation spelled out: rule, impact, and the markup of each node.</summary>
    public static async Task AssertNoViolationsAsync(IPage page, string what)
    {
        var violations = await RunAsync(page);
        var report = string.Join("\n", violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help}\n" + string.Join("\n", v.Nodes.Select(n => "    " + n.Html + "  " + string.Join("; ", n.Messages)))));
        Assert.True(violations.Count == 0, $"{what}: {violations.Count} axe violation(s)\n{report}");
    }
}

/// <summary>One rule axe found broken, and where.</summary>
public sealed record AxeViolation(string Id, string? Impact, string Help, IReadOnlyList<AxeNode> Nodes);

/// <summary>An element that breaks the rule: its markup and axe's messages about it.</summary>
public sealed record AxeNode(string Html, IReadOnlyList<string> Messages);
