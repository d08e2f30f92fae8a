using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Encourage.Hosting;
using Encourage.Subscriptions;
using Encourage.TestSupport;
using Encourage.Web;
using Microsoft.Extensions.Options;

namespace Encourage.Hosts.Tests;

/// <summary>A local host with replies by email on: a reply domain and the Inbound Parse secret.</summary>
public sealed class EmailReplyFixture : HostFixture
{
    public const string ReplyDomain = "reply.encourage.example.net";
    public const string Secret = "test-inbound-parse-secret-0123456789";

    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Encourage:ReplyDomain"] = ReplyDomain,
        ["SendGrid:InboundParseSecret"] = Secret,
        ["Encourage:StorageTimeout"] = "00:00:30",
    };
}

/// <summary>
/// Replying by email, through the real local host: real multipart posts in SendGrid Inbound Parse's shape, to a
/// subscriber confirmed through the real email link, whose tagged Reply-To comes from the welcome email itself.
/// </summary>
public sealed partial class EmailReplyTests(EmailReplyFixture fixture) : IClassFixture<EmailReplyFixture>
{
    private static readonly ContactKeys Keys = new(Options.Create(new EncourageOptions { PublicBaseUrl = TestSettings.PublicBaseUrl, TokenSecret = TestSettings.TokenSecret }));
    private LocalHostProcess Host => fixture.Host;

