using Encourage.Delivery;
using Encourage.Replies;
using Encourage.Scheduling;

namespace Encourage.Core.Tests.Flows;

/// <summary>Reply rules that reach past the answer, on Azurite with a manual clock: the check-back, TIME by text.</summary>
public sealed class ReplyRuleFlowTests
{
    private static readonly DateTimeOffset Start = new(2027, 5, 10, 11, 0, 0, TimeSpan.Zero); // 07:00 New York

    private static async Task<(EncourageServices S, string Id)> ActiveAsync(string phone, DateTimeOffset at, string zone = "America/New_York")
    {
        var s = await EncourageServices.StartAsync(at);
        await s.Get<SubscriptionLifecycle>().SubscribeAsync(
            new ValidSubscription("Ana", phone, null, Channels.Sms, zone, new LocalTime(9, 0), null, Pronoun.Her),
            sendConfirmation: true, CancellationToken.None);
        var id = (await s.Get<SubscriberStore>().GetByPhoneAsync(phone, CancellationToken.None))!.Id;
        await s.Get<SubscriptionLifecycle>().ConfirmAsync(id, Channels.Sms, CancellationToken.None);
        await s.Get<SendQueueDrainer>().DrainAsync(CancellationToken.None);
        return (s, id);
    }

    private static Task<IReadOnlyList<string>> SayAsync(EncourageServices s, string phone, string body, string? sid = null) =>
        s.Get<InboundSmsHandler>().ReplyAsync(sid ?? TwilioFields.NewSid(), phone, body, CancellationToken.None);

    private static async Task<int> CheckbacksAsync(EncourageServices s, string phone) =>
        (await s.Get<Outbox>().ListAsync(phone, CancellationToken.None)).Count(e => e.Text.StartsWith("Checking in", StringComparison.Ordinal));

    private static async Task SendDayAsync(EncourageServices s, DateTimeOffset at)
    {
        s.Clock.Set(at);
        await s.Get<Dispatcher>().TickAsync(CancellationToken.None);
        await s.Get<SendQueueDrainer>().DrainAsync(CancellationToken.None);
    }

    private static async Task<IReadOnlyList<LocalDateTime>> DailySendsAsync(EncourageServices s, string id, string zone) =>
        [.. (await s.Get<DeliveryLog>().ForSubscriberAsync(id, CancellationToken.None))
            .Where(r => r.Kind == "daily" && r.SentUtc is not null)
            .Select(r => SendSchedule.LocalOf(r.SentUtc!.Value, SendSchedule.Zone(zone)))
            .OrderBy(t => t)];

    [Fact]
    public async Task The_check_back_goes_only_for_the_urge_still_waiting()
    {
        const string phone = "+12125550181";
        var (s, id) = await ActiveAsync(phone, Start.AddHours(3));
        await using var _ = s;
        var handler = s.Get<SendJobHandler>();

        // Alone, an urge is checked on.
        var urge = TwilioFields.NewSid();
        await SayAsync(s, phone, "URGE", urge);
        await handler.HandleAsync(new SendJob(SendJobKind.Checkback, id, Channel: Channels.Sms, Ref: urge), CancellationToken.None);
        Assert.Equal(1, await CheckbacksAsync(s, phone));

        // URGE, "I texted him", STOP, START: the urge was answered, so its check-back is dropped.
        var second = TwilioFields.NewSid();
        await SayAsync(s, phone, "URGE", second);
        await SayAsync(s, phone, "I texted him");
        await SayAsync(s, phone, "STOP");
        await SayAsync(s, phone, "START");
        await handler.HandleAsync(new SendJob(SendJobKind.Checkback, id, Channel: Channels.Sms, Ref: second), CancellationToken.None);
        Assert.Equal(1, await CheckbacksAsync(s, phone));

        // Two urges: only the later one is ever checked on.
        var third = TwilioFields.NewSid();
        var fourth = TwilioFields.NewSid();
        await SayAsync(s, phone, "URGE", third);
        await SayAsync(s, phone, "I want to text him so bad", fourth);
        await handler.HandleAsync(new SendJob(SendJobKind.Checkback, id, Channel: Channels.Sms, Ref: third), CancellationToken.None);
        Assert.Equal(1, await CheckbacksAsync(s, phone));

        // A crisis text cancels the pending one.
        var reply = await SayAsync(s, phone, "i want to die");
        Assert.Single(reply);
        await handler.HandleAsync(new SendJob(SendJobKind.Checkback, id, Channel: Channels.Sms, Ref: fourth), CancellationToken.None);
        Assert.Equal(1, await CheckbacksAsync(s, phone));
        Assert.Null((await s.Get<SubscriberStore>().GetAsync(id, CancellationToken.None))!.PendingUrgeSid);
    }

