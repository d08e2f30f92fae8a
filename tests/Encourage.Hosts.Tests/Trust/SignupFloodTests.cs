using System.Net;
using Encourage.TestSupport;

namespace Encourage.Hosts.Tests.Trust;

/// <summary>Issue 11: SMS pumping and floods, with the product's default limits.</summary>
public sealed class SignupFloodTests(DefaultLimitsFixture fixture) : IClassFixture<DefaultLimitsFixture>
{
    private LocalHostProcess Host => fixture.Host;

    [Fact]
    public async Task Forty_sign_ups_from_one_address_within_a_minute_get_429_after_ten()
    {
        var statuses = new List<HttpStatusCode>();
        var started = DateTime.UtcNow;
        for (var i = 0; i < 40; i++)
        {
            var phone = "+1212555" + (100 + i).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
            if (i % 2 == 0)
            {
                using var json = await Host.SubscribeJsonAsync(phone);
                statuses.Add(json.StatusCode);
                if (json.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    Assert.True(json.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 and <= 3600 }, "Retry-After missing or out of range");
                    Assert.Equal("application/problem+json", json.Content.Headers.ContentType?.MediaType);
                }
            }
            else
            {
                using var form = await Host.PostSignupFormAsync(TrustSteps.SignupForm(phone));
                statuses.Add(form.StatusCode);
                if (form.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    Assert.True(form.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 and <= 3600 }, "Retry-After missing or out of range");
                    Assert.Contains("Please try again in", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                }
            }
        }
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromMinutes(1), "the 40 sign-ups took over a minute");
        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.Accepted, s));
        Assert.All(statuses.Skip(10), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));

        // Only the ten accepted sign-ups cost a text.
        await Host.WaitForOutboxAsync("+12125550109", l => l.Count("sms") == 1);
        await Task.Delay(1000);
        for (var i = 10; i < 40; i++) Assert.Empty(await Host.OutboxAsync("+1212555" + (100 + i).ToString("D4", System.Globalization.CultureInfo.InvariantCulture)));
    }

    // "One number range is limited whichever addresses the sign-ups come from" was the vulnerability of issue 20,
    // finding 7 (a stranger locked a range for everyone, through X-Forwarded-For from any loopback peer): it is now
    // EdgeLimitTests.Filling_one_number_range_from_many_networks_does_not_lock_the_range_for_its_owner.

    [Theory]
    [InlineData("+1 900 234 5678")] // premium rate
    [InlineData("+1 800 234 5678")] // toll-free
    [InlineData("+44 7911 123456")] // a mobile, outside the allowed countries (US by default)
    public async Task Premium_toll_free_and_other_countries_numbers_get_400_and_cost_nothing(string phone)
    {
        using var response = await Host.PostJsonAsync(new { firstName = "Ana", phone, channel = "sms", timeZone = "America/New_York", sendTime = "09:00", pronoun = "him" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"phone\"", body, StringComparison.Ordinal);
        Assert.Contains("choose email instead", body, StringComparison.Ordinal);
        using var form = await Host.PostSignupFormAsync(TrustSteps.SignupForm(phone));
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        Assert.Contains("id=\"phone-error\"", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Task.Delay(500);
        Assert.Empty(await Host.OutboxAsync(phone.Replace(" ", "", StringComparison.Ordinal)));
    }
}
