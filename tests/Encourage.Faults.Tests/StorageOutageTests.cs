using System.Net;
using Azure.Data.Tables;
using Encourage.TestSupport;

namespace Encourage.Faults.Tests;

/// <summary>
/// Storage goes away in the middle of a day's dispatch: a private Azurite (data on disk) is killed while the local host
/// dispatches, a signed slip arrives while it is down (503 with Retry-After, never 500), Azurite comes back, Twilio's
/// retry of the same MessageSid is answered 200 and logged once, and the programme goes on with no day doubled and no
/// entry skipped.
/// </summary>
public sealed class StorageOutageTests
{
    [Fact]
    public async Task A_storage_outage_mid_dispatch_answers_503_loses_no_day_doubles_none_and_logs_the_retried_slip_once()
    {
        await using var azurite = await PrivateAzurite.StartAsync();
        await using var host = await LocalHostProcess.StartAsync(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString });
        await host.AlignClockAsync();
        var phones = new[] { "+12125552201", "+12125552202", "+12125552203" };
        foreach (var phone in phones)
        {
            await host.SubscribeAsync(phone);
            await HostSupport.WaitAsync(() => host.OutboxAsync(phone).Result, l => l.Count == 1, "the confirmation text");
            using var yes = await host.PostInboundAsync(phone, "YES");
            Assert.Equal(HttpStatusCode.OK, yes.StatusCode);
            await HostSupport.WaitAsync(() => host.OutboxAsync(phone).Result, l => l.Count == 2, "the welcome text");
        }
        await host.AdvanceAsync(24); // day 1 for everyone

        // Day 2's dispatch starts; storage dies under it.
        var advance = host.Client.PostAsync("/dev/clock/advance?hours=24", null);
        await azurite.KillAsync();
        try { using var interrupted = await advance; } catch (HttpRequestException) { }

        // A slip while storage is down: 503 with Retry-After, so Twilio retries; never a 500.
        var sid = TwilioFields.NewSid();
        using (var down = await host.PostInboundAsync(phones[0], "I texted him", sid))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.True(down.Headers.RetryAfter is not null, "503 without Retry-After");
        }

        await azurite.StartProcessAsync();
        // Twilio retries the same MessageSid (twice, as it may): 200 both times, one slip.
        string firstAnswer;
        using (var retry = await host.PostInboundAsync(phones[0], "I texted him", sid))
        {
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
            firstAnswer = await retry.Content.ReadAsStringAsync();
        }
        using (var again = await host.PostInboundAsync(phones[0], "I texted him", sid))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal(firstAnswer, await again.Content.ReadAsStringAsync());
        }
        var table = new TableClient(azurite.ConnectionString, host.Prefix + "Subscribers");
        var slips = table.Query<TableEntity>(TableClient.CreateQueryFilter($"RowKey ge {"slip|"} and RowKey lt {"slip}"}")).ToList();
        Assert.Single(slips, e => e.GetString("MessageSid") == sid);

        // The rest of the week: one message per local date, none doubled, and whatever day 2 lost to the outage
        // goes on a later date (the arc shifts, it does not skip).
        // Jobs that failed while storage was down come back after the retry delay (30 s) or, when even that could not
        // be written, once their hold lapses (at most a minute after its last renewal): real time, as in production.
        // Let them run before the clock jumps on, or 3 simulated days would pass in seconds.
        using (await host.Client.PostAsync("/dev/dispatch", null)) { }
        var queue = new Azure.Storage.Queues.QueueClient(azurite.ConnectionString, host.Prefix + "-send");
        await HostSupport.WaitAsync(() => queue.GetProperties().Value.ApproximateMessagesCount, n => n == 0,
            "the send queue to empty after the outage (a job still there after 150 s was stranded past its hold's minute)", 150);
        for (var day = 3; day <= 5; day++) await host.AdvanceAsync(24);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(FaultSteps.Zone);
        var texts = new List<List<string>>();
        foreach (var phone in phones)
        {
            var daily = (await host.OutboxAsync(phone)).Where(m => m.Channel == "sms").Skip(2).ToList();
            Assert.Equal(daily.Count, daily.Select(m => m.Text).Distinct().Count());
            Assert.Equal(daily.Count, daily.Select(m => TimeZoneInfo.ConvertTime(m.CreatedUtc, zone).Date).Distinct().Count());
            Assert.True(daily.Count is 4 or 5, $"{phone}: {daily.Count} daily texts:\n" + string.Join("\n", daily.Select(m => $"{m.CreatedUtc:o} {m.Text}"))
                + "\n" + string.Join("\n", host.Output.Split('\n').Where(l => l.Contains("warn", StringComparison.OrdinalIgnoreCase) || l.Contains("fail", StringComparison.OrdinalIgnoreCase)).Take(30)));
            texts.Add(daily.Select(m => m.Text).ToList());
        }
        // No entry skipped: everyone got the same programme texts in the same order (the first N of the arc); the
        // subscriber who slipped gets a recovery line in front of her next one.
        var longest = texts.MaxBy(t => t.Count)!;
        Assert.All(texts, t => Assert.All(t.Zip(longest), p => Assert.EndsWith(p.Second.Length > p.First.Length ? p.First : p.Second,
            p.Second.Length > p.First.Length ? p.Second : p.First, StringComparison.Ordinal)));
    }
}
