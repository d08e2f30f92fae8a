using System.Net;
using Encourage.TestSupport;

namespace Encourage.Hosts.Tests.Trust;

/// <summary>Issue 11: <c>subscriber erase --email</c> finds every profile that holds the email.</summary>
public sealed class EraseByEmailTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private LocalHostProcess Host => fixture.Host;

    [Fact]
    public async Task Erase_by_email_reaches_the_emails_own_profile_and_a_phones_profile_that_holds_it()
    {
        const string phone = "+12125550160", email = "two-profiles@example.com";
        // A "both" sign-up keyed by the phone (pending), then the same email on its own, confirmed.
        using (var r = await Host.SubscribeJsonAsync(phone, "both", email)) Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        await Host.WaitForOutboxAsync(email, l => l.Count("email") >= 1);
        using (var r = await Host.SubscribeJsonAsync(phone, "email", email)) Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        var list = await Host.WaitForOutboxAsync(email, l => l.Count("email") >= 2);
        var own = HostExtensions.LocalPath(TrustSteps.ConfirmLink(list.OrderBy(m => m.CreatedUtc).Last().Text));
        using (var c = await Host.Client.PostAsync(own, TrustSteps.TokenForm(own))) Assert.Equal(HttpStatusCode.OK, c.StatusCode);

        var erase = await CliProcess.RunAsync(Host.Prefix, "subscriber", "erase", "--email", email);
        Assert.True(erase.ExitCode == 0, erase.Stderr);
        // Issue 20: a "both" sign-up is two profiles, so the email lives only in its own profile, never in the phone's.
        Assert.Equal(1, erase.Stdout.Split('\n').Count(l => l.StartsWith("Erased this email", StringComparison.Ordinal)));
        Assert.DoesNotContain(email, erase.Stdout + erase.Stderr, StringComparison.Ordinal);

        Assert.Equal(2, (await CliProcess.RunAsync(Host.Prefix, "subscriber", "show", "--email", email)).ExitCode);
        // The phone's own pending sign-up never held the email, so it is not the email's to erase.
        Assert.Equal(0, (await CliProcess.RunAsync(Host.Prefix, "subscriber", "show", "--phone", phone)).ExitCode);
    }
}