    [Fact]
    public async Task An_email_only_subscriber_replying_I_texted_him_gets_a_texted_slip_logged_and_an_answer_by_email()
    {
        const string email = "ana-slip@example.org";
        var replyTo = await ConfirmByEmailAsync(email);
        Assert.Matches($"^reply\\+[a-z2-7]{{26}}@{Regex.Escape(EmailReplyFixture.ReplyDomain)}$", replyTo);

        using (var response = await PostAsync(Reply(email, replyTo, "I texted him last night", "Re: Welcome to Encourage, Ana")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var slip = Assert.Single(await RowsAsync(email, "slip|"));
        Assert.Equal("TEXTED", slip.GetString("Kind"));
        Assert.Equal("I texted him last night", slip.GetString("Text")); // the quoted history is not kept
        var answer = (await Host.WaitForOutboxAsync(email, l => l.Any(IsAnswer))).Single(IsAnswer);
        Assert.Equal("Re: Welcome to Encourage, Ana", answer.Subject);
        Assert.Equal(replyTo, answer.Headers!["Reply-To"]);
        Assert.Contains("/api/unsubscribe", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_Message_ID_posted_twice_logs_one_slip_and_sends_one_answer()
    {
        const string email = "ana-twice@example.org";
        var replyTo = await ConfirmByEmailAsync(email);
        var fields = Reply(email, replyTo, "TEXTED");

        for (var i = 0; i < 2; i++)
        {
            using var response = await PostAsync(fields);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Single(await RowsAsync(email, "slip|"));
        Assert.Single(await RowsAsync(email, "inbound|"));
        await Task.Delay(1000);
        Assert.Single(await Host.OutboxAsync(email), IsAnswer);
    }

    [Fact]
    public async Task URGE_by_email_is_answered_by_email_and_checked_back_on_by_email()
    {
        const string email = "ana-urge@example.org";
        var replyTo = await ConfirmByEmailAsync(email);

        using (var response = await PostAsync(Reply(email, replyTo, "URGE"))) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = (await Host.WaitForOutboxAsync(email, l => l.Any(IsAnswer))).Single(IsAnswer);
        Assert.Contains("This wave will pass", answer.Text, StringComparison.Ordinal);

        await Host.AdvanceAsync(0.5); // past the 15-minute check-back, on the dev clock
        var checkback = (await Host.WaitForOutboxAsync(email, l => l.Any(m => m.Channel == "email" && m.Text.Contains("Checking in", StringComparison.Ordinal))))
            .Single(m => m.Text.Contains("Checking in", StringComparison.Ordinal));
        Assert.Equal(replyTo, checkback.Headers!["Reply-To"]);
        Assert.DoesNotContain(await Host.OutboxAsync(email), m => m.Channel != "email");
    }

    [Fact]
    public async Task STOP_by_email_stops_emails_and_says_so_by_email()
    {
        const string email = "ana-stop@example.org";
        var replyTo = await ConfirmByEmailAsync(email);

        using (var response = await PostAsync(Reply(email, replyTo, "STOP"))) Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var profile = await ProfileAsync(email);
        Assert.True(profile.GetBoolean("EmailStopped"));
        Assert.Equal("unsubscribed", profile.GetString("Status"), ignoreCase: true);
        var answer = (await Host.WaitForOutboxAsync(email, l => l.Any(IsAnswer))).Single(IsAnswer);
        Assert.Contains("You won't get any more emails from Encourage", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_From_a_tag_for_someone_else_or_an_unverified_sender_is_answered_200_and_changes_nothing()
    {
        const string email = "ana-forged@example.org", other = "bea-forged@example.org";
        var replyTo = await ConfirmByEmailAsync(email);
        var otherReplyTo = await ConfirmByEmailAsync(other);
        var before = await StateAsync(email);

        var forged = new (string What, Dictionary<string, string> Fields)[]
        {
            ("her From, sent to our plain address", Reply(email, "hello@" + EmailReplyFixture.ReplyDomain, "I texted him")),
            ("her From, a made-up tag", Reply(email, "reply+" + new string('a', 26) + "@" + EmailReplyFixture.ReplyDomain, "I texted him")),
            ("her From, another subscriber's tag", Reply(email, otherReplyTo, "I texted him")),
            ("her tag, a stranger's From", Reply("mallory@example.net", replyTo, "I texted him")),
            ("her tag, another subscriber's From", Reply(other, replyTo, "I texted him")),
            ("her tag and From, SPF failed", Reply(email, replyTo, "I texted him", spf: "fail")),
        };
        foreach (var (what, fields) in forged)
        {
            using var response = await PostAsync(fields);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{what}: {(int)response.StatusCode}");
        }

        await Task.Delay(1000);
        Assert.Equal(before, await StateAsync(email));
        Assert.Empty(await RowsAsync(other, "slip|"));
        Assert.DoesNotContain(await Host.OutboxAsync(other), IsAnswer);
        Assert.Contains("Ignored an email reply from a***@e***", Host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(email, Host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_credentials_get_401_and_a_wrong_secret_403_and_nothing_changes()
    {
        const string email = "ana-auth@example.org";
        var (replyTo, before) = await ConfirmedWithStateAsync(email);
        var fields = Reply(email, replyTo, "I texted him");

        using (var none = await PostAsync(fields, credentials: null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            Assert.Contains("Basic", none.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }
        foreach (var wrong in new[] { "sendgrid:not-the-secret", "sendgrid:" + EmailReplyFixture.Secret[..^1], "sendgrid:", EmailReplyFixture.Secret })
        {
            using var response = await PostAsync(fields, credentials: wrong);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"'{wrong}': {(int)response.StatusCode}");
        }
        using (var bearer = await PostAsync(Multipart(fields), new AuthenticationHeaderValue("Bearer", EmailReplyFixture.Secret)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, bearer.StatusCode);
        }

        await Task.Delay(1000);
        Assert.Equal(before, await StateAsync(email));
    }

    [Fact]
    public async Task An_oversized_or_malformed_post_gets_4xx_and_changes_nothing()
    {
        const string email = "ana-bad@example.org";
        var (replyTo, before) = await ConfirmedWithStateAsync(email);

        var huge = Reply(email, replyTo, "I texted him");
        huge["html"] = new string('x', 300 * 1024);
        using (var response = await PostAsync(huge)) Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);

        // The same, streamed without a Content-Length: the form reader's own limit stops it.
        using (var chunked = await PostAsync(new ChunkedContent(Multipart(huge))))
        {
            Assert.True(chunked.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"chunked: {(int)chunked.StatusCode}");
        }

        var json = new StringContent("""{"from":"ana-bad@example.org","text":"I texted him"}""", Encoding.UTF8, "application/json");
        using (var response = await PostAsync(json)) Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        foreach (var (field, value) in new[] { ("from", ""), ("to", ""), ("envelope", "{not json"), ("from", "not an address") })
        {
            var bad = Reply(email, replyTo, "I texted him");
            if (value.Length == 0) bad.Remove(field); else bad[field] = value;
            using var response = await PostAsync(bad);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field}='{value}': {(int)response.StatusCode}");
        }
        // A second From (another sender's address), sent as a field of its own.
        var twice = Multipart(Reply(email, replyTo, "I texted him"));
        twice.Add(new StringContent("Mallory <mallory@example.net>", Encoding.UTF8), "from");
        using (var response = await PostAsync(twice)) Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        await Task.Delay(1000);
        Assert.Equal(before, await StateAsync(email));
    }

    private static bool IsAnswer(OutboxMessage m) => m.Channel == "email" && (m.Subject ?? "").StartsWith("Re:", StringComparison.Ordinal);

    /// <summary>A confirmed subscriber's Reply-To, and everything a reply could change, as it stands.</summary>
    private async Task<(string ReplyTo, string Before)> ConfirmedWithStateAsync(string email)
    {
        var replyTo = await ConfirmByEmailAsync(email);
        return (replyTo, await StateAsync(email));
    }

    /// <summary>Signs up by email, follows the real confirm link, and returns the welcome email's Reply-To.</summary>
    private async Task<string> ConfirmByEmailAsync(string email)
    {
        using (var response = await Host.SubscribeJsonAsync("", "email", email)) Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var confirm = (await Host.WaitForOutboxAsync(email, l => l.Any(m => m.Channel == "email"))).First(m => m.Channel == "email");
        Assert.False(confirm.Headers!.ContainsKey("Reply-To"), "a confirmation request invites no reply");
        var link = ConfirmLink().Match(confirm.Text);
        Assert.True(link.Success, confirm.Text);
        using (var content = new FormUrlEncodedContent([new("token", HostExtensions.TokenOf(link.Value))]))
        using (var confirmed = await Host.Client.PostAsync("/api/confirm", content))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }
        var welcome = (await Host.WaitForOutboxAsync(email, l => l.Any(m => m.Headers?.ContainsKey("Reply-To") == true), 15)).First(m => m.Headers?.ContainsKey("Reply-To") == true);
        Assert.Contains("You can reply to this email any time", welcome.Text, StringComparison.Ordinal);
        await Task.Delay(1500); // the welcome's delivery is recorded just after it is sent
        return welcome.Headers!["Reply-To"];
    }

    /// <summary>SendGrid Inbound Parse's fields for a reply from Gmail, quoted history and all.</summary>
    private static Dictionary<string, string> Reply(string from, string to, string body, string subject = "Re: Day 3", string spf = "pass") => new()
    {
        ["headers"] = $"Received: by mx.sendgrid.net\r\nMessage-ID: <{Guid.NewGuid():N}@mail.example.org>\r\nFrom: Ana <{from}>\r\nTo: {to}\r\nSubject: {subject}\r\n",
        ["dkim"] = "{@example.org : " + (spf == "pass" ? "pass" : "fail") + "}",
        ["to"] = $"Encourage <{to}>",
        ["from"] = $"Ana <{from}>",
        ["text"] = $"{body}\r\n\r\nOn Mon, 30 Nov 2026 at 09:00, Encourage <{to}> wrote:\r\n> Day 3. Reply URGE any time.\r\n",
        ["html"] = $"<div dir=\"ltr\">{WebUtility.HtmlEncode(body)}</div><blockquote>Day 3.</blockquote>",
        ["sender_ip"] = "209.85.220.41",
        ["envelope"] = $$"""{"to":["{{to}}"],"from":"{{from}}"}""",
        ["attachments"] = "0",
        ["subject"] = subject,
        ["charsets"] = """{"to":"UTF-8","html":"UTF-8","subject":"UTF-8","from":"UTF-8","text":"UTF-8"}""",
        ["SPF"] = spf,
    };

    private static MultipartFormDataContent Multipart(Dictionary<string, string> fields)
    {
        var content = new MultipartFormDataContent();
        foreach (var (k, v) in fields) content.Add(new StringContent(v, Encoding.UTF8), k);
        return content;
    }

    private Task<HttpResponseMessage> PostAsync(Dictionary<string, string> fields, string? credentials = "sendgrid:" + EmailReplyFixture.Secret) =>
        PostAsync(Multipart(fields), credentials is null ? null : Basic(credentials));

    private Task<HttpResponseMessage> PostAsync(HttpContent content) => PostAsync(content, Basic("sendgrid:" + EmailReplyFixture.Secret));

    private async Task<HttpResponseMessage> PostAsync(HttpContent content, AuthenticationHeaderValue? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Routes.SendGridInbound) { Content = content };
        request.Headers.Authorization = authorization;
        return await Host.Client.SendAsync(request);
    }

    private static AuthenticationHeaderValue Basic(string credentials) => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));

    private TableClient Subscribers => new(Azurite.ConnectionString, Host.Prefix + "Subscribers");

    private async Task<List<TableEntity>> RowsAsync(string email, string prefix)
    {
        var id = Keys.ForEmail(email);
        var rows = new List<TableEntity>();
        await foreach (var row in Subscribers.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + "}"}")))
        {
            rows.Add(row);
        }
        return rows;
    }

    private async Task<TableEntity> ProfileAsync(string email) =>
        (await Subscribers.GetEntityAsync<TableEntity>(Keys.ForEmail(email), Subscriber.ProfileRowKey)).Value;

    /// <summary>Everything a reply could change: the partition's rows (with their ETags) and the address's outbox.</summary>
    private async Task<string> StateAsync(string email)
    {
        var rows = new List<string>();
        await foreach (var row in Subscribers.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Keys.ForEmail(email)}")))
        {
            rows.Add(row.RowKey + "@" + row.ETag);
        }
        var outbox = (await Host.OutboxAsync(email)).Select(m => m.Channel + ":" + m.Subject);
        return string.Join("\n", rows.Order(StringComparer.Ordinal)) + "\n--\n" + string.Join("\n", outbox);
    }

    [GeneratedRegex(@"https?://[^\s)""<>]+/api/confirm\?token=[A-Za-z0-9_\-\.%]+")]
    private static partial Regex ConfirmLink();

    /// <summary>The same body with no Content-Length, as a client streaming it would send.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly HttpContent inner;

        public ChunkedContent(HttpContent inner)
        {
            this.inner = inner;
            Headers.ContentType = inner.Headers.ContentType;
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => await inner.CopyToAsync(stream);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
