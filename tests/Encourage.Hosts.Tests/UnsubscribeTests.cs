using System.Net;
using Encourage.TestSupport;

namespace Encourage.Hosts.Tests;

public sealed class UnsubscribeTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private LocalHostProcess Host => fixture.Host;

    private static FormUrlEncodedContent OneClick() => new(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" });

    [Fact]
    public async Task Get_only_asks_and_one_click_post_unsubscribes_idempotently()
    {
        const string phone = "+12125550120";
        var welcome = await Host.SubscribeAndConfirmSmsAsync(phone);
        var path = HostExtensions.LocalPath(HostExtensions.UnsubscribeLink(welcome.Text));

        using (var page = await Host.Client.GetAsync(path))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("<button", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("<form", html, StringComparison.OrdinalIgnoreCase);
        }
        // A GET (a link preview, a mail scanner) must not unsubscribe: tomorrow's text still comes.
        var count = (await Host.OutboxAsync(phone)).Count("sms");
        await Host.AdvanceAsync(24);
        count = (await Host.WaitForOutboxAsync(phone, l => l.Count("sms") > count)).Count("sms");

        using (var post = await Host.Client.PostAsync(path, OneClick()))
        {
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        }
        await Host.AdvanceAsync(24);
        await Task.Delay(2500);
        Assert.Equal(count, (await Host.OutboxAsync(phone)).Count("sms"));

        using (var again = await Host.Client.PostAsync(path, OneClick()))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }
        await Host.AdvanceAsync(24);
        await Task.Delay(1500);
        Assert.Equal(count, (await Host.OutboxAsync(phone)).Count("sms"));
    }

    [Fact]
    public async Task Altered_swapped_or_garbage_tokens_are_refused()
    {
        const string a = "+12125550121", b = "+12125550122";
        var tokenA = HostExtensions.TokenOf(HostExtensions.UnsubscribeLink((await Host.SubscribeAndConfirmSmsAsync(a)).Text));
        var tokenB = HostExtensions.TokenOf(HostExtensions.UnsubscribeLink((await Host.SubscribeAndConfirmSmsAsync(b)).Text));
        Assert.NotEqual(tokenA, tokenB);

        async Task<HttpStatusCode> GetAsync(string token)
        {
            using var r = await Host.Client.GetAsync("/api/unsubscribe?token=" + Uri.EscapeDataString(token));
            return r.StatusCode;
        }
        async Task<HttpStatusCode> PostAsync(string token)
        {
            using var r = await Host.Client.PostAsync("/api/unsubscribe?token=" + Uri.EscapeDataString(token), OneClick());
            return r.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await GetAsync(tokenA));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(tokenB));

        // One character changed, at the start, around the middle and at the end (the sealed payload, then its tag).
        // Issue 20: tokens are opaque (no dot between a readable payload and a MAC), so the halves are split at the middle.
        var dot = tokenA.Length / 2;
        foreach (var i in new[] { 2, dot - 2, dot + 3, tokenA.Length - 3 })
        {
            var chars = tokenA.ToCharArray();
            chars[i] = chars[i] == 'A' ? 'B' : 'A';
            Assert.Equal(HttpStatusCode.BadRequest, await GetAsync(new string(chars)));
            Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(new string(chars)));
        }

        // B's first half with A's second, and the reverse.
        var dotB = tokenB.Length / 2;
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(tokenB[..dotB] + tokenA[dot..]));
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(tokenA[..dot] + tokenB[dotB..]));

        foreach (var garbage in new[] { "garbage", "a.b", ".", "x.", new string('A', 300) + "." + new string('B', 43) })
        {
            Assert.Equal(HttpStatusCode.BadRequest, await GetAsync(garbage));
            Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(garbage));
        }
        using (var none = await Host.Client.GetAsync("/api/unsubscribe"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        }

        // None of that unsubscribed either of them.
        var countA = (await Host.OutboxAsync(a)).Count("sms");
        var countB = (await Host.OutboxAsync(b)).Count("sms");
        await Host.AdvanceAsync(24);
        await Host.WaitForOutboxAsync(a, l => l.Count("sms") > countA);
        await Host.WaitForOutboxAsync(b, l => l.Count("sms") > countB);
    }
}
