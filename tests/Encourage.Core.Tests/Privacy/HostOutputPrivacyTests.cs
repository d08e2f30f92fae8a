using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encourage.Privacy;

namespace Encourage.Core.Tests.Privacy;

/// <summary>
/// The real local host, end to end (sign up, YES, a day's message, a slip, STOP), and everything it printed. The
/// only lines allowed to show message text are the local outbox's own, labelled "[LOCAL OUTBOX: not sent]", which
/// print on purpose in development; even those never show the full number or address.
/// </summary>
public sealed class HostOutputPrivacyTests
{
    private const string Phone = "+12125550178";
    private const string Email = "mara.privacy78@example.com";
    private const string OutboxLabel = "[LOCAL OUTBOX: not sent]";

    private sealed record Entry(string Channel, string To, string? Subject, string Text, string? Html);

    private static async Task<List<Entry>> OutboxAsync(LocalHostProcess host)
    {
        // Unfiltered, and filtered here: a ?to= query would put the number in the request line this test reads.
        var all = await host.Client.GetFromJsonAsync<List<Entry>>("/dev/outbox", new JsonSerializerOptions(JsonSerializerDefaults.Web));
        return all!.Where(e => e.To == Phone || e.To == Email).ToList();
    }

    private static async Task<List<Entry>> WaitAsync(LocalHostProcess host, Func<List<Entry>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var list = await OutboxAsync(host);
            if (done(list)) return list;
            Assert.True(DateTime.UtcNow < deadline, "Outbox never matched:\n" + string.Join("\n", list.Select(m => $"[{m.Channel}] {m.Text}")));
            await Task.Delay(250);
        }
    }

    private static async Task<string> SayAsync(LocalHostProcess host, string body, List<string> received)
    {
        received.Add(body);
        using var response = await host.PostInboundAsync(Phone, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task The_local_host_prints_nothing_private_outside_its_labelled_outbox_lines()
    {
        await using var host = await LocalHostProcess.StartAsync();
        await host.AlignClockAsync(); // inside quiet hours, where the confirmation text goes at once
        var received = new List<string>();
        var replies = new List<string>();

        using (var subscribe = await host.Client.PostAsJsonAsync("/api/subscribe", new
        {
            firstName = "Mara", phone = "212.555.0178", email = Email, channel = "both", timeZone = "America/New_York", sendTime = "09:00", pronoun = "him",
        }))
        {
            Assert.Equal(HttpStatusCode.Accepted, subscribe.StatusCode);
        }
        await WaitAsync(host, l => l.Any(m => m.Channel == "sms"));
        replies.Add(await SayAsync(host, "YES", received));
        await WaitAsync(host, l => l.Any(m => m.Channel == "sms" && m.Text.Contains("Welcome", StringComparison.Ordinal)));

        await host.AdvanceAsync(24); // dispatches and drains: the next day's message, when the hour allows

        replies.Add(await SayAsync(host, "I texted him at 2am and he left me on read", received));
        replies.Add(await SayAsync(host, "STATUS", received));
        replies.Add(await SayAsync(host, "STOP", received));
        await Task.Delay(1500); // let the console flush

        var outbox = await OutboxAsync(host);
        var output = host.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains(output, l => l.Contains(OutboxLabel, StringComparison.Ordinal));

        // The labelled outbox lines: the label line masks the recipient; the text line under it is allowed text.
        var labelLines = new List<string>();
        var logLines = new List<string>();
        for (var i = 0; i < output.Count; i++)
        {
            if (output[i].Contains(OutboxLabel, StringComparison.Ordinal))
            {
                labelLines.Add(output[i]);
                i++; // its text line
                continue;
            }
            logLines.Add(output[i]);
        }
        Assert.Contains(labelLines, l => l.Contains(Redact.Phone(Phone), StringComparison.Ordinal));
        LogPrivacy.AssertNoneContain(labelLines,
            LogPrivacy.PhoneForms(Phone).Select(v => ("phone", v)).Concat(LogPrivacy.EmailForms(Email).Select(v => ("email", v))));

        var texts = outbox.SelectMany(e => new[] { e.Text, e.Subject ?? "" }).Concat(received)
            .Concat(replies.SelectMany(x => System.Xml.Linq.XDocument.Parse(x).Descendants("Message").Select(m => m.Value)));
        LogPrivacy.AssertNoneContain(logLines,
            LogPrivacy.PhoneForms(Phone).Select(v => ("phone", v))
                .Concat(LogPrivacy.EmailForms(Email).Select(v => ("email", v)))
                .Concat(LogPrivacy.Secrets.Select(v => ("secret", v)))
                .Concat(texts.SelectMany(LogPrivacy.BodyForms).Select(v => ("message", v))));
    }
}
