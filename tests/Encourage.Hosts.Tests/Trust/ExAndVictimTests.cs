using System.Net;
using Encourage.Web;

namespace Encourage.Hosts.Tests.Trust;

/// <summary>
/// Issue 20, the story that opened it, end to end over HTTP: an ex signs up her number with his own email ("both"),
/// she signs up herself, and nothing she writes is his to read, change or stop.
/// </summary>
public sealed class ExAndVictimTests(EmailReplyFixture fixture) : IClassFixture<EmailReplyFixture>
{
    private LocalHostProcess Host => fixture.Host;

    private const string Her = "+12125550160";
    private const string His = "ex-160@example.org";
    private const string HerWords = "I texted him last night and I'm so worried about what he thinks";

    [Fact]
    public async Task The_ex_who_signs_up_her_number_with_his_email_gets_nothing_of_hers_and_cannot_change_or_stop_her_texts()
    {
        // 1. The ex: channel "both", her number, his own email, a name and pronoun of his choosing.
        using (var r = await Host.SignUpAsync("both", Her, His, "Sam", "him")) Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        await Host.WaitForOutboxAsync(Her, l => l.Count("sms") == 1);
        // He confirms his own email: that is his consent, to his own emails.
        await Host.ConfirmEmailAsync(His);
        await Host.WaitForOutboxAsync(His, l => l.Any(m => (m.Subject ?? "").Contains("Welcome", StringComparison.Ordinal)));

        // 2. She signs up herself: her own sign-up is not swallowed by his pending one; her own confirmation comes.
        using (var r = await Host.SignUpAsync("sms", Her, null, "Dana", "her")) Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        await Host.WaitForOutboxAsync(Her, l => l.Count("sms") == 2);

        // 3. Her YES confirms her number, and adopts nothing he chose: no email, and since two sign-ups reached this
        // number, no name, pronoun or zone either (she is asked for her name).
        List<string> answer;
        using (var yes = await Host.PostInboundAsync(Her, "YES")) answer = await yes.TwimlAsync();
        Assert.Contains(answer, m => m.Contains("What should I call you?", StringComparison.Ordinal));
        var welcome = (await Host.WaitForOutboxAsync(Her, l => l.Any(m => m.Text.Contains("Welcome to Encourage", StringComparison.Ordinal))))
            .Last(m => m.Text.Contains("Welcome to Encourage", StringComparison.Ordinal));
        Assert.DoesNotContain("Sam", welcome.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Welcome back", welcome.Text, StringComparison.Ordinal);
        var profile = await Host.ProfileByPhoneAsync(Her);
        Assert.NotNull(profile);
        Assert.Null(profile!.GetString("Email"));
        Assert.Equal("Sms", profile.GetString("Channel"));
        Assert.NotEqual("Sam", profile.GetString("FirstName"));
        Assert.NotEqual("Him", profile.GetString("Pronoun"));
        using (var name = await Host.PostInboundAsync(Her, "NAME Dana")) Assert.Equal(HttpStatusCode.OK, name.StatusCode);

        // 4. She writes to us, as people here do.
        using (var slip = await Host.PostInboundAsync(Her, HerWords)) Assert.Equal(HttpStatusCode.OK, slip.StatusCode);

        // 5. Every link in his inbox (the confirmation, the welcome, footers): none downloads anything of hers.
        var hisLinks = (await Host.LinksToAsync(His, Routes.Unsubscribe)).Concat(await Host.LinksToAsync(His, Routes.Confirm)).ToList();
        Assert.NotEmpty(hisLinks);
        foreach (var link in hisLinks)
        {
            using var post = await Host.Client.PostAsync(Routes.MyData, TrustSteps.TokenForm(link));
            var body = await post.Content.ReadAsStringAsync();
            Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
            Assert.DoesNotContain("worried", body, StringComparison.Ordinal);
            Assert.DoesNotContain("5550160", body, StringComparison.Ordinal);
        }

        // 6. His own data link (from his manage page) exports his profile, never a word or a number of hers.
        var texts = (await Host.OutboxAsync(Her)).Count("sms");
        await Host.AdvanceAsync(24);
        await Host.WaitForOutboxAsync(Her, l => l.Count("sms") > texts);
        var replyTo = (await Host.OutboxAsync(His)).Last(m => m.Headers?.ContainsKey("Reply-To") == true).Headers!["Reply-To"];
        var data = await ExportThroughOwnLinksAsync(His, replyTo);
        Assert.DoesNotContain("worried", data, StringComparison.Ordinal);
        Assert.DoesNotContain("5550160", data, StringComparison.Ordinal);
        Assert.DoesNotContain("Dana", data, StringComparison.Ordinal);

        // 7. By email reply he tries to change or stop her texts: PAUSE 30, NAME, TIME, DONE (his own emails may end; her texts may not).
        foreach (var words in new[] { "PAUSE 30", "NAME Loser", "TIME 06:00", "DONE" })
        {
            using var reply = await Host.ReplyByEmailAsync(His, replyTo, words, EmailReplyFixture.Secret);
            Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        }
        var after = await Host.ProfileByPhoneAsync(Her);
        Assert.Equal("Active", after!.GetString("Status"));
        Assert.Equal("Dana", after.GetString("FirstName"));
        Assert.Equal(profile.GetString("SendTime"), after.GetString("SendTime"));

        // 8. His links stop his emails, and only his emails: her next text still comes.
        var unsubscribe = (await Host.LinksToAsync(His, Routes.Unsubscribe)).Last();
        using (var stop = await Host.Client.PostAsync(unsubscribe, TrustSteps.TokenForm(unsubscribe))) Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        texts = (await Host.OutboxAsync(Her)).Count("sms");
        await Host.AdvanceAsync(24);
        await Host.WaitForOutboxAsync(Her, l => l.Count("sms") > texts);
        Assert.DoesNotContain(await Host.OutboxAsync(His), m => m.Text.Contains("worried", StringComparison.Ordinal) || m.Text.Contains("Dana", StringComparison.Ordinal));
    }

    /// <summary>HELP by email (his manage link), "send me the link", and the data link sent to his own inbox.</summary>
    private async Task<string> ExportThroughOwnLinksAsync(string email, string replyTo)
    {
        using (var help = await Host.ReplyByEmailAsync(email, replyTo, "HELP", EmailReplyFixture.Secret)) Assert.Equal(HttpStatusCode.OK, help.StatusCode);
        var manage = (await Host.WaitForOutboxAsync(email, l => l.Any(m => ContactSteps.LinkTo(m.Text, Routes.Manage) is not null)))
            .Select(m => ContactSteps.LinkTo(m.Text, Routes.Manage)).Last(l => l is not null)!;
        using (var ask = await Host.Client.PostAsync(Routes.Manage, ContactSteps.Form(("token", HostExtensions.TokenOf(manage)), ("do", "data"))))
        {
            Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        }
        var link = (await Host.WaitForOutboxAsync(email, l => l.Any(m => ContactSteps.LinkTo(m.Text, Routes.MyData) is not null)))
            .Select(m => ContactSteps.LinkTo(m.Text, Routes.MyData)).Last(l => l is not null)!;
        using var post = await Host.Client.PostAsync(Routes.MyData, TrustSteps.TokenForm(link));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        var json = await post.Content.ReadAsStringAsync();
        Assert.Contains(email, json, StringComparison.Ordinal);
        return json;
    }
}
