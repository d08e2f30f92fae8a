using Encourage.Arc;
using Encourage.Delivery;
using Encourage.Replies;
using Encourage.Scheduling;
using Encourage.Storage;

namespace Encourage.Core.Tests.Flows;

/// <summary>Replies that shape what comes next: the recovery line, he reached out, expiry, a zone by text.</summary>
public sealed class ReplyFlowTests
{
    private const string Phone = "+12125550170";
    private static readonly DateTimeOffset Start = new(2027, 5, 10, 11, 0, 0, TimeSpan.Zero); // 07:00 New York

    private static async Task<(EncourageServices S, string Id)> ActiveAsync(string phone = Phone)
    {
        var s = await EncourageServices.StartAsync(Start);
        await s.Get<SubscriptionLifecycle>().SubscribeAsync(
            new ValidSubscription("Ana", phone, null, Channels.Sms, "America/New_York", new LocalTime(9, 0), null, Pronoun.Her),
            sendConfirmation: true, CancellationToken.None);
        var id = (await s.Get<SubscriberStore>().GetByPhoneAsync(phone, CancellationToken.None))!.Id;
        await s.Get<SubscriptionLifecycle>().ConfirmAsync(id, Channels.Sms, CancellationToken.None);
        await s.Get<SendQueueDrainer>().DrainAsync(CancellationToken.None);
        return (s, id);
    }

    private static async Task<IReadOnlyList<OutboxEntry>> DailyTextsAsync(EncourageServices s, string phone = Phone) =>
        (await s.Get<Outbox>().ListAsync(phone, CancellationToken.None))
            .Where(e => e.Channel == "sms" && !e.Text.Contains("YES", StringComparison.Ordinal) && !e.Text.StartsWith("Welcome", StringComparison.Ordinal))
            .ToList();

    private static async Task SendDayAsync(EncourageServices s, DateTimeOffset at)
    {
        s.Clock.Set(at);
        await s.Get<Dispatcher>().TickAsync(CancellationToken.None);
        await s.Get<SendQueueDrainer>().DrainAsync(CancellationToken.None);
    }

