using System.Net.Http.Json;
using Encourage.TestSupport;
using Microsoft.Playwright;

namespace Encourage.Browser.Tests;

/// <summary>
/// One real local host and one headless Chromium for every browser test: starting them costs seconds, and the tests
/// run one after another in a single collection so none sees another's clock move mid-test.
/// </summary>
public sealed class BrowserHost : IAsyncLifetime
{
    /// <summary>
    /// Debian's Chromium, as its headless shell when installed (scripts/test.sh installs both): the same engine and
    /// version without the desktop browser around it, which is what Playwright itself runs for headless tests, at
    /// a fraction of the CPU. Playwright's own browser download is not used (offline).
    /// </summary>
    public static string ChromiumPath { get; } =
        new[] { Environment.GetEnvironmentVariable("ENCOURAGE_CHROMIUM"), "/usr/bin/chromium-headless-shell", "/usr/bin/chromium" }
            .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p)) ?? "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private LocalHostProcess? _host;

    public LocalHostProcess Host => _host ?? throw new InvalidOperationException("The local host did not start.");
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium did not start.");

    public static string ScreenshotFolder { get; } = Path.Combine(Repo.Root, "artifacts", "test-results", "screenshots");

    public async Task InitializeAsync()
    {
        // Fail, not skip: a missing browser would otherwise look like a passing suite.
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {ChromiumPath}. The browser tests need Debian's chromium-headless-shell (or " +
                "chromium): run scripts/test.sh (it installs it) or `apt-get install chromium-headless-shell`.");
        }
        // Generous waits: on 2 cores shared with two other test lanes a page can take many seconds to answer.
        Assertions.SetDefaultExpectTimeout(30_000);
        // Replies by email on, as local.settings.sample.json has them for development, so the dev phone can reply.
        _host = await LocalHostProcess.StartAsync(new Dictionary<string, string?>
        {
            ["Encourage:ReplyDomain"] = "reply.encourage.localhost",
            ["SendGrid:InboundParseSecret"] = "browser-inbound-parse-secret-0123456789",
        });
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    public async Task<IPage> NewPageAsync(int width = 1000, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-US",
            TimezoneId = "America/New_York",
        });
        context.SetDefaultTimeout(60_000);
        return await context.NewPageAsync();
    }

    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage = true) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = fullPage });

    /// <summary>Signs up by JSON, as an API client would.</summary>
    public async Task SubscribeAsync(string phone, string firstName)
    {
        using var response = await Host.Client.PostAsJsonAsync("/api/subscribe", new
        {
            firstName,
            phone,
            channel = "sms",
            timeZone = "America/New_York",
            sendTime = "09:00",
            pronoun = "him",
        });
        Assert.True((int)response.StatusCode == 202, $"subscribe answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Signs up an email address (email only) by JSON.</summary>
    public async Task SubscribeByEmailAsync(string address, string firstName, string pronoun = "him")
    {
        using var response = await Host.Client.PostAsJsonAsync("/api/subscribe", new
        {
            firstName,
            email = address,
            channel = "email",
            timeZone = "America/New_York",
            sendTime = "09:00",
            pronoun,
        });
        Assert.True((int)response.StatusCode == 202, $"subscribe answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Everything the outbox holds for one number or address.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> OutboxAsync(string to) => await Host.OutboxAsync(to);

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_host is not null) await _host.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserHost>
{
    public const string Name = "browser";
}
