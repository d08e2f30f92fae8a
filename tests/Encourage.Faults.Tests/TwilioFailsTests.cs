using Encourage.Delivery;
using Encourage.Scheduling;
using Encourage.Subscriptions;
using Encourage.TestSupport;
using NodaTime;

namespace Encourage.Faults.Tests;

/// <summary>
/// Twilio misbehaves for a simulated week: 30% of POSTs answer 429, 500 (half of them after storing the message)
/// or, twice, a slow answer past the 15 s client timeout after storing it. One number is always refused with 500.
/// Size: FaultSteps.Subscribers (100 by default) x 7 days, on an in-memory Azurite of its own, drained by the
/// product's drainer as one Functions instance would; side by side with the other fault week.
/// </summary>
[Collection("twilio-week")]
public sealed class TwilioFailsTests
{
    private static readonly int Subscribers = FaultSteps.Subscribers;
    private const int Days = 7;
    private static readonly LocalTime[] Times = [new(9, 0), new(12, 30), new(18, 45)];

    [Fact]
    public async Task Every_due_text_reaches_Twilio_exactly_once_and_a_number_Twilio_always_refuses_ends_in_the_poison_queue_with_its_reason()
    {
        await using var twilio = await FakeTwilio.StartAsync();
        await using var azurite = await PrivateAzurite.StartAsync(inMemory: true);
        var settings = FaultSteps.Providers(twilio, null);
        settings["AzureWebJobsStorage"] = azurite.ConnectionString;
        await using var s = await EncourageServices.StartAsync(FaultSteps.L(10, 0), settings);
        twilio.Now = s.Clock.GetUtcNow;
        twilio.InjectFaults(0.3, seed: 20270510, slowCalls: 2);

        var refused = FaultSteps.Phone(Subscribers);
        twilio.AlwaysFail[refused] = true;
        var subs = new (string Id, string Phone)[Subscribers + 1];
        await Parallel.ForAsync(0, Subscribers + 1, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var phone = FaultSteps.Phone(i);
            subs[i] = (await FaultSteps.SubscribeAsync(s, phone, null, Times[i % Times.Length]), phone);
        });
        await FaultSteps.DrainAllAsync(s); // the welcomes

        for (var day = 10; day < 10 + Days; day++)
        {
            foreach (var t in Times)
            {
                // Ticks only at the send times: idle ticks are skipped (the cursor's overlap covers the gap).
                s.Clock.Set(FaultSteps.L(day, t.Hour, t.Minute));
                await FaultSteps.TickAsync(s);
                await FaultSteps.DrainAllAsync(s);
            }
        }

        // The faults really happened.
        var posts = twilio.Posts;
        var healthyPosts = posts.Where(p => p.To != refused).ToList();
        Assert.Contains(healthyPosts, p => p.Fault == TwilioFault.TooMany429);
        Assert.Contains(healthyPosts, p => p.Fault == TwilioFault.Error500);
        Assert.Contains(healthyPosts, p => p.Fault == TwilioFault.Error500Accepted);
        Assert.Equal(2, healthyPosts.Count(p => p.Fault == TwilioFault.SlowAccepted));

        // Zero duplicates: no number got the same text twice.
        var accepted = twilio.Accepted;
        var dupes = accepted.GroupBy(m => (m.To, m.Body)).Where(g => g.Count() > 1).Select(g => $"{g.Key.To} x{g.Count()}: {g.Key.Body}").ToList();
        Assert.True(dupes.Count == 0, "Duplicates at Twilio:\n" + string.Join("\n", dupes));

        // Every message Twilio stored but answered with an error was found by asking Twilio, not sent again.
        var acceptedThenFailed = healthyPosts.Count(p => p.Fault is TwilioFault.Error500Accepted or TwilioFault.SlowAccepted);
        Assert.Equal(acceptedThenFailed, s.Logs.Lines.Count(l => l.Id.Id == 1007));
        Assert.True(twilio.ListRequests >= acceptedThenFailed);

        // Every healthy subscriber: the welcome and seven daily texts, each exactly once, each recorded as sent with
        // the SID Twilio gave it.
        foreach (var (id, phone) in subs[..Subscribers])
        {
            var got = twilio.To(phone);
            Assert.Equal(1 + Days, got.Count);
            var daily = await FaultSteps.RowsAsync(s, id, "daily");
            Assert.Equal(Enumerable.Range(1, Days), daily.Select(r => r.Entry));
            Assert.All(daily, r => Assert.Equal(DeliveryStates.Sent, r.State));
            Assert.Equal(Days, daily.Select(r => FaultSteps.LocalDate(r.SentUtc!.Value)).Distinct().Count());
            Assert.Equal(got.Select(m => m.Sid).Order(), (await s.Get<DeliveryLog>().ForSubscriberAsync(id, FaultSteps.Ct))
                .Where(r => r.State == DeliveryStates.Sent).Select(r => r.ProviderMessageId).Order());
        }

        // The number Twilio always refuses: nothing stored, every job for it tried exactly five times and then moved to
        // the poison queue (the welcome, and day 1's daily job: dispatched at its send time and read again by the next tick's
        // 3-slot overlap, so it can be there twice), the reason on the delivery rows.
        var (refusedId, _) = subs[Subscribers];
        Assert.Empty(twilio.To(refused));
        var poison = await FaultSteps.PoisonAsync(s);
        Assert.All(poison, j => Assert.Equal(refusedId, j.SubscriberId));
        Assert.Single(poison, j => j.Kind == SendJobKind.Welcome);
        Assert.Contains(poison, j => j.Kind == SendJobKind.Daily);
        Assert.All(poison, j => Assert.True(j.Kind == SendJobKind.Welcome || j.DueUtc == FaultSteps.L(10, Times[Subscribers % Times.Length].Hour, Times[Subscribers % Times.Length].Minute)));
        Assert.Equal(poison.Count * SendQueueDrainer.MaxDequeueCount, posts.Count(p => p.To == refused));
        var reason = await s.Get<DeliveryLog>().LatestErrorAsync(refusedId, FaultSteps.Ct);
        Assert.NotNull(reason);
        Assert.Contains("Internal Server Error", reason, StringComparison.Ordinal);
        Assert.All(await s.Get<DeliveryLog>().ForSubscriberAsync(refusedId, FaultSteps.Ct), r => Assert.Equal(DeliveryStates.Unknown, r.State));
    }
}
