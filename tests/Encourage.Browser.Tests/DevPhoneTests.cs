using Encourage.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Encourage.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class DevPhoneTests(BrowserHost fixture)
{
    private const string Phone = "+12125550151";

    [Fact]
    public async Task A_new_subscriber_confirms_gets_daily_texts_and_hears_back_after_a_slip()
    {
        await fixture.SubscribeAsync(Phone, "Robin");
        var page = await fixture.NewPageAsync(480, 1000);
        await page.GotoAsync("/dev/phone");
        await page.Locator("#number").FillAsync(Phone);
        var thread = page.Locator("#thread");
        await Expect(thread.Locator("li.msg.from-service").First).ToContainTextAsync("reply YES", new() { IgnoreCase = true });

        await page.Locator("#reply-body").FillAsync("YES");
        await page.Locator("#send").ClickAsync();
        await Expect(thread.Locator("li.msg.from-you", new() { HasText = "YES" })).ToHaveCountAsync(1);
        await Expect(thread.Locator("li.msg.from-service", new() { HasText = "Welcome to Encourage" }).First).ToBeVisibleAsync();

        // Texts wait out quiet hours where the person lives, and "Next day" keeps the time of day, so a run that starts
        // at night in New York would only ever reschedule. Start from noon there: each press then crosses one 09:00.
        await fixture.Host.AdvanceAsync(await HoursUntilNoonInNewYorkAsync());
        // Today's 09:00 text, if it was still to come when they confirmed.
        await WaitForDailyTextsAsync(page, 1, seconds: 4);

        // Three days on, three more daily texts. Like a person would, wait for each day's text before the next press:
        // the send writes the next day's schedule, and a clock that has already jumped past it would leave it behind.
        var nextDay = page.Locator("#next-day");
        var presses = 0;
        var had = (await DailyTextsAsync(page)).Count;
        while (presses < 3 || (await DailyTextsAsync(page)).Count < had + 3 && presses < 6)
        {
            var before = (await DailyTextsAsync(page)).Count;
            await nextDay.ClickAsync();
            await Expect(nextDay).ToBeEnabledAsync();
            await Expect(page.Locator("#status")).ToContainTextAsync("Moved to");
            await WaitForDailyTextsAsync(page, before + 1);
            presses++;
        }
        var daily = await DailyTextsAsync(page);
        Assert.True(daily.Count - had >= 3, $"{daily.Count - had} daily texts after {presses} presses of Next day: {string.Join(" | ", daily)}");
        await Expect(page.Locator("#clock")).ToContainTextAsync("ahead");
        await BrowserHost.ScreenshotAsync(page, "dev-phone-daily", fullPage: false);

        await page.Locator("#reply-body").FillAsync("TEXTED");
        await page.Locator("#send").ClickAsync();
        var slip = thread.Locator("li.msg.from-you", new() { HasText = "TEXTED" });
        await Expect(slip).ToHaveCountAsync(1);
        // The answer comes back in the webhook's reply; a daily text may land around it, so look for the reply itself.
        var reply = page.Locator("#thread li.msg.from-you:has-text('TEXTED') ~ li.msg.from-service[data-channel=sms-reply]").First;
        await Expect(reply).ToBeVisibleAsync();
        Assert.False(string.IsNullOrWhiteSpace(await reply.Locator(".body").TextContentAsync()));
        await BrowserHost.ScreenshotAsync(page, "dev-phone-slip-reply", fullPage: false);
    }

    [Fact]
    public async Task Message_text_is_shown_as_text_never_as_markup()
    {
        await fixture.SubscribeAsync("+12125550153", "Alex");
        var page = await fixture.NewPageAsync(480, 900);
        await page.GotoAsync("/dev/phone");
        await page.Locator("#number").FillAsync("+12125550153");
        await page.Locator("#reply-body").FillAsync("<b id=\"injected\">hi</b>");
        await page.Locator("#send").ClickAsync();
        await Expect(page.Locator("#thread li.msg.from-you")).ToContainTextAsync("<b id=\"injected\">hi</b>");
        await Expect(page.Locator("#injected")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_email_tab_shows_an_address_s_emails_in_a_sandboxed_frame()
    {
        const string address = "sam.devphone@example.com";
        await fixture.SubscribeByEmailAsync(address, "Sam", "him");
        var page = await fixture.NewPageAsync(480, 1000);
        await page.GotoAsync("/dev/phone");
        await page.Locator("#tab-email").ClickAsync();
        await page.Locator("#email-address").FillAsync(address);

        var frame = page.Locator("#emails iframe").First;
        await Expect(frame).ToHaveAttributeAsync("sandbox", "");
        await Expect(frame.ContentFrame.Locator("body")).ToContainTextAsync("start my messages", new() { IgnoreCase = true });
        await BrowserHost.ScreenshotAsync(page, "dev-phone-email", fullPage: false);
    }

    [Fact]
    public async Task The_email_tab_replies_to_an_email_and_shows_the_answer()
    {
        const string address = "kit.devphone@example.com";
        await fixture.SubscribeByEmailAsync(address, "Kit", "her");
        var confirm = await WaitForAsync(address, l => l.FirstOrDefault(m => m.Channel == "email" && m.Text.Contains("/api/confirm?token=", StringComparison.Ordinal)));
        var token = System.Text.RegularExpressions.Regex.Match(confirm.Text, @"/api/confirm\?token=([A-Za-z0-9_\-\.%]+)").Groups[1].Value;
        using (var confirmed = await fixture.Host.Client.PostAsync("/api/confirm", new FormUrlEncodedContent([new("token", Uri.UnescapeDataString(token))])))
        {
            Assert.Equal(200, (int)confirmed.StatusCode);
        }
        await WaitForAsync(address, l => l.FirstOrDefault(m => m.Headers?.ContainsKey("Reply-To") == true));

        var page = await fixture.NewPageAsync(480, 1000);
        await page.GotoAsync("/dev/phone");
        await page.Locator("#tab-email").ClickAsync();
        await page.Locator("#email-address").FillAsync(address);
        await Expect(page.Locator("#emails li h2", new() { HasText = "Welcome to Encourage" })).ToHaveCountAsync(1);

        await page.Locator("#email-reply-body").FillAsync("I texted her last night");
        await page.Locator("#email-send").ClickAsync();
        await Expect(page.Locator("#email-status")).ToContainTextAsync("The answer is below");
        await Expect(page.Locator("#emails li.from-you")).ToContainTextAsync("I texted her last night");
        var answer = page.Locator("#emails li:not(.from-you)", new() { HasText = "Re: Welcome to Encourage" }).First;
        await Expect(answer).ToBeVisibleAsync();
        await Expect(answer.Locator("iframe").ContentFrame.Locator("body")).ToContainTextAsync("Kit");
        await BrowserHost.ScreenshotAsync(page, "dev-phone-email-reply", fullPage: false);

        // Nothing written: a kind word, and nothing is posted.
        await page.Locator("#email-send").ClickAsync();
        await Expect(page.Locator("#email-status")).ToHaveTextAsync("Write a reply first.");
    }

    private async Task<OutboxMessage> WaitForAsync(string to, Func<IReadOnlyList<OutboxMessage>, OutboxMessage?> find)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if (find(await fixture.OutboxAsync(to)) is { } found) return found;
            Assert.True(DateTime.UtcNow < deadline, "The outbox never held the message for " + to);
            await Task.Delay(250);
        }
    }

    private async Task<double> HoursUntilNoonInNewYorkAsync()
    {
        using var clock = System.Text.Json.JsonDocument.Parse(await fixture.Host.Client.GetStringAsync("/dev/clock"));
        var utc = clock.RootElement.GetProperty("utc").GetDateTimeOffset();
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var local = TimeZoneInfo.ConvertTime(utc, zone);
        var noon = local.Date.AddHours(12);
        if (local.DateTime >= noon) noon = noon.AddDays(1);
        return Math.Max(0.1, (noon - local.DateTime).TotalHours);
    }

    /// <summary>Waits a while for the thread to show at least this many daily texts; the caller asserts.</summary>
    private static async Task WaitForDailyTextsAsync(IPage page, int count, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline && (await DailyTextsAsync(page)).Count < count) await Task.Delay(200);
    }

    /// <summary>Outgoing texts other than the confirmation and the welcome.</summary>
    private static async Task<IReadOnlyList<string>> DailyTextsAsync(IPage page) =>
        (await page.Locator("#thread li.msg[data-channel=sms] .body").AllTextContentsAsync())
            .Where(t => !t.StartsWith("Encourage: reply YES", StringComparison.OrdinalIgnoreCase)
                && !t.StartsWith("Welcome to Encourage", StringComparison.OrdinalIgnoreCase))
            .ToList();
}
