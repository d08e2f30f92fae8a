using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Encourage.Web.Components;
using Encourage.Web.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Encourage.Browser.Tests;

/// <summary>
/// Every page, through the real local host in Chromium, checked by axe (WCAG 2.2 AA) in light and dark and at 320 px:
/// 0 violations. Pages that need a link are reached the way a reader reaches them (a real sign-up and its messages).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AccessibilityTests(BrowserHost fixture)
{
    private static int _unsubscribes;
    private static int _confirms;

    [Fact]
    public Task Sign_up_empty() => CheckAsync("signup", page => page.GotoAsync("/api/signup"), screenshot: true);

    [Fact]
    public Task Sign_up_with_every_error_shown() => CheckAsync("signup-errors", async page =>
    {
        await page.GotoAsync("/api/signup");
        // Values no control would let through, posted as the form would post them, so the server shows every error.
        // The wait starts before the submit: a WaitForURL begun after it could miss a navigation that had already
        // started, and then waited its full timeout (in about half the full runs here).
        var posted = page.WaitForURLAsync("**/api/subscribe");
        await page.EvaluateAsync("""
            () => {
              const f = document.querySelector('form');
              f.noValidate = true;
              const set = (name, value) => { let i = f.querySelector(`[name=${name}]:not([type=radio])`);
                if (!i) { i = document.createElement('input'); i.type = 'hidden'; i.name = name; f.appendChild(i); }
                if (i.tagName === 'SELECT') { const o = document.createElement('option'); o.value = value; o.textContent = value; i.appendChild(o); }
                else { i.type = 'text'; }
                i.value = value; };
              f.querySelectorAll('input[type=radio]').forEach(r => r.checked = false);
              set('firstName', ''); set('phone', '12'); set('email', 'not-an-address'); set('channel', 'pigeon');
              set('timeZone', 'Mars/Olympus'); set('sendTime', '25:99'); set('startDate', 'someday'); set('pronoun', 'it');
              f.submit();
            }
            """);
        await posted;
        foreach (var field in new[] { "firstName", "channel", "phone", "email", "pronoun", "timeZone", "sendTime", "startDate" })
        {
            await Expect(page.Locator($"#{field}-error")).ToBeVisibleAsync();
        }
    }, screenshot: true);

    [Fact]
    public Task Confirm_prompt_and_confirmed() => CheckAsync("confirm", async page =>
    {
        // A fresh address each variant: a confirmed address is not sent a second confirmation.
        var link = await EmailLinkAsync($"confirm-a11y-{Interlocked.Increment(ref _confirms)}@example.org", "confirm");
        await page.GotoAsync(link);
        await Expect(page.Locator("h1")).ToContainTextAsync("Start your messages?");
    }, after: async page =>
    {
        await page.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("You're all set");
    });

    [Fact]
    public Task Unsubscribe_prompt_and_result() => CheckAsync("unsubscribe", async page =>
    {
        // A "both" sign-up stopping emails: each contact is its own profile, so the email's link speaks of emails
        // alone and never says whether a number is signed up too (whoever holds the link may not own the number).
        // A fresh address each variant: an address that has just stopped is not asked again for a while (cooling-off).
        var link = await EmailLinkAsync($"both-a11y-{Interlocked.Increment(ref _unsubscribes)}@example.org", "unsubscribe", phone: "+12125550181");
        await page.GotoAsync(link);
        await Expect(page.Locator("main")).ToContainTextAsync("We'll stop sending you emails.");
        await Expect(page.Locator("main")).Not.ToContainTextAsync("text", new() { IgnoreCase = true });
    }, after: async page =>
    {
        await page.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("stopped");
        await Expect(page.Locator("main")).Not.ToContainTextAsync("text", new() { IgnoreCase = true });
    }, screenshot: true);

    [Fact]
    public Task Manage() => CheckAsync("manage", async page =>
    {
        await page.GotoAsync(await ManageLinkAsync("+12125550182"));
        await Expect(page.Locator("h1")).ToContainTextAsync("Manage your messages");
    }, after: async page =>
    {
        await page.Locator("#days").SelectOptionAsync("3");
        await page.Locator("form", new() { Has = page.Locator("#days") }).Locator("button").ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("paused until");
    });

    [Fact]
    public Task Token_error() => CheckAsync("bad-link", page => page.GotoAsync("/api/unsubscribe?token=not-a-real-token"));

    [Fact]
    public Task Terms() => CheckAsync("terms", page => page.GotoAsync("/api/terms"));

    [Fact]
    public Task Privacy() => CheckAsync("privacy", page => page.GotoAsync("/api/privacy"));

    [Fact]
    public Task Dashboard() => CheckAsync("dashboard", page => page.GotoAsync("/api/admin/dashboard"), screenshot: true);

    /// <summary>
    /// The 429 and error pages, rendered by the same PageRenderer the hosts use and loaded into Chromium as they would
    /// be served (the rate limiter that answers 429 is wired in the hosts by the trust work).
    /// </summary>
    [Fact]
    public async Task Too_many_requests_and_error_pages()
    {
        var pages = new PageRenderer(new ComponentRenderer());
        foreach (var (name, html) in new[]
        {
            ("429", await pages.TooManyRequestsAsync(TimeSpan.FromMinutes(2))),
            ("error", await pages.ErrorAsync("We'll be right back", "We're having trouble right now. Please try again in a few minutes.")),
        })
        {
            await CheckAsync(name, async page =>
            {
                await page.GotoAsync("/api/terms");
                await page.SetContentAsync(html);
            });
        }
    }

    [Fact]
    public async Task Axe_fails_when_a_label_is_removed()
    {
        var page = await Accessibility.NewPageAsync(fixture, ColorScheme.Light, 1024);
        await page.GotoAsync("/api/signup");
        await page.EvaluateAsync("() => document.querySelector('label[for=firstName]').remove()");

        var result = await Accessibility.RunAsync(page);

        Assert.Contains(result, v => v.Id == "label" && v.Nodes.Any(n => n.Html.Contains("id=\"firstName\"", StringComparison.Ordinal)));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Every_form_control_has_a_visible_label()
    {
        foreach (var path in new[] { "/api/signup", await ManageLinkAsync("+12125550183") })
        {
            var page = await Accessibility.NewPageAsync(fixture, ColorScheme.Light, 320);
            await page.GotoAsync(path);
            var controls = page.Locator("input:not([type=hidden]), select");
            Assert.True(await controls.CountAsync() > 0);
            foreach (var control in await controls.AllAsync())
            {
                var id = await control.GetAttributeAsync("id");
                var label = page.Locator($"label[for='{id}']");
                await Expect(label).ToBeVisibleAsync();
                Assert.False(string.IsNullOrWhiteSpace(await label.InnerTextAsync()), $"{path}: #{id} has an empty label");
            }
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Errors_are_announced_and_focus_moves_to_the_summary()
    {
        var page = await Accessibility.NewPageAsync(fixture, ColorScheme.Light, 320);
        await page.GotoAsync("/api/signup");
        await page.Locator("#firstName").FillAsync("Sam");
        await page.EvalOnSelectorAsync("form", "f => { f.noValidate = true; }");
        await page.Locator("button[type=submit]").ClickAsync();

        var summary = page.Locator(".error-summary");
        await Expect(summary).ToHaveAttributeAsync("role", "alert");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary).ToContainTextAsync("Please choose him, her or them");
        await Expect(page.Locator("fieldset[aria-labelledby=pronoun-legend]")).ToHaveAttributeAsync("aria-invalid", "true");
        // Each entry takes the reader to its field.
        await summary.Locator("a[href='#pronoun-him']").ClickAsync();
        await Expect(page.Locator("#pronoun-him")).ToBeFocusedAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_sign_up_form_works_with_the_keyboard_alone()
    {
        const string phone = "+12125550184";
        var page = await Accessibility.NewPageAsync(fixture, ColorScheme.Light, 320);
        await page.GotoAsync("/api/signup");
        var visited = new List<string>();

        async Task<string> TabAsync()
        {
            await page.Keyboard.PressAsync("Tab");
            var id = await page.EvaluateAsync<string>("() => { const a = document.activeElement; return a.id || a.tagName.toLowerCase() + (a.getAttribute('href') ? ':' + a.getAttribute('href') : ''); }");
            visited.Add(id);
            return id;
        }

        Assert.Equal("firstName", await TabAsync());
        await page.Keyboard.TypeAsync("Sam");
        Assert.Equal("channel-sms", await TabAsync());   // the checked radio of the group
        Assert.Equal("phone", await TabAsync());
        await page.Keyboard.TypeAsync(phone);
        Assert.Equal("email", await TabAsync());
        Assert.Equal("pronoun-him", await TabAsync());    // no radio checked yet: the first one
        await page.Keyboard.PressAsync("ArrowDown");      // moves to and chooses "her"
        await Expect(page.Locator("#pronoun-her")).ToBeCheckedAsync();
        for (var i = 0; i < 30 && await TabAsync() != "button"; i++) { }
        Assert.Equal("button", visited[^1]);
        Assert.Equal(["timeZone", "sendTime", "startDate"], visited.Where(v => v is "timeZone" or "sendTime" or "startDate").Distinct());
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("h1")).ToContainTextAsync("One more step");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline && !(await fixture.OutboxAsync(phone)).Any(m => m.Channel == "sms")) await Task.Delay(250);
        Assert.Contains(await fixture.OutboxAsync(phone), m => m.Channel == "sms");
        await page.Context.CloseAsync();
    }

    /// <summary>Opens the page in every variant, runs axe on it, then (optionally) acts and runs axe on the page that follows.</summary>
    private async Task CheckAsync(string name, Func<IPage, Task> open, Func<IPage, Task>? after = null, bool screenshot = false)
    {
        foreach (var (variant, scheme, width) in Accessibility.Variants)
        {
            var page = await Accessibility.NewPageAsync(fixture, scheme, width);
            try
            {
                await open(page);
                await Accessibility.AssertNoViolationsAsync(page, $"{name} ({variant})");
                if (screenshot && width == 320) await BrowserHost.ScreenshotAsync(page, $"a11y-{name}-{variant}");
                if (after is null) continue;
                await after(page);
                await Accessibility.AssertNoViolationsAsync(page, $"{name}, after acting ({variant})");
                if (screenshot && width == 320) await BrowserHost.ScreenshotAsync(page, $"a11y-{name}-done-{variant}");
            }
            finally
            {
                await page.Context.CloseAsync();
            }
        }
    }

    /// <summary>
    /// Signs up by email (and by text when a phone is given) and returns the link of that route from the first email
    /// this sign-up brought: signing up again makes the links in earlier emails stale, by design.
    /// </summary>
    private async Task<string> EmailLinkAsync(string email, string route, string? phone = null)
    {
        var earlier = (await fixture.OutboxAsync(email)).Select(m => m.Id).ToHashSet();
        using var response = await fixture.Host.Client.PostAsJsonAsync("/api/subscribe", new
        {
            firstName = "Robin",
            phone,
            email,
            channel = phone is null ? "email" : "both",
            timeZone = "America/New_York",
            sendTime = "09:00",
            pronoun = "them",
        });
        Assert.Equal(202, (int)response.StatusCode);
        if (phone is not null)
        {
            // Texts confirmed, so they are live and carry on when emails stop.
            await WaitForTextAsync(phone);
            (await fixture.Host.PostInboundAsync(phone, "YES")).EnsureSuccessStatusCode();
        }
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var mail in (await fixture.OutboxAsync(email)).Where(m => m.Channel == "email" && !earlier.Contains(m.Id)))
            {
                var match = Regex.Match(mail.Text, $@"https?://[^\s)""<>]+/api/{route}\?token=[A-Za-z0-9_\-\.%]+");
                if (match.Success) return new Uri(match.Value).PathAndQuery;
            }
            await Task.Delay(250);
        }
        throw new InvalidOperationException($"No {route} link reached {email}.");
    }

    private async Task WaitForTextAsync(string phone)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline && !(await fixture.OutboxAsync(phone)).Any(m => m.Channel == "sms")) await Task.Delay(250);
    }

    /// <summary>Signs up by text, confirms with YES, sends HELP and returns the manage link from the answer.</summary>
    private async Task<string> ManageLinkAsync(string phone)
    {
        await fixture.SubscribeAsync(phone, "Robin");
        (await fixture.Host.PostInboundAsync(phone, "YES")).EnsureSuccessStatusCode();
        using var help = await fixture.Host.PostInboundAsync(phone, "HELP");
        var twiml = await help.Content.ReadAsStringAsync();
        var match = Regex.Match(twiml, @"https?://[^\s<]+/api/manage\?token=[A-Za-z0-9_\-\.%]+");
        Assert.True(match.Success, "No manage link in HELP's answer: " + twiml);
        return new Uri(match.Value).PathAndQuery;
    }
}
