using Azure.Data.Tables;
using Encourage.Delivery;
using Encourage.Insights;
using Encourage.Replies;
using Encourage.Retention;
using Encourage.Scheduling;
using Encourage.Storage;

namespace Encourage.Core.Tests.Retention;

/// <summary>Retention on Azurite with a manual clock: what goes after how long, what stays, and what the sweep reads.</summary>
public sealed class RetentionTests
{
    private static readonly DateTimeOffset Start = new(2027, 5, 10, 11, 0, 0, TimeSpan.Zero); // 07:00 New York
    private static CancellationToken Ct => CancellationToken.None;

    static RetentionTests() => TableReads.Install();

    private static async Task<(EncourageServices S, string Id)> ActiveAsync(string phone, IDictionary<string, string?>? settings = null)
    {
        var s = await EncourageServices.StartAsync(Start, settings);
        await s.Get<SubscriptionLifecycle>().SubscribeAsync(
            new ValidSubscription("Ana", phone, null, Channels.Sms, "America/New_York", new LocalTime(9, 0), null, Pronoun.Her),
            sendConfirmation: true, Ct);
        var id = s.Get<ContactKeys>().ForPhone(phone);
        await s.Get<SubscriptionLifecycle>().ConfirmAsync(id, Channels.Sms, Ct);
        await s.Get<SendQueueDrainer>().DrainAsync(Ct);
        return (s, id);
    }

    private static async Task SendDayAsync(EncourageServices s, DateTimeOffset at)
    {
        s.Clock.Set(at);
        await s.Get<Dispatcher>().TickAsync(Ct);
        await s.Get<SendQueueDrainer>().DrainAsync(Ct);
    }

    private static async Task<RetentionResult> SweepAtAsync(EncourageServices s, DateTimeOffset at)
    {
        s.Clock.Set(at);
        return await s.Get<RetentionSweep>().RunAsync(Ct);
    }

    private static async Task<List<TableEntity>> PartitionAsync(EncourageServices s, string id)
    {
        var rows = new List<TableEntity>();
        await foreach (var e in s.Get<EncourageStorage>().Subscribers.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}"))) rows.Add(e);
        return rows;
    }

    [Fact]
    public async Task Reply_text_is_gone_after_90_days_while_the_slip_still_counts_in_STATUS_and_the_dashboard()
    {
        const string phone = "+12125550130";
        var (s, id) = await ActiveAsync(phone);
        await using var _ = s;
        var inbound = s.Get<InboundSmsHandler>();
        await SendDayAsync(s, Start.AddHours(2));
        var slipAt = Start.AddHours(10);
        s.Clock.Set(slipAt);
        await inbound.ReplyAsync(TwilioFields.NewSid(), phone, "I texted him at 2am", Ct);
        await inbound.ReplyAsync(TwilioFields.NewSid(), phone, "URGE I want to call him", Ct);

        // Day 89: still there.
        var early = await SweepAtAsync(s, slipAt.AddDays(89));
        Assert.Equal(0, early.TextsRemoved);
        var slip = Assert.Single(await s.Get<SlipLog>().ForSubscriberAsync(id, Ct));
        Assert.Equal("I texted him at 2am", slip.Text);

        // After 90 days: the text is blank, the slip's kind, time and day are kept, the urge's text is gone too.
        var swept = await SweepAtAsync(s, slipAt.AddDays(91));
        Assert.Equal(2, swept.TextsRemoved);
        slip = Assert.Single(await s.Get<SlipLog>().ForSubscriberAsync(id, Ct));
        Assert.Equal("", slip.Text);
        Assert.NotNull(slip.TextRemovedUtc);
        Assert.Equal("TEXTED", slip.Kind);
        Assert.Equal(slipAt, slip.Utc);
        Assert.Equal(1, slip.Day);
        var rows = await PartitionAsync(s, id);
        Assert.DoesNotContain(rows, r => r.Select(kv => kv.Value).OfType<string>().Any(v => v.Contains("2am", StringComparison.Ordinal) || v.Contains("call him", StringComparison.Ordinal)));

        // STATUS still counts it: the days since contact run from the slip (day 1), not from the start.
        var status = Assert.Single(await inbound.ReplyAsync(TwilioFields.NewSid(), phone, "STATUS", Ct));
        Assert.Matches(@"Days since you contacted \w+: 91\.", status);

        // The dashboard still counts it on the day it happened.
        await s.Get<Counters>().FlushAsync(Ct);
        var figures = await s.Get<Dashboard>().FiguresAsync(1, DateOnly.FromDateTime(slipAt.UtcDateTime), Ct);
        Assert.Equal(1, figures.SlipsByKind.Single(k => k.Name == nameof(SlipKind.Texted)).Count);
        Assert.Equal(1, figures.Urges.Total);
    }

