using System.Globalization;
using Azure.Storage.Queues.Models;
using Encourage.Delivery;
using Encourage.Scheduling;
using Encourage.Storage;
using Encourage.Subscriptions;
using Encourage.TestSupport;
using NodaTime;

namespace Encourage.Faults.Tests;

/// <summary>The fault tests' steps: the simulated week's times and size, provider settings, drains and ticks that ride out outages.</summary>
internal static class FaultSteps
{
    public const string Zone = "America/New_York";
    public static CancellationToken Ct => CancellationToken.None;

    /// <summary>
    /// Subscribers in the Twilio and SendGrid fault weeks: 100, sized by what they prove. 100 x 7 days and the welcomes
    /// is 800 messages, about 240 of them faulted: every fault kind (429, 500 before and after storing, the two slow
    /// answers, the always-refused number) comes up dozens of times, and each subscriber's week is checked whole, so a
    /// lost or doubled message fails at any size. 300 took about 4 minutes of the suite on 2 cores and 1,000 about 7,
    /// and neither proved more; ENCOURAGE_FAULT_SUBSCRIBERS sets any size for a longer soak.
    /// </summary>
    public static int Subscribers { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("ENCOURAGE_FAULT_SUBSCRIBERS"), out var n) && n > 0 ? n : 100;

    /// <summary>A local time in New York in May 2027 (no DST change inside the simulated week).</summary>
    public static DateTimeOffset L(int day, int hour, int minute = 0) =>
        SendSchedule.ToDateTimeOffset(SendSchedule.At(new LocalDate(2027, 5, day), new LocalTime(hour, minute), SendSchedule.Zone(Zone)));

    public static LocalDate LocalDate(DateTimeOffset utc) => SendSchedule.LocalOf(utc, SendSchedule.Zone(Zone)).Date;

    public static string Phone(int n) => "+1212555" + (1000 + n).ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>Settings that put the product in Production mode against the loopback fakes.</summary>
    public static Dictionary<string, string?> Providers(FakeTwilio? twilio, FakeSendGrid? sendGrid) => new()
    {
        ["Encourage:Mode"] = "Production",
        ["Twilio:AccountSid"] = FakeTwilio.AccountSid,
        ["Twilio:AuthToken"] = TestSettings.TwilioAuthToken,
        ["Twilio:FromNumber"] = FakeTwilio.FromNumber,
        ["Twilio:ApiBaseUrl"] = twilio?.BaseAddress.ToString() ?? "http://127.0.0.1:9",
        ["SendGrid:ApiKey"] = "SG.test",
        ["SendGrid:FromEmail"] = "hello@encourage.example.net",
        ["SendGrid:ApiHost"] = sendGrid?.BaseAddress.ToString().TrimEnd('/') ?? "http://127.0.0.1:9",
        ["Encourage:SendRetryDelay"] = "00:00:00",
        // Two fault weeks share two cores with their Azurites: a storage call can wait seconds for a turn, and a
        // call abandoned after it was done (a claim, a receive) is a late job, not the provider fault under test.
        ["Encourage:StorageTimeout"] = "00:00:30",
    };

    public static Task<string> SubscribeAsync(EncourageServices s, string? phone, string? email, LocalTime sendTime) =>
        s.SubscribeConfirmedAsync(phone, email, Zone, sendTime);

    /// <summary>
    /// Drains with the product's drainer until nothing is left. The fault tests set <c>Encourage:SendRetryDelay</c> to
    /// zero, so a failed job is tried again at once (not 30 s later, as host.json has it) and five failures reach the
    /// poison queue in one drain. Fails if the queue still holds anything (a job deferred for a lease) at the end.
    /// </summary>
    public static async Task DrainAllAsync(EncourageServices s, int instances = 1)
    {
        // Several drains side by side, as Functions instances scale out: a provider's back-off then holds one slot of
        // 24 x instances.
        var drainer = s.Get<SendQueueDrainer>();
        // Off xunit's synchronisation context (two threads for the whole run), on the thread pool as in a real host.
        await Task.WhenAll(Enumerable.Range(0, instances).Select(_ => Task.Run(async () =>
        {
            for (var attempt = 1; ; attempt++)
            {
                // A receive that times out on a loaded machine is retried, as the hosts' polling loops do.
                try { await drainer.DrainAsync(Ct); return; }
                catch (Exception e) when (attempt < 20 && Encourage.Web.EndpointGuard.IsStorageOutage(e)) { await Task.Delay(500); }
            }
        })));
        QueueProperties props = await s.Get<EncourageStorage>().SendQueue.GetPropertiesAsync(Ct);
        Assert.True(props.ApproximateMessagesCount == 0, $"{props.ApproximateMessagesCount} jobs left in the send queue (deferred?)\n" +
            string.Join("\n", s.Logs.Lines.Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Warning || l.Category.StartsWith("Encourage", StringComparison.Ordinal))
                .GroupBy(l => $"{l.Category} {l.Level} {l.Id.Id} {System.Text.RegularExpressions.Regex.Replace(l.Message.Split('\n')[0], "[0-9a-f-]{32,}|[A-Za-z0-9]{32}|\\d+", "#")}")
                .Select(g => $"{g.Count()} x {g.Key}").Take(60)));
    }

    /// <summary>A dispatch tick, retried if storage times out (as the timer's next tick would catch up).</summary>
    public static async Task TickAsync(EncourageServices s)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { await s.Get<Dispatcher>().TickAsync(Ct); return; }
            catch (Exception e) when (attempt < 4 && Encourage.Web.EndpointGuard.IsStorageOutage(e)) { await Task.Delay(500); }
        }
    }

    public static async Task<List<SendJob>> PoisonAsync(EncourageServices s)
    {
        var jobs = new List<SendJob>();
        foreach (var m in (await s.Get<EncourageStorage>().PoisonQueue.PeekMessagesAsync(32, Ct)).Value)
        {
            jobs.Add(SendJob.FromJson(m.Body.ToString())!);
        }
        return jobs;
    }

    public static async Task<List<DeliveryRow>> RowsAsync(EncourageServices s, string id, string kind) =>
        (await s.Get<DeliveryLog>().ForSubscriberAsync(id, Ct)).Where(r => r.Kind == kind).OrderBy(r => r.Entry).ToList();
}
