using Encourage.Delivery;
using Encourage.Subscriptions;
using Encourage.TestSupport;
using NodaTime;

namespace Encourage.Faults.Tests;

/// <summary>
/// SendGrid misbehaves for a simulated week: 30% of POSTs answer 429 (Retry-After: 1), 500, or 500 after accepting
/// the mail. README: SendGrid cannot be asked what it took, so a 5xx after acceptance can mean one duplicate; a day is
/// never lost. Asserted precisely: each (address, kind, entry) has exactly one clean acceptance (202), and every other
/// copy is one SendGrid accepted but answered 5xx: no duplicate from a 429 or a plain 500, none unexplained.
/// Size: FaultSteps.Subscribers (100 by default) x 7 days, on an in-memory Azurite of its own, drained by the
/// product's drainer as one Functions instance would; side by side with the other fault week.
/// </summary>
[Collection("sendgrid-week")]
public sealed class SendGridFailsTests
{
    private static readonly int Subscribers = FaultSteps.Subscribers;
    private const int Days = 7;
    private static readonly LocalTime[] Times = [new(7, 0), new(20, 30)];

    [Fact]
    public async Task Every_due_email_is_accepted_once_cleanly_and_duplicates_only_follow_a_5xx_after_acceptance()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var azurite = await PrivateAzurite.StartAsync(inMemory: true);
        var settings = FaultSteps.Providers(null, sendGrid);
        settings["AzureWebJobsStorage"] = azurite.ConnectionString;
        await using var s = await EncourageServices.StartAsync(FaultSteps.L(10, 0), settings);
        sendGrid.InjectFaults(0.3, seed: 20270511);

        var subs = new (string Id, string Email)[Subscribers];
        await Parallel.ForAsync(0, Subscribers, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var email = $"ana.{i}@example.com";
            subs[i] = (await FaultSteps.SubscribeAsync(s, null, email, Times[i % Times.Length]), email);
        });
        await FaultSteps.DrainAllAsync(s, instances: 2);
        for (var day = 10; day < 10 + Days; day++)
        {
            foreach (var t in Times)
            {
                s.Clock.Set(FaultSteps.L(day, t.Hour, t.Minute));
                await FaultSteps.TickAsync(s);
                await FaultSteps.DrainAllAsync(s, instances: 2);
            }
        }

        var posts = sendGrid.Posts;
        Assert.Contains(posts, p => p.Fault == SendGridFault.TooMany429);
        Assert.Contains(posts, p => p.Fault == SendGridFault.Error500);
        Assert.Contains(posts, p => p.Fault == SendGridFault.Error500Accepted);

        var accepted = sendGrid.Accepted;
        foreach (var (id, email) in subs)
        {
            var mine = accepted.Where(m => m.To == email).ToList();
            var daily = mine.Where(m => m.CustomArgs.GetValueOrDefault("kind") == "daily").ToList();
            // No day lost: entries 1..7, each on the fake and recorded as sent.
            Assert.Equal(Enumerable.Range(1, Days).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                daily.Select(m => m.CustomArgs["entry"]).Distinct().Order(StringComparer.Ordinal));
            var rows = await FaultSteps.RowsAsync(s, id, "daily");
            Assert.Equal(Enumerable.Range(1, Days), rows.Select(r => r.Entry));
            Assert.All(rows, r => Assert.Equal(DeliveryStates.Sent, r.State));
            foreach (var copies in mine.GroupBy(m => (m.CustomArgs.GetValueOrDefault("kind"), m.CustomArgs.GetValueOrDefault("entry"), m.Subject)))
            {
                Assert.Single(copies, m => m.AnsweredWith == SendGridFault.None);
                Assert.All(copies.Where(m => m.AnsweredWith != SendGridFault.None), m => Assert.Equal(SendGridFault.Error500Accepted, m.AnsweredWith));
            }
            // The delivery row holds the id of the clean acceptance.
            Assert.All(rows, r => Assert.Contains(mine, m => m.MessageId == r.ProviderMessageId && m.AnsweredWith == SendGridFault.None));
        }
        Assert.Empty(await FaultSteps.PoisonAsync(s));
    }
}