    [Fact]
    public async Task The_day_after_a_slip_opens_with_a_recovery_line_in_one_segment_and_the_programme_goes_on()
    {
        var (s, id) = await ActiveAsync();
        await using var _ = s;
        var replies = s.Get<ReplyBook>();
        await SendDayAsync(s, Start.AddHours(2)); // 09:00 local, entry 1

        s.Clock.Set(Start.AddHours(10));
        var answer = await s.Get<InboundSmsHandler>().ReplyAsync(TwilioFields.NewSid(), Phone, "texted him :(", CancellationToken.None);
        Assert.Single(answer);
        Assert.Equal(replies.Slip(SlipKind.Texted, PhaseIds.LetGo, "Ana", Pronoun.Her), answer[0]);

        await SendDayAsync(s, Start.AddDays(1).AddHours(2));
        var texts = await DailyTextsAsync(s);
        Assert.Equal(2, texts.Count);
        var second = texts[1].Text;
        var recoveryLines = Enumerable.Range(0, 50).Select(seed => replies.RecoveryLine(seed, "Ana", Pronoun.Her)).ToHashSet();
        Assert.Contains(recoveryLines, line => second.StartsWith(line + " ", StringComparison.Ordinal));
        Assert.Equal(1, Gsm7.Segments(second));
        var profile = await s.Get<SubscriberStore>().GetAsync(id, CancellationToken.None);
        Assert.Equal(3, profile!.NextEntry); // never restarted
        Assert.False(profile.RecoveryLinePending);

        await SendDayAsync(s, Start.AddDays(2).AddHours(2));
        var third = (await DailyTextsAsync(s))[2].Text;
        Assert.DoesNotContain(recoveryLines, line => third.StartsWith(line + " ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task He_texted_is_logged_as_contact_not_a_slip_and_the_next_messages_come_from_if_he_reaches_out()
    {
        var (s, id) = await ActiveAsync("+12125550171");
        await using var _ = s;
        var programme = s.Get<Programme>();
        await SendDayAsync(s, Start.AddHours(2));

        var answer = await s.Get<InboundSmsHandler>().ReplyAsync(TwilioFields.NewSid(), "+12125550171", "HETEXTED", CancellationToken.None);
        Assert.Equal(s.Get<ReplyBook>().Text(ReplyKeys.HeTexted, "Ana", Pronoun.Her), Assert.Single(answer));
        Assert.Empty(await s.Get<SlipLog>().ForSubscriberAsync(id, CancellationToken.None));

        await SendDayAsync(s, Start.AddDays(1).AddHours(2));
        var rows = await s.Get<DeliveryLog>().ForSubscriberAsync(id, CancellationToken.None);
        var latest = rows.Where(r => r.Kind == "daily").MaxBy(r => r.Entry)!;
        Assert.Equal(programme.FirstEntryOf(PhaseIds.IfHeReachesOut), latest.Entry);
        Assert.Equal(PhaseIds.IfHeReachesOut, programme.PhaseOf(latest.Entry).Id);
    }

    [Fact]
    public async Task An_unconfirmed_sign_up_expires_after_seven_days_and_leaves_nothing_behind()
    {
        await using var s = await EncourageServices.StartAsync(Start);
        await s.Get<SubscriptionLifecycle>().SubscribeAsync(
            // London: 12:00 there, inside quiet hours, so the confirmation text goes at once (at 06:00 in Chicago it waits).
            new ValidSubscription("Bea", "+12125550172", null, Channels.Sms, "Europe/London", new LocalTime(9, 0), null, Pronoun.Him),
            sendConfirmation: true, CancellationToken.None);
        await s.Get<SendQueueDrainer>().DrainAsync(CancellationToken.None);
        Assert.NotNull(await s.Get<SubscriberStore>().GetByPhoneAsync("+12125550172", CancellationToken.None));

        await SendDayAsync(s, Start.AddDays(6));
        Assert.NotNull(await s.Get<SubscriberStore>().GetByPhoneAsync("+12125550172", CancellationToken.None));

        await SendDayAsync(s, Start.AddDays(7).AddMinutes(5));
        Assert.Null(await s.Get<SubscriberStore>().GetByPhoneAsync("+12125550172", CancellationToken.None));
        var leftovers = new List<string>();
        await foreach (var row in s.Get<EncourageStorage>().DueIndex.QueryAsync<DueIndexRow>(cancellationToken: CancellationToken.None)) leftovers.Add(row.RowKey);
        Assert.Empty(leftovers);
        // Only the confirmation request ever went out.
        Assert.Single(await s.Get<Outbox>().ListAsync("+12125550172", CancellationToken.None));
    }

    [Fact]
    public async Task Join_by_text_guesses_the_zone_from_the_number_and_a_zone_reply_changes_it_before_confirming()
    {
        await using var s = await EncourageServices.StartAsync(Start);
        var inbound = s.Get<InboundSmsHandler>();
        var join = await inbound.ReplyAsync(TwilioFields.NewSid(), "+13125550173", "JOIN", CancellationToken.None);
        Assert.Contains("America/Chicago", Assert.Single(join), StringComparison.Ordinal);
        var store = s.Get<SubscriberStore>();
        Assert.Equal(SubscriberStatus.Pending, (await store.GetByPhoneAsync("+13125550173", CancellationToken.None))!.Status);

        var changed = await inbound.ReplyAsync(TwilioFields.NewSid(), "+13125550173", "TZ Europe/London", CancellationToken.None);
        Assert.Contains("Europe/London", Assert.Single(changed), StringComparison.Ordinal);
        Assert.Equal("Europe/London", (await store.GetByPhoneAsync("+13125550173", CancellationToken.None))!.TimeZone);

        await inbound.ReplyAsync(TwilioFields.NewSid(), "+13125550173", "YES", CancellationToken.None);
        var profile = await store.GetByPhoneAsync("+13125550173", CancellationToken.None);
        Assert.Equal(SubscriberStatus.Active, profile!.Status);
        var localDue = SendSchedule.LocalOf(profile.NextDueUtc!.Value, SendSchedule.Zone("Europe/London"));
        Assert.Equal(new LocalTime(9, 0), localDue.TimeOfDay);
    }

    [Fact]
    public async Task The_keyword_list_answers_unknown_text_at_most_once_a_day()
    {
        var (s, _) = await ActiveAsync("+12125550174");
        await using var __ = s;
        var inbound = s.Get<InboundSmsHandler>();
        Assert.Single(await inbound.ReplyAsync(TwilioFields.NewSid(), "+12125550174", "thanks for this", CancellationToken.None));
        Assert.Empty(await inbound.ReplyAsync(TwilioFields.NewSid(), "+12125550174", "Auto-reply: I'm away", CancellationToken.None));
        s.Clock.Set(Start.AddDays(1));
        Assert.Single(await inbound.ReplyAsync(TwilioFields.NewSid(), "+12125550174", "Auto-reply: I'm away", CancellationToken.None));
    }
}