    [Fact]
    public async Task Time_on_the_morning_after_that_days_message_went_moves_tomorrows_and_never_sends_twice()
    {
        const string phone = "+12125550182";
        var (s, id) = await ActiveAsync(phone, Start);
        await using var _ = s;
        await SendDayAsync(s, Start.AddHours(2)); // 09:00, entry 1 goes

        s.Clock.Set(Start.AddHours(3)); // 10:00: today's has gone
        var answer = Assert.Single(await SayAsync(s, phone, "TIME 7:30pm"));
        Assert.Contains("7:30pm, starting tomorrow", answer, StringComparison.Ordinal);

        // 19:30 today passes without a second message; tomorrow's goes at 19:30, and the one after.
        await SendDayAsync(s, Start.AddHours(12).AddMinutes(30));
        await SendDayAsync(s, Start.AddDays(1).AddHours(2));
        await SendDayAsync(s, Start.AddDays(1).AddHours(12).AddMinutes(30));
        await SendDayAsync(s, Start.AddDays(2).AddHours(12).AddMinutes(30));

        var sends = await DailySendsAsync(s, id, "America/New_York");
        Assert.Equal(
            [new LocalDateTime(2027, 5, 10, 9, 0), new LocalDateTime(2027, 5, 11, 19, 30), new LocalDateTime(2027, 5, 12, 19, 30)],
            sends.Select(t => t.Date.At(new LocalTime(t.Hour, t.Minute))));
        Assert.Equal("19:30", (await s.Get<SubscriberStore>().GetAsync(id, CancellationToken.None))!.SendTime);
    }

    [Fact]
    public async Task Time_before_the_days_message_moves_today_and_time_in_quiet_hours_is_moved_in()
    {
        const string phone = "+12125550183";
        var (s, id) = await ActiveAsync(phone, Start);
        await using var _ = s;

        var answer = Assert.Single(await SayAsync(s, phone, "time 6am")); // 07:00 now, nothing sent today
        Assert.Contains("8am, starting today", answer, StringComparison.Ordinal);
        await SendDayAsync(s, Start.AddHours(1).AddMinutes(5));

        var sends = await DailySendsAsync(s, id, "America/New_York");
        Assert.Equal(new LocalDate(2027, 5, 10), Assert.Single(sends).Date);
        Assert.Equal(8, sends[0].Hour);
    }

    [Fact]
    public async Task Time_across_a_dst_change_keeps_the_local_time_on_both_sides()
    {
        // New York springs forward on Sunday 14 March 2027.
        const string phone = "+12125550184";
        var friday = new DateTimeOffset(2027, 3, 12, 12, 0, 0, TimeSpan.Zero); // 07:00 EST
        var (s, id) = await ActiveAsync(phone, friday);
        await using var _ = s;

        Assert.Contains("7pm, starting today", Assert.Single(await SayAsync(s, phone, "send at 7 pm")), StringComparison.Ordinal);
        foreach (var utc in new[]
        {
            new DateTimeOffset(2027, 3, 13, 0, 5, 0, TimeSpan.Zero),  // Fri 19:05 EST
            new DateTimeOffset(2027, 3, 14, 0, 5, 0, TimeSpan.Zero),  // Sat 19:05 EST
            new DateTimeOffset(2027, 3, 14, 23, 5, 0, TimeSpan.Zero), // Sun 19:05 EDT
            new DateTimeOffset(2027, 3, 15, 23, 5, 0, TimeSpan.Zero), // Mon 19:05 EDT
        })
        {
            await SendDayAsync(s, utc);
        }

        var sends = await DailySendsAsync(s, id, "America/New_York");
        Assert.Equal([12, 13, 14, 15], sends.Select(t => t.Day));
        Assert.All(sends, t => Assert.Equal(19, t.Hour));
    }
}
