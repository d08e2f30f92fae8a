using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Encourage.Replies;
using Encourage.TestSupport;
using Encourage.Web;
using static Encourage.Hosts.Tests.Hostile.Hostile;

namespace Encourage.Hosts.Tests.Hostile;

/// <summary>A development host (local outbox) that also verifies SendGrid's signed events, with a known SMS subscriber.</summary>
public sealed class HostileAuthFixture : HostileFixture
{
    public ECDsa EventKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["SendGrid:EventWebhookPublicKey"] = Convert.ToBase64String(EventKey.ExportSubjectPublicKeyInfo()),
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        EventKey.Dispose();
    }
}

/// <summary>
/// Nobody gets in without the right signature or token: Twilio signatures over other fields, SendGrid batches
/// replayed after the tolerance, someone else's unsubscribe link, a link altered by one character.
/// (Forged, unsigned and wrong-URL Twilio signatures and a forged or stale SendGrid batch are in InboundTests and
/// ProviderFakeTests; these extend them.)
/// </summary>
public sealed class HostileAuthTests(HostileAuthFixture fixture) : IClassFixture<HostileAuthFixture>
{
    private LocalHostProcess Host => fixture.Host;

    private static FormUrlEncodedContent OneClick() => new(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" });

    [Fact]
    public async Task Twilio_inbound_signed_over_other_fields_is_403_and_stores_nothing()
    {
        var before = await SnapshotAsync(Host);
        var phone = HostileFixture.KnownPhone;
        var signed = TwilioFields.Inbound(phone, "STATUS", TwilioFields.NewSid());

        // The body changed after signing.
        var changedBody = new Dictionary<string, string>(signed) { ["Body"] = "STOP" };
        // Another sender's number swapped in.
        var changedFrom = new Dictionary<string, string>(signed) { ["From"] = "+12125550169", ["Body"] = "JOIN" };
        // A field added (Twilio signs every field it sends), and one taken away.
        var added = new Dictionary<string, string>(signed) { ["OptOutType"] = "STOP" };
        var removed = signed.Where(kv => kv.Key != "NumMedia").ToDictionary();

        foreach (var (what, sent) in new[] { ("changed Body", changedBody), ("changed From", changedFrom), ("added field", added), ("removed field", removed) })
        {
            using var r = await PostTwilioAsync(Host, Routes.TwilioInbound, signed, sent);
            Assert.True(r.StatusCode == HttpStatusCode.Forbidden, $"{what} answered {(int)r.StatusCode}");
        }

        var stop = TwilioFields.Inbound(phone, "STOP", TwilioFields.NewSid());
        var signatures = new (string What, string Signature)[]
        {
            ("another auth token", TwilioSignature.Sign("not-the-auth-token", TestSettings.PublicBaseUrl + Routes.TwilioInbound, stop)),
            ("the host's own URL", TwilioSignature.Sign(TestSettings.TwilioAuthToken, Host.BaseAddress.ToString().TrimEnd('/') + Routes.TwilioInbound, stop)),
            ("http, not https", TwilioSignature.Sign(TestSettings.TwilioAuthToken, TestSettings.PublicBaseUrl.Replace("https", "http", StringComparison.Ordinal) + Routes.TwilioInbound, stop)),
            ("a query Twilio did not call", TwilioSignature.Sign(TestSettings.TwilioAuthToken, TestSettings.PublicBaseUrl + Routes.TwilioInbound + "?x=1", stop)),
            ("hex, not base64", Convert.ToHexString(Convert.FromBase64String(TwilioSignature.Sign(TestSettings.TwilioAuthToken, TestSettings.PublicBaseUrl + Routes.TwilioInbound, stop)))),
            ("empty", ""),
            ("its last character cut", TwilioSignature.Sign(TestSettings.TwilioAuthToken, TestSettings.PublicBaseUrl + Routes.TwilioInbound, stop)[..^2] + "="),
        };
        foreach (var (what, signature) in signatures)
        {
            using var r = await PostTwilioAsync(Host, Routes.TwilioInbound, stop, signature: signature);
            Assert.True(r.StatusCode == HttpStatusCode.Forbidden, $"signature with {what} answered {(int)r.StatusCode}");
        }

        // Two signature headers, one of them right.
        using (var request = new HttpRequestMessage(HttpMethod.Post, Routes.TwilioInbound) { Content = new FormUrlEncodedContent(stop) })
        {
            request.Headers.TryAddWithoutValidation("X-Twilio-Signature", ["Zm9yZ2Vk", TwilioSignature.Sign(TestSettings.TwilioAuthToken, TestSettings.PublicBaseUrl + Routes.TwilioInbound, stop)]);
            using var r = await Host.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        }

        await Task.Delay(500);
        Assert.Equal(before, await SnapshotAsync(Host));
        await AssertKnownSubscriberActiveAsync(Host);
    }

    [Fact]
    public async Task Twilio_status_signed_over_other_fields_is_403_and_stores_nothing()
    {
        var before = await SnapshotAsync(Host);
        var sid = TwilioFields.NewSid();
        var signed = TwilioFields.Status(sid, "delivered", to: HostileFixture.KnownPhone);

        // The right signature over these exact fields is accepted (an unknown SID: nothing to record).
        using (var ok = await PostTwilioAsync(Host, Routes.TwilioStatus, signed))
        {
            Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        }
        var optOut = new Dictionary<string, string>(signed) { ["MessageStatus"] = "undelivered", ["SmsStatus"] = "undelivered", ["ErrorCode"] = "21610" };
        var otherSid = new Dictionary<string, string>(signed) { ["MessageSid"] = TwilioFields.NewSid() };
        foreach (var (what, sent) in new[] { ("an opt-out swapped in", optOut), ("another MessageSid", otherSid) })
        {
            using var r = await PostTwilioAsync(Host, Routes.TwilioStatus, signed, sent);
            Assert.True(r.StatusCode == HttpStatusCode.Forbidden, $"{what} answered {(int)r.StatusCode}");
        }
        // Inbound's signature replayed against the status route.
        var inbound = TwilioFields.Inbound(HostileFixture.KnownPhone, "STOP", TwilioFields.NewSid());
        using (var request = new HttpRequestMessage(HttpMethod.Post, Routes.TwilioStatus) { Content = new FormUrlEncodedContent(inbound) })
        {
            request.Headers.Add("X-Twilio-Signature", TwilioSignature.Sign(TestSettings.TwilioAuthToken, TestSettings.PublicBaseUrl + Routes.TwilioInbound, inbound));
            using var r = await Host.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        }
        using (var forged = await PostTwilioAsync(Host, Routes.TwilioStatus, optOut, signature: "Zm9yZ2Vk"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        }

        await Task.Delay(500);
        Assert.Equal(before, await SnapshotAsync(Host));
        await AssertKnownSubscriberActiveAsync(Host);
    }

    private HttpRequestMessage Events(string body, long signedAt, long? sentTimestamp = null)
    {
        var signature = Convert.ToBase64String(fixture.EventKey.SignData(
            Encoding.UTF8.GetBytes(signedAt.ToString(System.Globalization.CultureInfo.InvariantCulture) + body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        var request = new HttpRequestMessage(HttpMethod.Post, Routes.SendGridEvents) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Twilio-Email-Event-Webhook-Signature", signature);
        request.Headers.Add("X-Twilio-Email-Event-Webhook-Timestamp", (sentTimestamp ?? signedAt).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return request;
    }

    private async Task<long> HostNowAsync()
    {
        using var doc = JsonDocument.Parse(await Host.Client.GetStringAsync("/dev/clock"));
        return doc.RootElement.GetProperty("utc").GetDateTimeOffset().ToUnixTimeSeconds();
    }

    /// <summary>The profile id of an email address, as the operator CLI shows it (link tokens are opaque).</summary>
    private async Task<string> SubscriberIdOfAsync(string email)
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(Host.Prefix, "subscriber", "show", "--email", email);
        Assert.True(code == 0, stderr);
        return JsonDocument.Parse(stdout).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Signs <paramref name="email"/> up, confirms it by its link and waits for the welcome; returns its profile id.</summary>
    private async Task<string> ConfirmedEmailSubscriberAsync(string email)
    {
        using (var r = await Host.SubscribeJsonAsync("", channel: "email", email: email)) Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        var confirmation = (await Host.WaitForOutboxAsync(email, l => l.Count("email") >= 1)).First(m => m.Channel == "email");
        var confirmPath = new Uri(System.Text.RegularExpressions.Regex.Match(confirmation.Text, @"https://\S+/api/confirm\?token=[A-Za-z0-9_\-\.%]+").Value).PathAndQuery;
        using (var c = await Host.Client.PostAsync(confirmPath, new FormUrlEncodedContent([]))) Assert.Equal(HttpStatusCode.OK, c.StatusCode);
        await Host.WaitForOutboxAsync(email, l => l.Count("email") >= 2);
        var id = await SubscriberIdOfAsync(email);
        return id;
    }

    /// <summary>Email failures counted on the days the host's clock has reached (the operator's own figure).</summary>
    private async Task<int> EmailFailedAsync()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(Host.Prefix, "stats", "--days", "7");
        Assert.True(code == 0, stderr);
        return JsonDocument.Parse(stdout).RootElement.GetProperty("daily").EnumerateArray().Sum(d => d.GetProperty("emailFailed").GetInt32());
    }

    /// <summary>
    /// Issue 20, finding 16: a signed, fresh batch replayed inside SendGrid's window is acted on once per event, and a
    /// bounce stops emails only for the address it is about: a custom argument naming someone else's profile, on an
    /// event for the sender's own address, stops nobody.
    /// </summary>
    [Fact]
    public async Task A_SendGrid_event_replayed_in_the_window_counts_once_and_a_bounce_for_another_address_stops_nobody()
    {
        const string email = "hostile.victim@example.com";
        var id = await ConfirmedEmailSubscriberAsync(email);

        // The same signed batch (one "dropped" event) three times inside the window: answered 200 each time, counted once.
        var failedBefore = await EmailFailedAsync();
        var now = await HostNowAsync();
        var dropped = $$"""[{"email":"{{email}}","timestamp":{{now}},"event":"dropped","subscriber":"{{id}}","entry":"1","sg_event_id":"replay-{{now}}"}]""";
        for (var i = 0; i < 3; i++)
        {
            using var request = Events(dropped, now);
            using var r = await Host.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }
        Assert.Equal(failedBefore + 1, await EmailFailedAsync());

        // A bounce and a spam report for the sender's own address, carrying her profile id as the custom argument.
        var at = await HostNowAsync();
        var forged = $$"""
            [{"email":"attacker@example.net","timestamp":{{at}},"event":"bounce","subscriber":"{{id}}","entry":"1","sg_event_id":"forged-b-{{at}}"},
             {"email":"attacker@example.net","timestamp":{{at}},"event":"spamreport","subscriber":"{{id}}","entry":"1","sg_event_id":"forged-s-{{at}}"}]
            """;
        using (var request = Events(forged, at))
        using (var r = await Host.Client.SendAsync(request))
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }

        // She is still subscribed: the next day's email comes.
        var count = (await Host.OutboxAsync(email)).Count("email");
        await Host.AdvanceAsync(24);
        await Host.WaitForOutboxAsync(email, l => l.Count("email") > count);
    }

    [Fact]
    public async Task A_SendGrid_bounce_replayed_after_the_tolerance_is_403_and_stops_nothing()
    {
        const string email = "hostile.replay@example.com";
        var id = await ConfirmedEmailSubscriberAsync(email);

        var now = await HostNowAsync();
        var tolerance = (long)Encourage.Feedback.DeliveryFeedback.SendGridTimestampTolerance.TotalSeconds;
        string Bounce(long at) => $$"""[{"email":"{{email}}","timestamp":{{at}},"event":"bounce","subscriber":"{{id}}","entry":"1","sg_event_id":"b{{at}}"}]""";

        var attempts = new (string What, Func<HttpRequestMessage> Make)[]
        {
            ("a batch signed 11 minutes ago (replayed)", () => Events(Bounce(now - tolerance - 60), now - tolerance - 60)),
            ("a batch dated 11 minutes ahead", () => Events(Bounce(now + tolerance + 60), now + tolerance + 60)),
            ("an old batch re-dated to now", () => Events(Bounce(now - 3600), now - 3600, sentTimestamp: now)),
            ("a negative timestamp", () => Events(Bounce(now), -1)),
            ("a timestamp past year 9999", () => Events(Bounce(now), 99999999999999)),
        };
        var before = await SnapshotAsync(Host);
        foreach (var (what, make) in attempts)
        {
            using var request = make();
            using var r = await Host.Client.SendAsync(request);
            Assert.True(r.StatusCode == HttpStatusCode.Forbidden, $"{what} answered {(int)r.StatusCode}");
        }
        await Task.Delay(500);
        Assert.Equal(before, await SnapshotAsync(Host));

        // Still subscribed: the next day's email comes.
        var count = (await Host.OutboxAsync(email)).Count("email");
        await Host.AdvanceAsync(24);
        count = (await Host.WaitForOutboxAsync(email, l => l.Count("email") > count)).Count("email");

        // The same bounce, freshly signed, is taken and stops email: the refusals above were the signature's doing.
        var fresh = await HostNowAsync();
        using (var request = Events(Bounce(fresh), fresh))
        using (var r = await Host.Client.SendAsync(request))
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }
        await Host.AdvanceAsync(24);
        await Task.Delay(1500);
        Assert.Equal(count, (await Host.OutboxAsync(email)).Count("email"));
    }

    [Fact]
    public async Task Someone_elses_unsubscribe_link_unsubscribes_only_them()
    {
        const string caller = "+12125550165", other = "+12125550166";
        await Host.SubscribeAndConfirmSmsAsync(caller);
        var otherToken = HostExtensions.TokenOf(HostExtensions.UnsubscribeLink((await Host.SubscribeAndConfirmSmsAsync(other)).Text));

        // The caller posts the other's link, from the caller's "session" (there is none: the token is all that counts).
        using (var r = await Host.Client.PostAsync("/api/unsubscribe?token=" + Uri.EscapeDataString(otherToken), OneClick()))
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }

        var callerCount = (await Host.OutboxAsync(caller)).Count("sms");
        var otherCount = (await Host.OutboxAsync(other)).Count("sms");
        await Host.AdvanceAsync(24);
        await Host.WaitForOutboxAsync(caller, l => l.Count("sms") > callerCount);
        await Task.Delay(1000);
        Assert.Equal(otherCount, (await Host.OutboxAsync(other)).Count("sms"));

        using (var status = await Host.PostInboundAsync(caller, "STATUS"))
        {
            Assert.Contains(await status.TwimlAsync(), r => r.Contains("Days since you contacted", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_link_altered_by_one_character_is_400_with_a_page_that_reveals_nothing()
    {
        const string a = "+12125550167", b = "+12125550168";
        var tokenA = HostExtensions.TokenOf(HostExtensions.UnsubscribeLink((await Host.SubscribeAndConfirmSmsAsync(a)).Text));
        var tokenB = HostExtensions.TokenOf(HostExtensions.UnsubscribeLink((await Host.SubscribeAndConfirmSmsAsync(b)).Text));
        var before = await SnapshotAsync(Host);

        static string Alter(string token, int at)
        {
            var chars = token.ToCharArray();
            chars[at] = chars[at] == 'x' ? 'y' : 'x';
            return new string(chars);
        }
        // A real subscriber's token altered, another real subscriber's, a token for nobody, and garbage.
        var nobody = Alter("VW5zdWJzY3JpYmV8cDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDB8U21z.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 3);
        var bad = new[] { Alter(tokenA, 5), Alter(tokenA, tokenA.Length - 2), Alter(tokenB, 5), nobody, "garbage" };

        var bodies = new HashSet<string>();
        foreach (var token in bad)
        {
            foreach (var route in new[] { Routes.Unsubscribe, Routes.Confirm })
            {
                using var get = await Host.Client.GetAsync($"{route}?token={Uri.EscapeDataString(token)}");
                Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
                bodies.Add(route + "\n" + await get.Content.ReadAsStringAsync());
                using var post = await Host.Client.PostAsync($"{route}?token={Uri.EscapeDataString(token)}", OneClick());
                Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
                bodies.Add(route + "\n" + await post.Content.ReadAsStringAsync());
            }
        }
        // One page per route, whoever the token was (nearly) for.
        Assert.Equal(2, bodies.Count);
        Assert.Equal(bodies.First()[(bodies.First().IndexOf('\n') + 1)..], bodies.Last()[(bodies.Last().IndexOf('\n') + 1)..]);
        foreach (var page in bodies)
        {
            Assert.DoesNotContain("Ana", page, StringComparison.Ordinal);
            Assert.DoesNotContain("0167", page, StringComparison.Ordinal);
            Assert.DoesNotContain("0168", page, StringComparison.Ordinal);
        }

        await Task.Delay(500);
        Assert.Equal(before, await SnapshotAsync(Host));
    }
}

/// <summary>The dashboard is the one HTTP function behind a key; every other one checks a signature or token itself.</summary>
public sealed class HostileFunctionsMetadataTests(FunctionsMetadataFixture fixture) : IClassFixture<FunctionsMetadataFixture>
{
    [Fact]
    public void Only_the_dashboard_needs_a_function_key_and_no_route_is_admin_level_or_anonymous_by_accident()
    {
        var http = fixture.Functions.EnumerateArray()
            .Select(f => (Name: f.GetProperty("name").GetString()!, Trigger: f.GetProperty("bindings").EnumerateArray()
                .FirstOrDefault(b => string.Equals(b.GetProperty("type").GetString(), "httpTrigger", StringComparison.OrdinalIgnoreCase))))
            .Where(f => f.Trigger.ValueKind == JsonValueKind.Object)
            .ToDictionary(f => f.Name, f => f.Trigger.GetProperty("authLevel").GetString()!.ToLowerInvariant());

        Assert.Equal("function", http["AdminDashboard"]);
        // Anonymous, because each checks for itself: Twilio's signature, SendGrid's ECDSA or the Inbound Parse secret, a
        // link token, or public pages.
        string[] selfChecked = ["Confirm", "Manage", "MyData", "Privacy", "SendGridEvents", "SendGridInbound", "Signup", "Subscribe", "Terms", "TwilioInbound", "TwilioStatus", "Unsubscribe"];
        Assert.Equal(selfChecked, http.Where(kv => kv.Value == "anonymous").Select(kv => kv.Key).Order().ToArray());
        Assert.Equal(selfChecked.Length + 1, http.Count);
    }
}
