using System.Net;
using Encourage.TestSupport;
using Encourage.Web;
using static Encourage.Hosts.Tests.Hostile.Hostile;

namespace Encourage.Hosts.Tests.Hostile;

/// <summary>
/// Every route in <see cref="Routes.All"/> against requests no honest client sends: each is a clear 4xx, never a
/// 5xx, and leaves the outbox, the counters and the known subscriber exactly as they were.
/// </summary>
public sealed class HostileRequestTests(HostileFixture fixture) : IClassFixture<HostileFixture>
{
    private LocalHostProcess Host => fixture.Host;

    private static readonly string[] PostRoutes = Routes.All.Where(r => r.Methods.Contains("POST")).Select(r => r.Route).ToArray();

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using (request) return await Host.Client.SendAsync(request);
    }

    private async Task UnchangedAsync(string before)
    {
        await Task.Delay(500); // anything queued by mistake would have reached the outbox by now
        var after = await SnapshotAsync(Host);
        var at = Enumerable.Range(0, Math.Min(before.Length, after.Length)).FirstOrDefault(i => before[i] != after[i]);
        Assert.True(before == after, "What changed:\n" + after[Math.Max(0, at - 200)..Math.Min(after.Length, at + 600)]);
        await AssertKnownSubscriberActiveAsync(Host);
    }

    [Fact]
    public async Task Wrong_methods_are_405_on_every_route()
    {
        var before = await SnapshotAsync(Host);
        foreach (var (route, methods) in Routes.All)
        {
            foreach (var method in new[] { "GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS" }.Except(methods))
            {
                var content = method is "GET" or "OPTIONS" ? null : Form([new("token", "x")]);
                using var response = await SendAsync(Request(method, route, content));
                Assert.True(response.StatusCode == HttpStatusCode.MethodNotAllowed, $"{method} {route} answered {(int)response.StatusCode}");
            }
            using var head = await SendAsync(Request("HEAD", route));
            Assert4xx(head, "HEAD " + route);
        }
        await UnchangedAsync(before);
    }

    [Fact]
    public async Task Wrong_content_types_are_refused_on_every_post_route()
    {
        var before = await SnapshotAsync(Host);
        var bodies = new (string Body, string? Type)[]
        {
            ("firstName=Ana&phone=%2B12125550161&channel=sms", "text/plain"),
            ("<Response><Body>STOP</Body></Response>", "application/xml"),
            ("--b\r\nContent-Disposition: form-data; name=\"phone\"\r\n\r\n+12125550161\r\n--b--\r\n", "multipart/form-data; boundary=b"),
            ("\u0000\u0001\u0002", "application/octet-stream"),
            ("phone=%2B12125550161", null),
            ("{\"phone\":\"+12125550161\",\"From\":\"+12125550160\",\"Body\":\"STOP\"}", "application/json"),
            ("phone=%2B12125550161", "application/x-www-form-urlencodedX"),
        };
        foreach (var route in PostRoutes)
        {
            foreach (var (body, type) in bodies)
            {
                if (route == Routes.Subscribe && type == "application/json") continue; // JSON is a sign-up's own type (and 400 for these fields)
                using var response = await SendAsync(Request("POST", route, Raw(body, type)));
                Assert4xx(response, $"POST {route} as {type ?? "(none)"}");
            }
        }
        await UnchangedAsync(before);
    }

    [Fact]
    public async Task Missing_and_malformed_fields_are_400()
    {
        var before = await SnapshotAsync(Host);
        foreach (var json in new[] { "", "{}", "[]", "null", "\"x\"", "{\"firstName\":1}", "{\"phone\":{\"$ne\":null}}", "{\"phone\":[\"+12125550161\"]}", "{", "{\"firstName\":\"Ana\",}", "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":1}}}}}" })
        {
            using var r = await SendAsync(Request("POST", Routes.Subscribe, Raw(json, "application/json")));
            Assert.True(r.StatusCode == HttpStatusCode.BadRequest, $"subscribe {json} answered {(int)r.StatusCode}");
        }
        using (var r = await SendAsync(Request("POST", Routes.Subscribe, Form([]))))
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        }
        // A date far in the future with a zone that does not exist (this once overflowed into a 500).
        using (var r = await SendAsync(Request("POST", Routes.Subscribe, Raw("{\"firstName\":\"Ana\",\"phone\":\"+12125550161\",\"timeZone\":\"Nowhere/Else\",\"startDate\":\"9999-12-31\"}", "application/json"))))
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        }

        var full = TwilioFields.Inbound("+12125550161", "JOIN", TwilioFields.NewSid());
        foreach (var drop in new[] { new[] { "MessageSid", "SmsSid", "SmsMessageSid" }, new[] { "From" }, full.Keys.ToArray() })
        {
            var fields = full.Where(kv => !drop.Contains(kv.Key)).ToDictionary();
            using var r = await PostTwilioAsync(Host, Routes.TwilioInbound, fields);
            Assert.True(r.StatusCode == HttpStatusCode.BadRequest, $"inbound without {string.Join(",", drop)} answered {(int)r.StatusCode}");
        }
        var status = TwilioFields.Status(TwilioFields.NewSid(), "delivered");
        foreach (var drop in new[] { new[] { "MessageSid", "SmsSid" }, new[] { "MessageStatus", "SmsStatus" }, status.Keys.ToArray() })
        {
            var fields = status.Where(kv => !drop.Contains(kv.Key)).ToDictionary();
            using var r = await PostTwilioAsync(Host, Routes.TwilioStatus, fields);
            Assert.True(r.StatusCode == HttpStatusCode.BadRequest, $"status without {string.Join(",", drop)} answered {(int)r.StatusCode}");
        }
        foreach (var route in new[] { Routes.Confirm, Routes.Unsubscribe, Routes.MyData })
        {
            using var get = await Host.Client.GetAsync(route);
            Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
            using var post = await SendAsync(Request("POST", route, Form([])));
            Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
            using var empty = await Host.Client.GetAsync(route + "?token=");
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        }
        using (var r = await SendAsync(Request("POST", Routes.SendGridEvents, Raw("[]", "application/json"))))
        {
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        }
        // The stranger's JOIN above was refused, so no sign-up was made for +12125550161.
        await UnchangedAsync(before);
    }

    [Fact]
    public async Task Bodies_over_64_KB_are_refused_on_every_post_route()
    {
        var before = await SnapshotAsync(Host);
        var big = new string('a', RequestReading.MaxBodyBytes + 1);
        foreach (var route in PostRoutes)
        {
            var inbound = TwilioFields.Inbound(HostileFixture.KnownPhone, "STOP " + big, TwilioFields.NewSid());
            using (var form = await PostTwilioAsync(Host, route, inbound))
            {
                Assert4xx(form, $"POST {route} with a signed 64 KB form");
            }
            using (var json = await SendAsync(Request("POST", route, Raw("{\"firstName\":\"" + big + "\",\"phone\":\"+12125550162\"}", "application/json"))))
            {
                Assert4xx(json, $"POST {route} with 64 KB of JSON");
            }
            using (var huge = await SendAsync(Request("POST", route, Raw("[" + new string(' ', RequestReading.MaxBodyBytes * 17) + "]", "application/json"))))
            {
                Assert4xx(huge, $"POST {route} with 1.1 MB");
            }
        }
        foreach (var route in new[] { Routes.Confirm, Routes.Unsubscribe, Routes.Signup, Routes.Dashboard })
        {
            using var longQuery = await Host.Client.GetAsync(route + "?token=" + new string('A', 20_000));
            AssertNot5xx(longQuery, "GET " + route + " with a 20 KB query");
            if (route is Routes.Confirm or Routes.Unsubscribe) Assert4xx(longQuery, "GET " + route + " with a 20 KB token");
        }
        await UnchangedAsync(before);
    }

    [Fact]
    public async Task Duplicated_keys_are_refused()
    {
        var before = await SnapshotAsync(Host);
        KeyValuePair<string, string> P(string k, string v) => new(k, v);

        using (var r = await SendAsync(Request("POST", Routes.Subscribe, Form([P("firstName", "Ana"), P("phone", "+12125550163"), P("phone", "+12125550160"), P("channel", "sms")]))))
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        }
        foreach (var json in new[]
                 {
                     "{\"firstName\":\"Ana\",\"phone\":\"+12125550163\",\"phone\":\"+12125550160\"}",
                     "{\"firstName\":\"Ana\",\"phone\":\"+12125550163\",\"Phone\":\"+12125550160\"}",
                 })
        {
            using var r = await SendAsync(Request("POST", Routes.Subscribe, Raw(json, "application/json")));
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        }

        // Twilio's forms, signed over the first value, with a second Body / From / MessageStatus appended.
        var inbound = TwilioFields.Inbound(HostileFixture.KnownPhone, "OK", TwilioFields.NewSid());
        foreach (var extra in new[] { P("Body", "STOP"), P("From", "+12125550163"), P("MessageSid", TwilioFields.NewSid()) })
        {
            using var r = await PostTwilioAsync(Host, Routes.TwilioInbound, inbound, inbound.Append(extra));
            Assert.True(r.StatusCode == HttpStatusCode.BadRequest, $"duplicated {extra.Key} answered {(int)r.StatusCode}");
        }
        var status = TwilioFields.Status(TwilioFields.NewSid(), "delivered");
        using (var r = await PostTwilioAsync(Host, Routes.TwilioStatus, status, status.Append(P("MessageStatus", "undelivered"))))
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        }

        foreach (var route in new[] { Routes.Confirm, Routes.Unsubscribe, Routes.MyData })
        {
            using var q = await Host.Client.GetAsync(route + "?token=a.b&token=c.d");
            Assert.Equal(HttpStatusCode.BadRequest, q.StatusCode);
            using var f = await SendAsync(Request("POST", route, Form([P("token", "a.b"), P("token", "c.d")])));
            Assert.Equal(HttpStatusCode.BadRequest, f.StatusCode);
        }
        using (var days = await Host.Client.GetAsync(Routes.Dashboard + "?days=7&days=30"))
        {
            AssertNot5xx(days, "dashboard with days twice");
        }
        await UnchangedAsync(before);
    }

    [Fact]
    public async Task OData_metacharacters_in_every_queried_field_are_4xx_and_match_nothing()
    {
        const string Pending = "+12125550164";
        using (var signup = await Host.SubscribeJsonAsync(Pending)) Assert.Equal(HttpStatusCode.Accepted, signup.StatusCode);
        await Host.WaitForOutboxAsync(Pending, l => l.Count("sms") >= 1);
        var before = await SnapshotAsync(Host);
        var dashboard = await Host.Client.GetStringAsync(Routes.Dashboard);
        foreach (var meta in ODataMeta)
        {
            var e = Uri.EscapeDataString(meta);

            // Sign-up: phone and email (JSON and form).
            using (var r = await Host.SubscribeJsonAsync(meta))
            {
                Assert.True(r.StatusCode == HttpStatusCode.BadRequest, $"phone '{meta}' answered {(int)r.StatusCode}");
            }
            if (meta.Contains(' ', StringComparison.Ordinal))
            {
                // (An apostrophe alone is legal in an address, o'brien@...; a space never is.)
                using var r = await Host.SubscribeJsonAsync("", channel: "email", email: "ana" + meta + "@example.com");
                Assert.True(r.StatusCode == HttpStatusCode.BadRequest, $"email with '{meta}' answered {(int)r.StatusCode}");
                using var r2 = await Host.SubscribeJsonAsync("", channel: "email", email: meta);
                Assert.True(r2.StatusCode == HttpStatusCode.BadRequest, $"email '{meta}' answered {(int)r2.StatusCode}");
            }

            // Link tokens, in the query and in the form, GET and POST.
            foreach (var route in new[] { Routes.Confirm, Routes.Unsubscribe, Routes.MyData })
            {
                using var get = await Host.Client.GetAsync($"{route}?token={e}");
                Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
                using var post = await SendAsync(Request("POST", route, Form([new("token", meta), new("List-Unsubscribe", "One-Click")])));
                Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
                using var both = await SendAsync(Request("POST", $"{route}?token={e}", Form([new("List-Unsubscribe", "One-Click")])));
                Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
            }

            // Twilio's fields, validly signed, so they reach the code behind the signature check. A value made only of
            // letters and digits ("PartitionKey") is a well-formed SID or status: it is a key for a point read, never
            // part of a filter, and answered as an unknown message. Anything else is refused.
            var wellFormed = meta.All(char.IsAsciiLetterOrDigit);
            var inSid = TwilioFields.Inbound(HostileFixture.KnownPhone, "STATUS", "SM" + meta);
            using (var r = await PostTwilioAsync(Host, Routes.TwilioInbound, inSid))
            {
                Assert.True(r.StatusCode == (wellFormed ? HttpStatusCode.OK : HttpStatusCode.BadRequest), $"inbound MessageSid '{meta}' answered {(int)r.StatusCode}");
            }
            var inFrom = TwilioFields.Inbound(meta, "STATUS", TwilioFields.NewSid());
            using (var r = await PostTwilioAsync(Host, Routes.TwilioInbound, inFrom))
            {
                Assert.True(r.StatusCode == HttpStatusCode.BadRequest, $"inbound From '{meta}' answered {(int)r.StatusCode}");
            }
            var stSid = TwilioFields.Status("SM" + meta, "undelivered", "21610", HostileFixture.KnownPhone);
            using (var r = await PostTwilioAsync(Host, Routes.TwilioStatus, stSid))
            {
                Assert.True(r.StatusCode == (wellFormed ? HttpStatusCode.NoContent : HttpStatusCode.BadRequest), $"status MessageSid '{meta}' answered {(int)r.StatusCode}");
            }
            var stStatus = TwilioFields.Status(TwilioFields.NewSid(), meta, "21610", HostileFixture.KnownPhone);
            using (var r = await PostTwilioAsync(Host, Routes.TwilioStatus, stStatus))
            {
                Assert.True(r.StatusCode == (wellFormed ? HttpStatusCode.NoContent : HttpStatusCode.BadRequest), $"status MessageStatus '{meta}' answered {(int)r.StatusCode}");
            }

            // Query parameters: the dev outbox's filter matches nothing; the dashboard refuses a days it cannot read.
            using (var r = await Host.Client.GetAsync("/dev/outbox?to=" + e))
            {
                Assert.Equal(HttpStatusCode.OK, r.StatusCode);
                Assert.Equal("[]", await r.Content.ReadAsStringAsync());
            }
            using (var r = await Host.Client.GetAsync(Routes.Dashboard + "?days=" + e))
            {
                Assert.True(r.StatusCode == HttpStatusCode.BadRequest, $"dashboard days '{meta}' answered {(int)r.StatusCode}");
            }
        }
        await UnchangedAsync(before);

        // libphonenumber drops trailing punctuation, so "+1...'" may be read as the (already pending) number: either
        // refused, or the answer to signing up twice (the confirmation asked again, so a person whose first text was
        // lost can still start). Never a second number, never anything but that confirmation, never a 5xx.
        var outboxBefore = await Host.OutboxAsync();
        foreach (var meta in ODataMeta)
        {
            using var r = await Host.SubscribeJsonAsync(Pending + meta);
            Assert.True(r.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Accepted, $"phone '{Pending}{meta}' answered {(int)r.StatusCode}");
        }
        await Task.Delay(500);
        var added = (await Host.OutboxAsync()).Where(m => !outboxBefore.Any(b => b.Id == m.Id)).ToList();
        Assert.All(added, m =>
        {
            Assert.Equal(Pending, m.To);
            Assert.StartsWith("Encourage: reply YES to start", m.Text, StringComparison.Ordinal);
        });
        await AssertKnownSubscriberActiveAsync(Host);
    }

    [Fact]
    public async Task Dashboard_query_params_never_break_it()
    {
        var before = await SnapshotAsync(Host);
        foreach (var q in new[] { "days=abc", "days=-1", "days=0", "days=91", "days=99999999999999999999", "days=1e9", "days=7&days=30", "days=", "days=%00", "days=%E2%80%AE7", "format=xml", "format=json&format=html", "to=9999-99-99", "to=%27%20or%20%27" })
        {
            using var r = await Host.Client.GetAsync(Routes.Dashboard + "?" + q);
            Assert.True(r.StatusCode == HttpStatusCode.BadRequest, $"dashboard?{q} answered {(int)r.StatusCode}");
            Assert.StartsWith("application/problem+json", r.Content.Headers.ContentType?.ToString() ?? "", StringComparison.Ordinal);
        }
        using (var ok = await Host.Client.GetAsync(Routes.Dashboard + "?days=7&format=json"))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        await UnchangedAsync(before);
    }
}
