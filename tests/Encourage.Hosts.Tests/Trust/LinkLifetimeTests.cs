using System.Buffers.Text;
using System.Net;
using System.Text;
using Encourage.Hosting;
using Encourage.Subscriptions;
using Encourage.Web;
using Microsoft.Extensions.Options;

namespace Encourage.Hosts.Tests.Trust;

/// <summary>Issue 20, findings 2 and 12: a link has one purpose and a lifetime, and says nothing to whoever reads it.</summary>
public sealed class LinkLifetimeTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private LocalHostProcess Host => fixture.Host;

    private static readonly ContactKeys Keys = new(Options.Create(new EncourageOptions { PublicBaseUrl = TestSettings.PublicBaseUrl, TokenSecret = TestSettings.TokenSecret }));

    [Fact]
    public async Task An_unsubscribe_link_only_unsubscribes_it_downloads_nothing()
    {
        const string phone = "+12125550161";
        var link = HostExtensions.LocalPath(HostExtensions.UnsubscribeLink((await Host.SubscribeAndConfirmSmsAsync(phone)).Text));
        (await Host.PostInboundAsync(phone, "I looked at his photos again")).EnsureSuccessStatusCode();

        var page = await Host.Client.GetStringAsync(link);
        Assert.DoesNotContain(Routes.MyData, page, StringComparison.Ordinal);
        using (var get = await Host.Client.GetAsync(Routes.MyData + "?token=" + Uri.EscapeDataString(HostExtensions.TokenOf(link))))
        {
            Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
        }
        using var post = await Host.Client.PostAsync(Routes.MyData, TrustSteps.TokenForm(link));
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.DoesNotContain("photos", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_STOP_the_unsubscribe_link_no_longer_opens_anything()
    {
        const string phone = "+12125550162";
        var link = HostExtensions.LocalPath(HostExtensions.UnsubscribeLink((await Host.SubscribeAndConfirmSmsAsync(phone)).Text));
        using (var stop = await Host.PostInboundAsync(phone, "STOP")) Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        using var get = await Host.Client.GetAsync(link);
        Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
        using var post = await Host.Client.PostAsync(link, TrustSteps.TokenForm(link, erase: true));
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
    }

    [Fact]
    public async Task A_manage_link_works_for_days_not_for_ever()
    {
        const string phone = "+12125550163";
        await Host.SubscribeAndConfirmSmsAsync(phone);
        var manage = await ManageLinkAsync(phone);
        using (var now = await Host.Client.GetAsync(manage)) Assert.Equal(HttpStatusCode.OK, now.StatusCode);
        await Host.AdvanceAsync(24 * 7 + 1);
        using var later = await Host.Client.GetAsync(manage);
        Assert.Equal(HttpStatusCode.BadRequest, later.StatusCode);
        Assert.DoesNotContain("Pause my messages", await later.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_my_data_is_a_fresh_link_to_the_contact_itself_that_works_once_and_for_an_hour()
    {
        const string phone = "+12125550164";
        await Host.SubscribeAndConfirmSmsAsync(phone);
        (await Host.PostInboundAsync(phone, "I drove past his place")).EnsureSuccessStatusCode();
        var manage = await ManageLinkAsync(phone);
        var first = await AskForDataLinkAsync(phone, manage);

        using (var get = await Host.Client.GetAsync(first))
        {
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.DoesNotContain("drove", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var post = await Host.Client.PostAsync(Routes.MyData, TrustSteps.TokenForm(first)))
        {
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
            Assert.Contains("I drove past his place", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var again = await Host.Client.PostAsync(Routes.MyData, TrustSteps.TokenForm(first)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
            Assert.DoesNotContain("drove", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var second = await AskForDataLinkAsync(phone, manage);
        Assert.NotEqual(first, second);
        await Host.AdvanceAsync(2);
        using var late = await Host.Client.PostAsync(Routes.MyData, TrustSteps.TokenForm(second));
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.DoesNotContain("drove", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_says_nothing_to_whoever_reads_it()
    {
        const string phone = "+12125550165";
        var token = HostExtensions.TokenOf(HostExtensions.UnsubscribeLink((await Host.SubscribeAndConfirmSmsAsync(phone)).Text));
        Assert.DoesNotContain('.', token);
        var bytes = Base64Url.DecodeFromChars(token);
        var asText = Encoding.Latin1.GetString(bytes);
        Assert.DoesNotContain(Keys.ForPhone(phone), asText, StringComparison.Ordinal);
        Assert.DoesNotContain("Unsubscribe", asText, StringComparison.Ordinal);
        Assert.DoesNotContain("Sms", asText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_with_a_token_are_not_cached_and_every_answer_asks_for_https_and_names_no_server()
    {
        const string phone = "+12125550166";
        var link = HostExtensions.LocalPath(HostExtensions.UnsubscribeLink((await Host.SubscribeAndConfirmSmsAsync(phone)).Text));
        foreach (var path in new[] { link, await ManageLinkAsync(phone), Routes.Signup })
        {
            using var response = await Host.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl?.NoStore == true, path + ": " + response.Headers.CacheControl);
            Assert.True(response.Headers.TryGetValues("Strict-Transport-Security", out var hsts) && hsts.Single().Contains("max-age=", StringComparison.Ordinal), path);
            Assert.False(response.Headers.Contains("Server"), path + " names its server: " + string.Join(",", response.Headers.Server));
        }
    }

    private async Task<string> ManageLinkAsync(string phone)
    {
        using var help = await Host.PostInboundAsync(phone, "HELP");
        var manage = (await help.TwimlAsync()).Select(m => ContactSteps.LinkTo(m, Routes.Manage)).FirstOrDefault(l => l is not null);
        Assert.NotNull(manage);
        return manage!;
    }

    private async Task<string> AskForDataLinkAsync(string phone, string manage)
    {
        var before = await Host.LinksToAsync(phone, Routes.MyData);
        using (var ask = await Host.Client.PostAsync(Routes.Manage, ContactSteps.Form(("token", HostExtensions.TokenOf(manage)), ("do", "data"))))
        {
            Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
            Assert.Contains("sent you a link", await ask.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var now = await Host.LinksToAsync(phone, Routes.MyData);
            if (now.Except(before).FirstOrDefault() is { } fresh) return fresh;
            Assert.True(DateTime.UtcNow < deadline, "no data link came");
            await Task.Delay(250);
        }
    }
}
