using Encourage.Core.Tests.Scheduling;
using Encourage.Delivery;
using Encourage.Replies;

namespace Encourage.Core.Tests.Trust;

/// <summary>Issue 11, where HTTP adds nothing: link expiry, the suppression list when sending, CSV cells, the total limit.</summary>
public sealed class TrustCoreTests
{
    private static readonly DateTimeOffset Start = SchedulingSteps.Utc("America/New_York", 2027, 5, 10, 10, 0);

    [Fact]
    public async Task A_confirm_link_works_within_ConfirmLinkDays_and_not_after()
    {
        await using var s = await EncourageServices.StartAsync(Start, new Dictionary<string, string?> { ["Encourage:ConfirmLinkDays"] = "2" });
        var life = s.Get<SubscriptionLifecycle>();
        var tokens = s.Get<LinkToken>();
        await life.SubscribeAsync(new ValidSubscription("Ana", null, "late@example.com", Channels.Email, "America/New_York", new LocalTime(9, 0), null, Pronoun.Her), false, SchedulingSteps.Ct);
        var profile = (await s.Get<SubscriberStore>().GetByEmailAsync("late@example.com", SchedulingSteps.Ct))!;
        var claim = tokens.Read(tokens.Create(LinkPurpose.Confirm, profile, Channels.Email), LinkPurpose.Confirm)!;

        s.Clock.Set(Start.AddDays(2).AddMinutes(1));
        Assert.Equal(LinkStanding.Expired, tokens.Standing(claim, profile));
        Assert.Equal(LifecycleOutcome.Expired, await life.ConfirmAsync(profile.Id, Channels.Email, SchedulingSteps.Ct, claim));
        Assert.Equal(SubscriberStatus.Pending, (await s.Get<SubscriberStore>().GetAsync(profile.Id, SchedulingSteps.Ct))!.Status);

        s.Clock.Set(Start.AddDays(1));
        Assert.Equal(LifecycleOutcome.Done, await life.ConfirmAsync(profile.Id, Channels.Email, SchedulingSteps.Ct, claim));
    }

    [Fact]
    public async Task An_unsubscribe_link_keeps_working_for_months_while_contact_and_generation_match()
    {
        await using var s = await EncourageServices.StartAsync(Start);
        var id = await SchedulingSteps.SubscribeSmsAsync(s, SchedulingSteps.Phone(71), "America/New_York", new LocalTime(9, 0));
        var tokens = s.Get<LinkToken>();
        var profile = (await s.Get<SubscriberStore>().GetAsync(id, SchedulingSteps.Ct))!;
        var claim = tokens.Read(tokens.Create(LinkPurpose.Unsubscribe, profile, Channels.Sms), LinkPurpose.Unsubscribe)!;
        s.Clock.Set(Start.AddDays(120));
        Assert.Equal(LinkStanding.Current, tokens.Standing(claim, profile));
        // Another contact on the same profile id, or another generation: older.
        profile.Phone = SchedulingSteps.Phone(72);
        Assert.Equal(LinkStanding.Older, tokens.Standing(claim, profile));
        profile.Phone = SchedulingSteps.Phone(71);
        profile.Generation++;
        Assert.Equal(LinkStanding.Older, tokens.Standing(claim, profile));
    }

    [Fact]
    public async Task A_suppressed_contact_gets_nothing_until_it_confirms_again_itself()
    {
        await using var s = await EncourageServices.StartAsync(Start);
        var phone = SchedulingSteps.Phone(73);
        var id = await SchedulingSteps.SubscribeSmsAsync(s, phone, "America/New_York", new LocalTime(9, 0));
        var handler = s.Get<SendJobHandler>();
        await s.Get<Suppressions>().AddAsync(phone, SchedulingSteps.Ct);

        await handler.HandleAsync(new SendJob(SendJobKind.Welcome, id, Channel: Channels.Sms), SchedulingSteps.Ct);
        Assert.Equal(0, await SchedulingSteps.OutboxSmsCountAsync(s, phone));

        // STOP, then START from the phone itself: its own fresh opt-in lifts the suppression.
        var life = s.Get<SubscriptionLifecycle>();
        await life.StopChannelAsync(id, Channels.Sms, "stop", SchedulingSteps.Ct);
        await life.RestartSmsAsync(id, SchedulingSteps.Ct);
        Assert.False(await s.Get<Suppressions>().IsSuppressedAsync(phone, SchedulingSteps.Ct));
        await handler.HandleAsync(new SendJob(SendJobKind.Welcome, id, Channel: Channels.Sms), SchedulingSteps.Ct);
        Assert.Equal(1, await SchedulingSteps.OutboxSmsCountAsync(s, phone));
    }

