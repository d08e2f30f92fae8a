using Encourage.Delivery;
using Encourage.Scheduling;

namespace Encourage.Core.Tests.Scheduling;

/// <summary>The scheduling tests' steps: local times, confirmed subscribers, a tick and a drain, what was sent.</summary>
internal static class SchedulingSteps
{
    public static CancellationToken Ct => CancellationToken.None;

    public static DateTimeOffset Utc(string zone, int y, int m, int d, int h, int min) =>
        SendSchedule.ToDateTimeOffset(SendSchedule.At(new LocalDate(y, m, d), new LocalTime(h, min), SendSchedule.Zone(zone)));

    public static LocalDateTime Local(DateTimeOffset utc, string zone) => SendSchedule.LocalOf(utc, SendSchedule.Zone(zone));

    public static string Phone(int n) => "+1212555" + (100 + n).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Subscribes (no confirmation message) and confirms by SMS at the clock's current time; returns the id.</summary>
    public static Task<string> SubscribeSmsAsync(EncourageServices s, string phone, string zone, LocalTime sendTime, LocalDate? start = null) =>
        s.SubscribeConfirmedAsync(phone, null, zone, sendTime, start);

    public static Task<string> SubscribeEmailAsync(EncourageServices s, string email, string zone, LocalTime sendTime) =>
        s.SubscribeConfirmedAsync(null, email, zone, sendTime);

    public static async Task<DispatchResult> TickAndDrainAsync(EncourageServices s, DateTimeOffset at)
    {
        s.Clock.Set(at);
        var r = await s.Get<Dispatcher>().TickAsync(Ct);
        await s.Get<SendQueueDrainer>().DrainAsync(Ct);
        return r;
    }

    /// <summary>Daily programme messages actually sent to a subscriber, oldest first.</summary>
    public static async Task<List<DeliveryRow>> DailySentAsync(EncourageServices s, string id) =>
        (await s.Get<DeliveryLog>().ForSubscriberAsync(id, Ct))
            .Where(r => r.Kind == "daily" && r.State == DeliveryStates.Sent)
            .OrderBy(r => r.SentUtc)
            .ToList();

    public static async Task<int> OutboxSmsCountAsync(EncourageServices s, string phone) =>
        (await s.Get<Outbox>().ListAsync(phone, Ct)).Count(e => e.Channel == "sms");

    public static async Task<List<DueIndexRow>> DueRowsAsync(EncourageServices s, string id)
    {
        var rows = new List<DueIndexRow>();
        await foreach (var r in s.Get<Encourage.Storage.EncourageStorage>().DueIndex.QueryAsync<DueIndexRow>(
            Azure.Data.Tables.TableClient.CreateQueryFilter($"RowKey eq {id}"), cancellationToken: Ct))
        {
            rows.Add(r);
        }
        return rows;
    }
}
