using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Encourage.Hosts.Tests;

public sealed class SubscribeTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private Encourage.TestSupport.LocalHostProcess Host => fixture.Host;

    [Fact]
    public async Task Sign_up_is_accepted_once_and_confirmed_once()
    {
        const string phone = "+12125550100";
        using var first = await Host.SubscribeJsonAsync(phone);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var firstBody = await first.Content.ReadAsStringAsync();
        var list = await Host.WaitForOutboxAsync(phone, l => l.Count("sms") >= 1);
        var confirmation = Assert.Single(list, m => m.Channel == "sms");
        Assert.Contains("YES", confirmation.Text, StringComparison.Ordinal);

        using var second = await Host.SubscribeJsonAsync(phone);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(firstBody, await second.Content.ReadAsStringAsync());
        // Issue 20: a second sign-up while one is pending is not swallowed (it may be the owner's own, after someone
        // else's): it replaces the first and asks again, once.
        await Host.WaitForOutboxAsync(phone, l => l.Count("sms") >= 2);
        await Task.Delay(2500);
        Assert.Equal(2, (await Host.OutboxAsync(phone)).Count("sms"));
    }

    [Fact]
    public async Task Json_with_a_bad_phone_is_a_validation_problem_naming_phone()
    {
        using var response = await Host.Client.PostAsJsonAsync("/api/subscribe", new { firstName = "Ana", phone = "+1 555 555 1234", channel = "sms", timeZone = "America/New_York", sendTime = "09:00", pronoun = "him" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(doc.RootElement.GetProperty("errors").TryGetProperty("phone", out var phone), "errors.phone missing");
        Assert.False(string.IsNullOrWhiteSpace(phone[0].GetString()));
        Assert.Empty(await Host.OutboxAsync("+15555551234"));
    }

    [Fact]
    public async Task Form_with_a_bad_phone_re_shows_the_page_with_the_error()
    {
        using var response = await Host.Client.PostAsync("/api/subscribe", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["firstName"] = "Ana", ["phone"] = "+1 555 555 1234", ["channel"] = "sms", ["timeZone"] = "America/New_York", ["sendTime"] = "09:00", ["pronoun"] = "him",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("id=\"phone-error\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsupported_content_type_is_415()
    {
        using var response = await Host.Client.PostAsync("/api/subscribe", new StringContent("firstName=Ana", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task A_100_KB_body_is_refused_with_400()
    {
        var big = "{\"firstName\":\"" + new string('a', 100 * 1024) + "\",\"phone\":\"+12125550101\",\"channel\":\"sms\",\"timeZone\":\"America/New_York\",\"sendTime\":\"09:00\",\"pronoun\":\"him\"}";
        using var response = await Host.Client.PostAsync("/api/subscribe", new StringContent(big, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var form = await Host.Client.PostAsync("/api/subscribe", new FormUrlEncodedContent(new Dictionary<string, string> { ["firstName"] = new string('a', 100 * 1024), ["phone"] = "+12125550101" }));
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        await Task.Delay(1000);
        Assert.Empty(await Host.OutboxAsync("+12125550101"));
    }

    [Fact]
    public async Task Yes_sends_the_welcome_and_the_next_day_brings_a_message()
    {
        const string phone = "+12125550102";
        var welcome = await Host.SubscribeAndConfirmSmsAsync(phone);
        Assert.Contains("Msg & data rates may apply", welcome.Text, StringComparison.Ordinal);
        var link = HostExtensions.UnsubscribeLink(welcome.Text);
        Assert.StartsWith("https://encourage.example.net/api/unsubscribe?token=", link, StringComparison.Ordinal);

        var before = (await Host.OutboxAsync(phone)).Count("sms");
        await Host.AdvanceAsync(24);
        var after = await Host.WaitForOutboxAsync(phone, l => l.Count("sms") > before);
        var daily = after.Where(m => m.Channel == "sms").OrderBy(m => m.CreatedUtc).Last();
        Assert.False(string.IsNullOrWhiteSpace(daily.Text));
        Assert.DoesNotContain("Welcome to Encourage", daily.Text, StringComparison.Ordinal);
    }
}