    [Fact]
    public async Task A_web_sign_up_does_not_lift_a_suppression_only_the_contacts_confirmation_does()
    {
        await using var s = await EncourageServices.StartAsync(Start);
        var phone = SchedulingSteps.Phone(74);
        await s.Get<Suppressions>().AddAsync(phone, SchedulingSteps.Ct);
        var life = s.Get<SubscriptionLifecycle>();
        await life.SubscribeAsync(new ValidSubscription("Ana", phone, null, Channels.Sms, "America/New_York", new LocalTime(9, 0), null, Pronoun.Her), false, SchedulingSteps.Ct);
        Assert.True(await s.Get<Suppressions>().IsSuppressedAsync(phone, SchedulingSteps.Ct));
        var id = (await s.Get<SubscriberStore>().GetByPhoneAsync(phone, SchedulingSteps.Ct))!.Id;
        Assert.Equal(LifecycleOutcome.Done, await life.ConfirmAsync(id, Channels.Sms, SchedulingSteps.Ct));
        Assert.False(await s.Get<Suppressions>().IsSuppressedAsync(phone, SchedulingSteps.Ct));
    }

    [Fact]
    public async Task The_email_alias_is_written_only_after_the_email_confirms()
    {
        await using var s = await EncourageServices.StartAsync(Start);
        var phone = SchedulingSteps.Phone(75);
        var life = s.Get<SubscriptionLifecycle>();
        var store = s.Get<SubscriberStore>();
        await life.SubscribeAsync(new ValidSubscription("Ana", phone, "alias@example.com", Channels.Both, "America/New_York", new LocalTime(9, 0), null, Pronoun.Her), false, SchedulingSteps.Ct);
        // Issue 20: a "both" sign-up is two profiles. The phone's never holds the email, and the email's own profile
        // is pending until the email itself confirms; no alias points the email at the phone.
        var byPhone = (await store.GetByPhoneAsync(phone, SchedulingSteps.Ct))!;
        Assert.Null(byPhone.Email);
        var byEmail = (await store.GetByEmailAsync("alias@example.com", SchedulingSteps.Ct))!;
        Assert.NotEqual(byPhone.Id, byEmail.Id);
        Assert.Equal(SubscriberStatus.Pending, byEmail.Status);
        Assert.Equal(LifecycleOutcome.Done, await life.ConfirmAsync(byEmail.Id, Channels.Email, SchedulingSteps.Ct));
        Assert.Equal(byEmail.Id, (await store.GetByEmailAsync("alias@example.com", SchedulingSteps.Ct))?.Id);
        Assert.Equal(SubscriberStatus.Pending, (await store.GetByPhoneAsync(phone, SchedulingSteps.Ct))!.Status);
    }

    [Fact]
    public async Task Confirmations_in_total_are_limited_per_hour_across_addresses_one_share_per_network()
    {
        // 40 in total is 5 per share; addresses in one /24 share one.
        await using var s = await EncourageServices.StartAsync(Start, new Dictionary<string, string?> { ["Encourage:ConfirmationsPerHour"] = "40" });
        var limits = s.Get<SignupLimits>();
        for (var i = 0; i < 5; i++) Assert.Null(await limits.TryTakeAsync($"198.51.100.{i}", $"+1{212 + i}5550100", null, SchedulingSteps.Ct));
        var hit = await limits.TryTakeAsync("198.51.100.99", "+13105550100", null, SchedulingSteps.Ct);
        Assert.Equal("total", hit?.Limit);
        Assert.InRange(hit!.RetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        // The next hour is a new window.
        s.Clock.Set(Start.AddHours(1));
        Assert.Null(await limits.TryTakeAsync("198.51.100.99", "+13105550100", null, SchedulingSteps.Ct));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"x\")")]
    [InlineData("+1 drove past")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    [InlineData("\tcmd")]
    [InlineData("\rcmd")]
    public void A_csv_cell_that_starts_like_a_formula_is_neutralised(string text)
    {
        var csv = SlipLog.Csv([new ReplyEventRow { Kind = "slip", Utc = Start, Day = 3, Phase = "let-go", Text = text }]);
        var cell = csv.Split('\n')[1].Split(',', 5)[4].TrimStart('"');
        Assert.StartsWith("'", cell, StringComparison.Ordinal);
        Assert.Equal("'x", SlipLog.Escape("'x")[..2]);
        Assert.Equal("plain text", SlipLog.Escape("plain text"));
    }
}
