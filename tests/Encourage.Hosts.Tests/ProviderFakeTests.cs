using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Encourage.TestSupport;
using Microsoft.AspNetCore.WebUtilities;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace Encourage.Hosts.Tests;

/// <summary>The local host in Production mode, sending through the real Twilio and SendGrid SDKs to a WireMock fake.</summary>
public sealed class ProviderFakeFixture : HostFixture
{
    public const string AccountSid = TestSettings.TwilioAccountSid;
    public const string FromNumber = "+12125550199";
    public const string MessagesPath = "/2010-04-01/Accounts/" + AccountSid + "/Messages.json";
    private int _sids;

    public WireMockServer Fake { get; } = WireMockServer.Start();
    public ECDsa EventKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>Every SID the fake Twilio handed out, with the number it was for.</summary>
    public List<(string Sid, string To)> Sids { get; } = [];

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Encourage:Mode"] = "Production",
        ["Twilio:AccountSid"] = AccountSid,
        ["Twilio:AuthToken"] = TestSettings.TwilioAuthToken,
        ["Twilio:FromNumber"] = FromNumber,
        ["Twilio:ApiBaseUrl"] = Fake.Url,
        ["SendGrid:ApiKey"] = "SG.test",
        ["SendGrid:FromEmail"] = "hello@encourage.example.net",
        ["SendGrid:ApiHost"] = Fake.Url,
        ["SendGrid:EventWebhookPublicKey"] = Convert.ToBase64String(EventKey.ExportSubjectPublicKeyInfo()),
        // Replies by email on, as in production: the secret is then required.
        ["Encourage:ReplyDomain"] = "reply.encourage.example.net",
        ["SendGrid:InboundParseSecret"] = "provider-fake-inbound-parse-secret-0123",
    };

    public override async Task InitializeAsync()
    {
        Fake.Given(Request.Create().WithPath(MessagesPath).UsingPost())
            .RespondWith(Response.Create().WithCallback(request =>
            {
                var sid = "SM" + Interlocked.Increment(ref _sids).ToString("D32", System.Globalization.CultureInfo.InvariantCulture);
                var to = QueryHelpers.ParseQuery(request.Body ?? "")["To"].ToString();
                lock (Sids) Sids.Add((sid, to));
                return new ResponseMessage
                {
                    StatusCode = 201,
                    Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
                    BodyData = new BodyData
                    {
                        DetectedBodyType = BodyType.String,
                        BodyAsString = JsonSerializer.Serialize(new { sid, status = "queued", to, from = FromNumber, account_sid = AccountSid }),
                    },
                };
            }));
        Fake.Given(Request.Create().WithPath("/v3/mail/send").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(202).WithHeader("X-Message-Id", "fake-message-id"));
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Fake.Stop();
        Fake.Dispose();
        EventKey.Dispose();
    }

    public List<Dictionary<string, string>> TwilioRequests(string to) =>
        Fake.LogEntries.Where(e => e.RequestMessage.Path == MessagesPath)
            .Select(e => QueryHelpers.ParseQuery(e.RequestMessage.Body ?? "").ToDictionary(kv => kv.Key, kv => kv.Value.ToString()))
            .Where(f => f.GetValueOrDefault("To") == to)
            .ToList();

    public List<JsonElement> SendGridRequests(string to) =>
        Fake.LogEntries.Where(e => e.RequestMessage.Path == "/v3/mail/send")
            .Select(e => JsonDocument.Parse(e.RequestMessage.Body ?? "{}").RootElement.Clone())
            .Where(j => j.GetProperty("personalizations")[0].GetProperty("to").EnumerateArray().Any(t => t.GetProperty("email").GetString() == to))
            .ToList();
}

public sealed partial class ProviderFakeTests(ProviderFakeFixture fixture) : IClassFixture<ProviderFakeFixture>
{
    private LocalHostProcess Host => fixture.Host;

