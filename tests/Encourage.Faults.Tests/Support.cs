using System.Globalization;
using Azure.Storage.Queues.Models;
using Encourage.Delivery;
using Encourage.Scheduling;
using Encourage.Storage;
using Encourage.Subscriptions;
using Encourage.TestSupport;
using NodaTime;

namespace Encourage.Faults.Tests;

internal static class F
{
    public const string Zone = "America/New_York";
    public static CancellationToken Ct => CancellationToken.None;

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
    };

    public static async Task<string> SubscribeAsync(EncourageServices s, string? phone, string? email, LocalTime sendTime)
    {
        var life = s.Get<SubscriptionLifecycle>();
        var channel = phone is null ? Channels.Email : Channels.Sms;
        await life.SubscribeAsync(new ValidSubscription("Ana", phone, email, channel, Zone, sendTime, null, Pronoun.Her), sendConfirmation: false, Ct);
        var store = s.Get<SubscriberStore>();
        var p = phone is null ? await store.GetByEmailAsync(email!, Ct) : await store.GetByPhoneAsync(phone, Ct);
        Assert.NotNull(p);
        Assert.Equal(LifecycleOutcome.Done, await life.ConfirmAsync(p!.Id, channel, Ct));
        return p.Id;
    }

    /// <summary>
    /// Drains with the product's drainer until nothing is left: after each drain the jobs that failed (left invisible
    /// for 30 s by the drainer) are made visible at once through the proxy, so retries and the poison queue are
    /// reached in seconds. Fails if the queue still holds anything (a job deferred for a lease) at the end.
    /// </summary>
    public static async Task DrainAllAsync(EncourageServices s, QueueFastForward proxy)
    {
        var drainer = s.Get<SendQueueDrainer>();
        for (var round = 0; round < 20; round++)
        {
            // A receive that times out on a loaded machine is retried, as the hosts' polling loops do.
            try { await drainer.DrainAsync(Ct); }
            catch (Exception e) when (Encourage.Web.EndpointGuard.IsStorageOutage(e)) { round--; await Task.Delay(500); continue; }
            if (await proxy.ReleaseFailedAsync() == 0) break;
        }
        QueueProperties props = await s.Get<EncourageStorage>().SendQueue.GetPropertiesAsync(Ct);
        Assert.True(props.ApproximateMessagesCount == 0, $"{props.ApproximateMessagesCount} jobs left in the send queue (deferred?)\n" +
            string.Join("\n", s.Logs.Lines.Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).Select(l => $"{l.Category} {l.Id.Id} {l.Message}".Split('\n')[0]).Distinct().Take(40)));
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