    [Fact]
    public async Task An_ended_subscriber_is_erased_after_365_days_and_signing_up_again_needs_a_fresh_confirmation()
    {
        const string phone = "+12125550131", restarted = "+12125550132";
        var (s, id) = await ActiveAsync(phone);
        await using var _ = s;
        var life = s.Get<SubscriptionLifecycle>();
        var inbound = s.Get<InboundSmsHandler>();
        await SendDayAsync(s, Start.AddHours(2));
        await inbound.ReplyAsync(TwilioFields.NewSid(), phone, "texted him", Ct);
        var stopAt = Start.AddHours(12);
        s.Clock.Set(stopAt);
        await inbound.ReplyAsync(TwilioFields.NewSid(), phone, "STOP", Ct);

        // Someone else stops and starts again within the year: they are not ended any more, so they stay.
        await life.SubscribeAsync(new ValidSubscription("Bea", restarted, null, Channels.Sms, "America/New_York", new LocalTime(9, 0), null, Pronoun.Him), true, Ct);
        var otherId = s.Get<ContactKeys>().ForPhone(restarted);
        await life.ConfirmAsync(otherId, Channels.Sms, Ct);
        await inbound.ReplyAsync(TwilioFields.NewSid(), restarted, "STOP", Ct);
        s.Clock.Set(stopAt.AddDays(30));
        await inbound.ReplyAsync(TwilioFields.NewSid(), restarted, "START", Ct);

        var early = await SweepAtAsync(s, stopAt.AddDays(364));
        Assert.Equal(0, early.SubscribersErased);
        Assert.NotNull(await s.Get<SubscriberStore>().GetAsync(id, Ct));

        var swept = await SweepAtAsync(s, stopAt.AddDays(366));
        Assert.Equal(1, swept.SubscribersErased);
        Assert.Empty(await PartitionAsync(s, id));
        Assert.True(await s.Get<Suppressions>().IsSuppressedAsync(phone, Ct));
        Assert.Equal(SubscriberStatus.Active, (await s.Get<SubscriberStore>().GetAsync(otherId, Ct))!.Status);
        var export = await s.Get<Encourage.Privacy.PersonalDataExport>().ForPhoneAsync(phone, Ct);
        Assert.Equal(["suppression"], export.Select(p => p.Key));

        // The same number signs up again: pending until it says YES; no programme message before that.
        var outboxBefore = (await s.Get<Outbox>().ListAsync(phone, Ct)).Count;
        await life.SubscribeAsync(new ValidSubscription("Ana", phone, null, Channels.Sms, "America/New_York", new LocalTime(9, 0), null, Pronoun.Her), true, Ct);
        await s.Get<SendQueueDrainer>().DrainAsync(Ct);
        var again = await s.Get<SubscriberStore>().GetAsync(id, Ct);
        Assert.Equal(SubscriberStatus.Pending, again!.Status);
        Assert.False(again.SmsConfirmed);
        var sent = (await s.Get<Outbox>().ListAsync(phone, Ct)).Skip(outboxBefore).ToList();
        Assert.Contains("YES", Assert.Single(sent).Text, StringComparison.Ordinal);
        await SendDayAsync(s, stopAt.AddDays(367).AddHours(2));
        Assert.Equal(outboxBefore + 1, (await s.Get<Outbox>().ListAsync(phone, Ct)).Count);
    }

