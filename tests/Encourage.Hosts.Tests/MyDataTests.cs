using System.Net;
using System.Text.Json;
using Encourage.TestSupport;

namespace Encourage.Hosts.Tests;

/// <summary>"Download my data" from the unsubscribe page, and `subscriber export` against the same storage.</summary>
public sealed class MyDataTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private LocalHostProcess Host => fixture.Host;

    private static FormUrlEncodedContent TokenForm(string token) => new(new Dictionary<string, string> { ["token"] = token });

    [Fact]
    public async Task Download_my_data_comes_by_a_link_to_the_persons_own_phone_and_matches_the_CLI()
    {
        const string phone = "+12125550150";
        var welcome = await Host.SubscribeAndConfirmSmsAsync(phone);
        (await Host.PostInboundAsync(phone, "I looked at his instagram again")).EnsureSuccessStatusCode();
        // Issue 20: the unsubscribe link only unsubscribes. The data comes through a fresh link sent to the person's
        // own phone from the manage page (HELP's link), and it works once.
        var unsubscribe = HostExtensions.LocalPath(HostExtensions.UnsubscribeLink(welcome.Text));
        Assert.DoesNotContain("/api/my-data", await Host.Client.GetStringAsync(unsubscribe), StringComparison.Ordinal);
        using var help = await Host.PostInboundAsync(phone, "HELP");
        var manage = (await help.TwimlAsync()).Select(m => Trust.ContactSteps.LinkTo(m, "/api/manage")).First(l => l is not null)!;
        using (var ask = await Host.Client.PostAsync("/api/manage", Trust.ContactSteps.Form(("token", HostExtensions.TokenOf(manage)), ("do", "data"))))
        {
            Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        }
        var list = await Host.WaitForOutboxAsync(phone, l => l.Any(m => Trust.ContactSteps.LinkTo(m.Text, "/api/my-data") is not null));
        var token = HostExtensions.TokenOf(list.Select(m => Trust.ContactSteps.LinkTo(m.Text, "/api/my-data")).Last(l => l is not null)!);

        // GET only shows a button (link scanners fetch GETs); the data comes on POST.
        using (var get = await Host.Client.GetAsync("/api/my-data?token=" + Uri.EscapeDataString(token)))
        {
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            var html = await get.Content.ReadAsStringAsync();
            Assert.Contains("<button", html, StringComparison.Ordinal);
            Assert.DoesNotContain("instagram", html, StringComparison.Ordinal);
            Assert.DoesNotContain("5550150", html, StringComparison.Ordinal);
        }
        // A token altered by one character, or none: the same "this link didn't work" page, no data.
        var altered = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');
        foreach (var bad in new[] { altered, "", "garbage" })
        {
            using var refused = await Host.Client.PostAsync("/api/my-data", TokenForm(bad));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.DoesNotContain("instagram", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        JsonElement web;
        using (var post = await Host.Client.PostAsync("/api/my-data", TokenForm(token)))
        {
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
            Assert.Equal("application/json", post.Content.Headers.ContentType?.MediaType);
            Assert.Contains("attachment", post.Content.Headers.ContentDisposition?.ToString() ?? "", StringComparison.Ordinal);
            Assert.Contains("no-store", post.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
            web = JsonDocument.Parse(await post.Content.ReadAsStringAsync()).RootElement.Clone();
        }
        Assert.Equal(phone, web.GetProperty("profile").GetProperty("phone").GetString());
        Assert.Equal("I looked at his instagram again", web.GetProperty("slips")[0].GetProperty("text").GetString());

        // The CLI prints the same person's data.
        var (code, stdout, stderr) = await CliProcess.RunAsync(Host.Prefix, "subscriber", "export", "--phone", "(212) 555-0150");
        Assert.True(code == 0, stderr);
        var cli = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(web.GetProperty("subscriberId").GetString(), cli.GetProperty("subscriberId").GetString());
        Assert.Equal(web.GetProperty("slips").GetRawText(), cli.GetProperty("slips").GetRawText());
        Assert.False(cli.GetProperty("suppression").GetProperty("phone").GetBoolean());

        // After `subscriber erase`: only the suppression state, and the link gives no data.
        var erase = await CliProcess.RunAsync(Host.Prefix, "subscriber", "erase", "--phone", phone);
        Assert.True(erase.ExitCode == 0, erase.Stderr);
        var after = await CliProcess.RunAsync(Host.Prefix, "subscriber", "export", "--phone", phone);
        Assert.True(after.ExitCode == 0, after.Stderr);
        var afterJson = JsonDocument.Parse(after.Stdout).RootElement;
        Assert.Equal(["suppression"], afterJson.EnumerateObject().Select(p => p.Name));
        Assert.True(afterJson.GetProperty("suppression").GetProperty("phone").GetBoolean());
        using (var gone = await Host.Client.PostAsync("/api/my-data", TokenForm(token)))
        {
            Assert.NotEqual("application/json", gone.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("instagram", await gone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Export_with_bad_input_says_so_kindly_and_changes_nothing()
    {
        var badPhone = await CliProcess.RunAsync(Host.Prefix, "subscriber", "export", "--phone", "12345");
        Assert.Equal(1, badPhone.ExitCode);
        Assert.Contains("not a valid phone number", badPhone.Stderr, StringComparison.Ordinal);
        var none = await CliProcess.RunAsync(Host.Prefix, "subscriber", "export");
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("Give --phone or --email", none.Stderr, StringComparison.Ordinal);

        // Nobody by that number: nothing held, not even suppression.
        var stranger = await CliProcess.RunAsync(Host.Prefix, "subscriber", "export", "--phone", "+12125550151");
        Assert.Equal(0, stranger.ExitCode);
        var json = JsonDocument.Parse(stranger.Stdout).RootElement;
        Assert.Equal(["suppression"], json.EnumerateObject().Select(p => p.Name));
        Assert.False(json.GetProperty("suppression").GetProperty("phone").GetBoolean());
    }
}