    private static async Task<T> WaitAsync<T>(Func<T> read, Func<T, bool> done, string what, double seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) Assert.Fail("Timed out waiting for " + what);
            await Task.Delay(250);
        }
    }

    /// <summary>A mail field, at the top level or in the first personalization (the SDK may put it either place).</summary>
    private static JsonElement Mail(JsonElement mail, string name)
    {
        if (mail.TryGetProperty(name, out var top)) return top;
        Assert.True(mail.GetProperty("personalizations")[0].TryGetProperty(name, out var p), $"no {name} in {mail}");
        return p;
    }

    private static string Content(JsonElement mail, string type) =>
        mail.GetProperty("content").EnumerateArray().Single(c => c.GetProperty("type").GetString() == type).GetProperty("value").GetString()!;

    [Fact]
    public async Task Both_channels_go_through_the_providers_and_a_carrier_opt_out_stops_only_sms()
    {
        const string phone = "+12125550130";
        const string email = "ana.130@example.com";
        using (var subscribe = await Host.SubscribeJsonAsync(phone, "both", email))
        {
            Assert.Equal(HttpStatusCode.Accepted, subscribe.StatusCode);
        }

        // The confirmation text, as Twilio receives it.
        var sms = await WaitAsync(() => fixture.TwilioRequests(phone), l => l.Count >= 1, "the confirmation SMS");
        var confirmSms = Assert.Single(sms);
        Assert.Equal(ProviderFakeFixture.FromNumber, confirmSms["From"]);
        Assert.Contains("YES", confirmSms["Body"], StringComparison.Ordinal);
        Assert.Equal(TestSettings.PublicBaseUrl + "/api/twilio/status", confirmSms["StatusCallback"]);

        // The confirmation email carries a confirm link.
        var mails = await WaitAsync(() => fixture.SendGridRequests(email), l => l.Count >= 1, "the confirmation email");
        var confirmText = Content(mails[0], "text/plain") + Content(mails[0], "text/html");
        var confirmLink = ConfirmLink().Match(confirmText);
        Assert.True(confirmLink.Success, "No confirm link in: " + confirmText);
        var confirmPath = new Uri(WebUtility.HtmlDecode(confirmLink.Value)).PathAndQuery;

        // YES by text: the welcome SMS.
        using (var yes = await Host.PostInboundAsync(phone, "YES")) Assert.Equal(HttpStatusCode.OK, yes.StatusCode);
        sms = await WaitAsync(() => fixture.TwilioRequests(phone), l => l.Any(f => f["Body"].Contains("Welcome", StringComparison.Ordinal)), "the welcome SMS");
        var welcomeSms = sms.Single(f => f["Body"].Contains("Welcome", StringComparison.Ordinal));
        Assert.Contains("Msg & data rates may apply", welcomeSms["Body"], StringComparison.Ordinal);
        Assert.Contains(TestSettings.PublicBaseUrl + "/api/unsubscribe?token=", welcomeSms["Body"], StringComparison.Ordinal);
        Assert.Equal(TestSettings.PublicBaseUrl + "/api/twilio/status", welcomeSms["StatusCallback"]);

        // The email link: GET only shows a page, POST confirms.
        using (var page = await Host.Client.GetAsync(confirmPath))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("<button", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }
        await Task.Delay(1500);
        Assert.Single(fixture.SendGridRequests(email));
        var token = Uri.UnescapeDataString(confirmPath[(confirmPath.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
        using (var post = await Host.Client.PostAsync("/api/confirm", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token })))
        {
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        }
        mails = await WaitAsync(() => fixture.SendGridRequests(email), l => l.Count >= 2, "the welcome email");
        var welcome = mails[^1];
        Assert.Equal("hello@encourage.example.net", welcome.GetProperty("from").GetProperty("email").GetString());
        Assert.Contains("Welcome", Mail(welcome, "subject").GetString(), StringComparison.Ordinal);
        var html = Content(welcome, "text/html");
        Assert.False(string.IsNullOrWhiteSpace(Content(welcome, "text/plain")));
        Assert.Matches(@"<a [^>]*href=""https://encourage\.example\.net/api/unsubscribe\?token=[^""]+""", html);
        // The shared email layout, through the real SendGrid SDK: the postal address in both parts, the dark-mode sheet kept.
        Assert.Contains(TestSettings.PostalAddress, html, StringComparison.Ordinal);
        Assert.Contains(TestSettings.PostalAddress, Content(welcome, "text/plain"), StringComparison.Ordinal);
        Assert.Contains("id=\"email-media\"", html, StringComparison.Ordinal);
        var headers = Mail(welcome, "headers");
        Assert.StartsWith("<https://encourage.example.net/api/unsubscribe?token=", headers.GetProperty("List-Unsubscribe").GetString(), StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", headers.GetProperty("List-Unsubscribe-Post").GetString());
        // Replies come back to the subscriber's own tagged address, and the email says they may reply.
        Assert.Matches(@"^reply\+[a-z2-7]{26}@reply\.encourage\.example\.net$", welcome.GetProperty("reply_to").GetProperty("email").GetString());
        Assert.Contains("You can reply to this email any time", Content(welcome, "text/plain"), StringComparison.Ordinal);
        var customArgs = Mail(welcome, "custom_args");
        // The email contact is its own profile ("e..."), apart from the number's ("p...").
        Assert.StartsWith("e", customArgs.GetProperty("subscriber").GetString(), StringComparison.Ordinal);
        Assert.NotEmpty(welcome.GetProperty("categories").EnumerateArray());

        // The next day both channels get a message.
        var smsBefore = fixture.TwilioRequests(phone).Count;
        var mailBefore = fixture.SendGridRequests(email).Count;
        await Host.AdvanceAsync(24);
        await WaitAsync(() => (fixture.TwilioRequests(phone).Count, fixture.SendGridRequests(email).Count), c => c.Item1 > smsBefore && c.Item2 > mailBefore, "the first daily messages");

        // The carrier says the number opted out: texts stop, emails go on.
        string sid;
        lock (fixture.Sids) sid = fixture.Sids.Last(s => s.To == phone).Sid;
        using (var status = await Host.PostSignedFormAsync("/api/twilio/status", TwilioFields.Status(sid, "undelivered", "21610", phone)))
        {
            Assert.True(status.IsSuccessStatusCode, $"status callback answered {(int)status.StatusCode}");
        }
        smsBefore = fixture.TwilioRequests(phone).Count;
        mailBefore = fixture.SendGridRequests(email).Count;
        await Host.AdvanceAsync(24);
        await WaitAsync(() => fixture.SendGridRequests(email).Count, c => c > mailBefore, "the next daily email");
        await Task.Delay(1500);
        Assert.Equal(smsBefore, fixture.TwilioRequests(phone).Count);
    }

    [Fact]
    public async Task Twilio_status_callback_must_be_signed()
    {
        using var forged = await Host.PostSignedFormAsync("/api/twilio/status", TwilioFields.Status(TwilioFields.NewSid(), "undelivered", "21610"), signature: "Zm9yZ2Vk");
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
    }

    private HttpRequestMessage Events(string body, long timestamp, string? signature = null)
    {
        signature ??= Convert.ToBase64String(fixture.EventKey.SignData(
            Encoding.UTF8.GetBytes(timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture) + body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/sendgrid/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Twilio-Email-Event-Webhook-Signature", signature);
        request.Headers.Add("X-Twilio-Email-Event-Webhook-Timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return request;
    }

    private async Task<long> HostNowAsync()
    {
        var clock = await Host.Client.GetFromJsonAsync<JsonElement>("/dev/clock");
        return clock.GetProperty("utc").GetDateTimeOffset().ToUnixTimeSeconds();
    }

    [Fact]
    public async Task SendGrid_event_batches_are_verified()
    {
        var now = await HostNowAsync();
        var body = $$"""[{"email":"nobody.131@example.com","timestamp":{{now}},"event":"delivered","subscriber":"p00000000000000000000000000000000","sg_event_id":"e1"}]""";

        using (var signed = Events(body, now))
        using (var ok = await Host.Client.SendAsync(signed))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var forgedSignature = Convert.ToBase64String(otherKey.SignData(Encoding.UTF8.GetBytes(now + body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        using (var forgedRequest = Events(body, now, forgedSignature))
        using (var forged = await Host.Client.SendAsync(forgedRequest))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        }

        // A genuine signature over a body that was then changed.
        var tampered = Events(body, now);
        tampered.Content = new StringContent(body.Replace("delivered", "bounce", StringComparison.Ordinal), Encoding.UTF8, "application/json");
        using (tampered)
        using (var changed = await Host.Client.SendAsync(tampered))
        {
            Assert.Equal(HttpStatusCode.Forbidden, changed.StatusCode);
        }

        using (var staleRequest = Events(body, now - 3600))
        using (var stale = await Host.Client.SendAsync(staleRequest))
        {
            Assert.Equal(HttpStatusCode.Forbidden, stale.StatusCode);
        }

        using (var unsignedRequest = new HttpRequestMessage(HttpMethod.Post, "/api/sendgrid/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") })
        using (var unsigned = await Host.Client.SendAsync(unsignedRequest))
        {
            Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
        }
    }

    [GeneratedRegex(@"https://encourage\.example\.net/api/confirm\?token=[A-Za-z0-9_\-\.%]+")]
    private static partial Regex ConfirmLink();
}
