using System.Net;
using Encourage.TestSupport;

namespace Encourage.Hosts.Tests.Trust;

/// <summary>Issue 11: links act only for the profile, generation and contact they were sent for.</summary>
public sealed class LinkTrustTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private LocalHostProcess Host => fixture.Host;

    [Fact]
    public async Task A_kept_confirm_link_cannot_enrol_the_next_sign_ups_email()
    {
        const string phone = "+12125550140", mine = "kept-link@example.com", victim = "victim-140@example.com";
        // The attacker signs up someone's phone with their own email and keeps the confirmation link.
        using (var r = await Host.SubscribeJsonAsync(phone, "both", mine)) Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        var kept = await Host.ConfirmPathAsync(mine);
        // STOP from the phone takes the profile out of pending; the phone is signed up again with the victim's email.
        await Host.WaitForOutboxAsync(phone, l => l.Count("sms") >= 1);
        using (var stop = await Host.PostInboundAsync(phone, "STOP")) Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        using (var r = await Host.SubscribeJsonAsync(phone, "both", victim)) Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        await Host.ConfirmPathAsync(victim);

        // Issue 20: each contact is a profile of its own, so the kept link can only ever confirm the attacker's own
        // address (his own consent, to his own emails); it has no way to reach the phone or the victim's email.
        using (var post = await Host.Client.PostAsync(kept, TrustSteps.TokenForm(kept)))
        {
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        }
        Assert.DoesNotContain(await Host.OutboxAsync(mine), m => m.Text.Contains("5550140", StringComparison.Ordinal) || m.Text.Contains(victim, StringComparison.Ordinal));
        // The victim was not enrolled: no welcome, and tomorrow brings nothing.
        await Host.AdvanceAsync(24);
        await Task.Delay(1500);
        var inbox = await Host.OutboxAsync(victim);
        Assert.Single(inbox);
        Assert.Contains("/api/confirm?token=", inbox[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erasing_through_an_email_link_leaves_the_phone_owners_subscription_alone()
    {
        const string phone = "+12125550141", stranger = "stranger-141@example.com";
        using (var r = await Host.SubscribeJsonAsync(phone, "both", stranger)) Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        // The phone's owner says YES for themselves; the stranger confirms their own email.
        await Host.WaitForOutboxAsync(phone, l => l.Count("sms") >= 1);
        using (var yes = await Host.PostInboundAsync(phone, "YES")) Assert.Equal(HttpStatusCode.OK, yes.StatusCode);
        await Host.WaitForOutboxAsync(phone, l => l.Any(m => m.Text.Contains("Welcome", StringComparison.Ordinal)));
        var confirm = await Host.ConfirmPathAsync(stranger);
        using (var c = await Host.Client.PostAsync(confirm, TrustSteps.TokenForm(confirm))) Assert.Equal(HttpStatusCode.OK, c.StatusCode);
        var welcome = (await Host.WaitForOutboxAsync(stranger, l => l.Count("email") >= 2)).Last(m => m.Channel == "email");
        var unsubscribe = HostExtensions.LocalPath(HostExtensions.UnsubscribeLink(welcome.Text));

        // The stranger's link, with "also delete my data".
        using (var erase = await Host.Client.PostAsync(unsubscribe, TrustSteps.TokenForm(unsubscribe, erase: true)))
        {
            Assert.Equal(HttpStatusCode.OK, erase.StatusCode);
        }

        // The phone's owner goes on: tomorrow's text comes and STATUS still knows them; the stranger gets nothing more.
        var texts = (await Host.OutboxAsync(phone)).Count("sms");
        var emails = (await Host.OutboxAsync(stranger)).Count("email");
        await Host.AdvanceAsync(24);
        await Host.WaitForOutboxAsync(phone, l => l.Count("sms") > texts);
        using (var status = await Host.PostInboundAsync(phone, "STATUS"))
        {
            Assert.Contains(await status.TwimlAsync(), m => m.Contains("Days since you contacted", StringComparison.Ordinal));
        }
        await Task.Delay(1000);
        Assert.Equal(emails, (await Host.OutboxAsync(stranger)).Count("email"));
    }

    [Fact]
    public async Task An_unsubscribe_link_from_before_a_new_sign_up_is_refused_and_changes_nothing()
    {
        const string phone = "+12125550142";
        var oldLink = HostExtensions.LocalPath(HostExtensions.UnsubscribeLink((await Host.SubscribeAndConfirmSmsAsync(phone)).Text));
        using (var stop = await Host.PostInboundAsync(phone, "STOP")) Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        // Signed up again (a new generation) after the cooling-off (issue 20: no confirmation through the form for 30
        // days after a STOP), and confirmed.
        await Host.AdvanceAsync(24 * 31);
        await Host.AlignClockAsync();
        var before = (await Host.OutboxAsync(phone)).Count("sms");
        using (var r = await Host.SubscribeJsonAsync(phone)) Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        await Host.WaitForOutboxAsync(phone, l => l.Count("sms") > before);
        using (var yes = await Host.PostInboundAsync(phone, "YES")) Assert.Equal(HttpStatusCode.OK, yes.StatusCode);
        await Host.WaitForOutboxAsync(phone, l => l.Count(m => m.Text.Contains("Welcome", StringComparison.Ordinal)) >= 2);

        using (var post = await Host.Client.PostAsync(oldLink, TrustSteps.TokenForm(oldLink, erase: true)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
            Assert.Contains("use the link in your latest one", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var count = (await Host.OutboxAsync(phone)).Count("sms");
        await Host.AdvanceAsync(24);
        await Host.WaitForOutboxAsync(phone, l => l.Count("sms") > count);
    }

    [Fact]
    public async Task A_stranger_learns_nothing_from_their_own_inbox_about_whether_a_phone_is_enrolled()
    {
        const string active = "+12125550143", fresh = "+12125550144";
        const string emailA = "probe-a-143@example.com", emailB = "probe-b-144@example.com";
        await Host.SubscribeAndConfirmSmsAsync(active);

        using var a = await Host.SubscribeJsonAsync(active, "both", emailA);
        using var b = await Host.SubscribeJsonAsync(fresh, "both", emailB);
        Assert.Equal(a.StatusCode, b.StatusCode);
        Assert.Equal(await b.Content.ReadAsStringAsync(), await a.Content.ReadAsStringAsync());

        // Each email is its own consent: both get a confirmation, and both confirm the same way.
        var confirmA = await Host.ConfirmPathAsync(emailA);
        var confirmB = await Host.ConfirmPathAsync(emailB);
        foreach (var (path, other) in new[] { (confirmA, confirmB) })
        {
            using var pageA = await Host.Client.GetAsync(path);
            using var pageB = await Host.Client.GetAsync(other);
            Assert.Equal(pageB.StatusCode, pageA.StatusCode);
            Assert.Equal(TokenFree(await pageB.Content.ReadAsStringAsync()), TokenFree(await pageA.Content.ReadAsStringAsync()));
            using var postA = await Host.Client.PostAsync(path, TrustSteps.TokenForm(path));
            using var postB = await Host.Client.PostAsync(other, TrustSteps.TokenForm(other));
            Assert.Equal(HttpStatusCode.OK, postA.StatusCode);
            Assert.Equal(postB.StatusCode, postA.StatusCode);
            Assert.Equal(await postB.Content.ReadAsStringAsync(), await postA.Content.ReadAsStringAsync());
        }
        await Host.WaitForOutboxAsync(emailA, l => l.Count("email") >= 2);
        await Host.WaitForOutboxAsync(emailB, l => l.Count("email") >= 2);
        await Host.AdvanceAsync(24);
        await Host.WaitForOutboxAsync(emailA, l => l.Count("email") >= 3);
        await Host.WaitForOutboxAsync(emailB, l => l.Count("email") >= 3);
        await Task.Delay(1000);

        var inboxA = (await Host.OutboxAsync(emailA)).OrderBy(m => m.CreatedUtc).Select(m => TrustSteps.Comparable(m, emailA)).ToList();
        var inboxB = (await Host.OutboxAsync(emailB)).OrderBy(m => m.CreatedUtc).Select(m => TrustSteps.Comparable(m, emailB)).ToList();
        Assert.Equal(inboxB, inboxA);
    }

    private static string TokenFree(string html) =>
        System.Text.RegularExpressions.Regex.Replace(html, "value=\"[A-Za-z0-9_\\-\\.]{40,}\"", "value=\"*\"");
}
