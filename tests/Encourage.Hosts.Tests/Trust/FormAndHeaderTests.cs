using System.Net;
using Encourage.TestSupport;
using Encourage.Web;

namespace Encourage.Hosts.Tests.Trust;

/// <summary>Issue 11: the form's bot and cross-site checks, /dev's origin check, headers, and tokens kept out of logs.</summary>
public sealed class FormAndHeaderTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private LocalHostProcess Host => fixture.Host;

    [Fact]
    public async Task A_filled_honeypot_is_refused_kindly_and_sends_nothing()
    {
        const string phone = "+12125550150";
        var form = TrustSteps.SignupForm(phone);
        form["website"] = "http://spam.example";
        using var response = await Host.PostSignupFormAsync(form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Leave this blank", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Task.Delay(1000);
        Assert.Empty(await Host.OutboxAsync(phone));

        // The page a person sees has the field, out of sight and out of the tab order.
        var page = await Host.Client.GetStringAsync(Routes.Signup);
        Assert.Contains("name=\"website\"", page, StringComparison.Ordinal);
        Assert.Contains("tabindex=\"-1\"", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task A_sign_up_posted_from_another_site_is_403_and_sends_nothing(string header, string value)
    {
        var phone = "+121255501" + (header.Length + value.Length).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
        using var form = await Host.PostSignupFormAsync(TrustSteps.SignupForm(phone), r => r.Headers.Add(header, value));
        Assert.Equal(HttpStatusCode.Forbidden, form.StatusCode);
        Assert.Contains("another website", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var json = new HttpRequestMessage(HttpMethod.Post, Routes.Subscribe)
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { firstName = "Ana", phone, channel = "sms" }),
        };
        json.Headers.Add(header, value);
        using var jsonResponse = await Host.Client.SendAsync(json);
        Assert.Equal(HttpStatusCode.Forbidden, jsonResponse.StatusCode);
        await Task.Delay(1000);
        Assert.Empty(await Host.OutboxAsync(phone));
    }

    [Fact]
    public async Task A_sign_up_from_our_own_page_passes_the_origin_check()
    {
        const string phone = "+12125550151";
        using var form = await Host.PostSignupFormAsync(TrustSteps.SignupForm(phone), r =>
        {
            r.Headers.Add("Origin", TestSettings.PublicBaseUrl);
            r.Headers.Add("Sec-Fetch-Site", "same-origin");
        });
        Assert.Equal(HttpStatusCode.Accepted, form.StatusCode);
        await Host.WaitForOutboxAsync(phone, l => l.Count("sms") == 1);
    }

    [Fact]
    public async Task A_dev_post_from_another_site_is_403_and_does_not_move_the_clock()
    {
        var before = await ClockAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/dev/clock/advance?hours=24");
        request.Headers.Add("Origin", "https://evil.example");
        using var response = await Host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True(await ClockAsync() - before < TimeSpan.FromMinutes(5), "the clock moved");
    }

    private async Task<DateTimeOffset> ClockAsync()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(await Host.Client.GetStringAsync("/dev/clock"));
        return doc.RootElement.GetProperty("utc").GetDateTimeOffset();
    }

    [Fact]
    public async Task Every_html_response_sends_csp_nosniff_and_no_referrer()
    {
        var pages = new List<HttpResponseMessage>
        {
            await Host.Client.GetAsync(Routes.Signup),
            await Host.Client.GetAsync(Routes.Unsubscribe + "?token=garbage"),
            await Host.Client.GetAsync(Routes.Confirm),
            await Host.PostSignupFormAsync(TrustSteps.SignupForm("+1 555 555 1234")),
            await Host.Client.GetAsync(Routes.Dashboard),
            await Host.Client.GetAsync("/dev/phone"),
        };
        foreach (var page in pages)
        {
            using (page)
            {
                Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
                var csp = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
                Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
                Assert.Equal("nosniff", Assert.Single(page.Headers.GetValues("X-Content-Type-Options")));
                Assert.Equal("no-referrer", Assert.Single(page.Headers.GetValues("Referrer-Policy")));
                Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task A_token_in_a_query_string_never_reaches_the_log()
    {
        const string probe = "probe-token-QueryStringMustNotBeLogged";
        using (var r = await Host.Client.GetAsync(Routes.Unsubscribe + "?token=" + probe)) Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        using (var r = await Host.Client.PostAsync(Routes.Confirm + "?token=" + probe, null)) Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        await Task.Delay(500);
        Assert.Contains("GET /api/unsubscribe answered 400", Host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(probe, Host.Output, StringComparison.Ordinal);
    }
}