    [Fact]
    public async Task Delivery_rows_outlive_the_exactly_once_guard_and_go_after_400_days()
    {
        const string phone = "+12125550133";
        var (s, id) = await ActiveAsync(phone);
        await using var _ = s;
        await SendDayAsync(s, Start.AddHours(2));
        var deliveries = await s.Get<DeliveryLog>().ForSubscriberAsync(id, Ct);
        Assert.Contains(deliveries, d => d.Kind == "daily");
        var sid = deliveries.Select(d => d.ProviderMessageId).OfType<string>().First();

        // Still there the day before they expire: far past the programme (plus margin) they guard.
        var early = await SweepAtAsync(s, Start.AddDays(399));
        Assert.Equal(0, early.DeliveriesRemoved);
        Assert.Equal(deliveries.Count, (await s.Get<DeliveryLog>().ForSubscriberAsync(id, Ct)).Count);
        Assert.NotNull(await s.Get<DeliveryLog>().FindByProviderIdAsync(sid, Ct));
        Assert.True(399 > RetentionOptionsValidator.MinimumKeepDeliveryDays(s.Get<Encourage.Arc.Programme>()));

        var swept = await SweepAtAsync(s, Start.AddDays(401));
        Assert.Equal(deliveries.Count, swept.DeliveriesRemoved);
        Assert.Empty(await s.Get<DeliveryLog>().ForSubscriberAsync(id, Ct));
        Assert.Null(await s.Get<DeliveryLog>().FindByProviderIdAsync(sid, Ct));
        Assert.NotNull(await s.Get<SubscriberStore>().GetAsync(id, Ct)); // the profile is not theirs to delete
    }

    [Fact]
    public async Task Start_up_refuses_a_delivery_keep_shorter_than_the_programme_plus_a_margin()
    {
        var programme = Encourage.Arc.Programme.LoadEmbedded();
        var minimum = RetentionOptionsValidator.MinimumKeepDeliveryDays(programme);
        Assert.Equal(programme.Entries.Sum(e => e.DaysAfterPrevious) + RetentionOptionsValidator.MarginDays, minimum);
        Assert.True(minimum > 100, $"the programme is {minimum - RetentionOptionsValidator.MarginDays} days");

        // Start-up (here: the first service that needs the options) stops, naming the setting and the minimum.
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => EncourageServices.StartAsync(Start,
            new Dictionary<string, string?> { ["Encourage:KeepDeliveryDays"] = (minimum - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        Assert.Contains("Encourage__KeepDeliveryDays must be at least " + minimum, e.Message, StringComparison.Ordinal);
        await using var enough = await EncourageServices.StartAsync(Start, new Dictionary<string, string?> { ["Encourage:KeepDeliveryDays"] = minimum.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(minimum, enough.Get<IOptions<Encourage.Hosting.EncourageOptions>>().Value.KeepDeliveryDays);
    }

    [Fact]
    public async Task The_sweep_reads_only_what_has_expired()
    {
        const string phone = "+12125550134";
        var (s, id) = await ActiveAsync(phone);
        await using var _ = s;
        var inbound = s.Get<InboundSmsHandler>();
        // 30 slips on 30 days, and a daily message on each: 30 texts and 30+ deliveries stored, expiring day by day.
        for (var d = 0; d < 30; d++)
        {
            await SendDayAsync(s, Start.AddDays(d).AddHours(2));
            s.Clock.Set(Start.AddDays(d).AddHours(10));
            await inbound.ReplyAsync(TwilioFields.NewSid(), phone, $"I checked his page again, day {d}", Ct);
        }
        var first = await SweepAtAsync(s, Start.AddDays(40)); // nothing has expired yet: reads the cursor only
        Assert.Equal(0, first.Expired);

        // 10 days' texts have expired (90 days after days 0..9): the sweep reads their 10 index rows and the cursor.
        s.Clock.Set(Start.AddDays(90 + 10).AddHours(1));
        var (result, entities) = await TableReads.Measure(() => s.Get<RetentionSweep>().RunAsync(Ct));
        Assert.Equal(10, result.TextsRemoved);
        Assert.Equal(10, result.IndexRowsRead);
        Assert.Equal(11, entities); // on the wire: 10 index rows + the cursor, none of the 50 other texts and deliveries
        var slips = await s.Get<SlipLog>().ForSubscriberAsync(id, Ct);
        Assert.Equal(10, slips.Count(r => r.Text.Length == 0));
        Assert.Equal(20, slips.Count(r => r.Text.Length > 0));

        // Again the same day: only the cursor.
        var (again, againEntities) = await TableReads.Measure(() => s.Get<RetentionSweep>().RunAsync(Ct));
        Assert.Equal(0, again.IndexRowsRead);
        Assert.Equal(1, againEntities);

        // The next day: one more.
        s.Clock.Set(Start.AddDays(90 + 11).AddHours(1));
        var (next, nextEntities) = await TableReads.Measure(() => s.Get<RetentionSweep>().RunAsync(Ct));
        Assert.Equal(1, next.TextsRemoved);
        Assert.Equal(2, nextEntities);
    }
}
