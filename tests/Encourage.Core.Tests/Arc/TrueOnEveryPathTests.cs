using Encourage.Arc;
using Encourage.Delivery;
using Encourage.Replies;
using Encourage.Scheduling;

namespace Encourage.Core.Tests.Arc;

/// <summary>
/// A reach-out on any day never makes a later message false: the "if you hear from them" messages come forward as
/// a detour, the arc resumes where it was, and a message that assumes time has passed waits until it has.
/// </summary>
public sealed class TrueOnEveryPathTests
{
    private static readonly Programme Programme = Programme.LoadEmbedded();

    /// <summary>What the words of the programme take for granted, read by a person, checked against what was really sent.</summary>
    private static readonly (string Phrase, Func<ProgrammeEntry, IReadOnlyList<int>, bool> TrueWhen, string Why)[] ReadClaims =
    [
        ("message most days for six weeks", (_, before) => before.Count >= 42, "42 messages before it"),
        ("you've been going out", (_, before) => EntriesOf(PhaseIds.LiveItUp).All(before.Contains), "every live-it-up message before it"),
        ("to live well on your own terms", (_, before) => EntriesOf(PhaseIds.LiveItUp).All(before.Contains), "every live-it-up message before it"),
        ("messages come once a week", (self, before) => Programme.Entries.Where(e => e.DaysAfterPrevious <= 1 && e != self).All(e => before.Contains(e.Number)), "every other daily message before it"),
    ];

    private static IEnumerable<int> EntriesOf(string phase) => Programme.Entries.Where(e => e.PhaseId == phase).Select(e => e.Number);

    /// <summary>The programme as one person gets it, with a reach-out after the message of <paramref name="reachOutDay"/> (0: none).</summary>
    private static List<int> Walk(int reachOutDay)
    {
        var position = 1;
        var sent = 0L;
        var order = new List<int>();
        for (var day = 1; day <= 200; day++)
        {
            var entry = ProgrammeSelection.Choose(Programme, position, sent);
            if (entry is null) break;
            order.Add(entry.Number);
            sent = ProgrammeSelection.MarkSent(sent, entry.Number);
            var after = ProgrammeSelection.After(Programme, entry.Number, sent);
            if (entry.IsGraduation || after is null) break;
            position = after.Value;
            if (day == reachOutDay) position = ProgrammeSelection.AfterContact(Programme, position);
        }
        return order;
    }

    public static TheoryData<int> ReachOutDays() => [.. Enumerable.Range(0, 45)];

    [Theory]
    [MemberData(nameof(ReachOutDays))]
    public void A_reach_out_on_any_day_sends_every_message_once_and_none_before_it_is_true(int reachOutDay)
    {
        var order = Walk(reachOutDay);

        Assert.Equal(Enumerable.Range(1, Programme.Entries.Count), order.Order());
        Assert.True(Programme.Entry(order[^1])!.IsGraduation);
        // Daily messages all come before the weekly ones.
        var firstWeekly = order.FindIndex(n => Programme.Entry(n)!.DaysAfterPrevious == 7);
        Assert.All(order.Skip(firstWeekly), n => Assert.Equal(7, Programme.Entry(n)!.DaysAfterPrevious));

        for (var i = 0; i < order.Count; i++)
        {
            var entry = Programme.Entry(order[i])!;
            var before = order.Take(i).ToList();
            Assert.True(before.Count >= entry.Assumptions.Days, $"day {i + 1}: entry {entry.Number} assumes {entry.Assumptions.Days} messages, had {before.Count}");
            if (entry.Assumptions.AfterPhase is { } phase)
                Assert.True(EntriesOf(phase).All(before.Contains), $"day {i + 1}: entry {entry.Number} assumes all of {phase}");
            var words = entry.Sms + "\n" + entry.EmailMarkdown;
            foreach (var (phrase, trueWhen, why) in ReadClaims)
            {
                if (words.Contains(phrase, StringComparison.OrdinalIgnoreCase))
                    Assert.True(trueWhen(entry, before), $"reach-out after day {reachOutDay}: entry {entry.Number} on day {i + 1} says \"{phrase}\" but needs {why}");
            }
        }
    }

    [Fact]
    public void An_early_reach_out_brings_the_reach_out_messages_forward_then_resumes_the_arc()
    {
        var order = Walk(reachOutDay: 3);
        var first = Programme.FirstEntryOf(PhaseIds.IfHeReachesOut);

        Assert.Equal([1, 2, 3, first], order.Take(4));
        // "Busy, and well" (which says you've been going out) waits until the live-it-up week has been sent.
        var busy = Programme.Entries.Single(e => e.EmailMarkdown.Contains("you've been going out", StringComparison.Ordinal)).Number;
        Assert.True(order.IndexOf(busy) > order.IndexOf(EntriesOf(PhaseIds.LiveItUp).Max()));
        // After the detour, day 4 of the arc comes next: nothing of give-space is lost.
        var resume = order.IndexOf(4);
        Assert.All(order.Skip(4).Take(resume - 4), n => Assert.Equal(PhaseIds.IfHeReachesOut, Programme.Entry(n)!.PhaseId));
    }

    [Fact]
    public void A_second_reach_out_after_the_detour_does_not_jump_ahead()
    {
        var sent = 0L;
        foreach (var n in new[] { 1, 2, 3, 39, 41, 42, 4, 5 }) sent = ProgrammeSelection.MarkSent(sent, n);
        var position = ProgrammeSelection.AfterContact(Programme, 6);

        Assert.Equal(6, ProgrammeSelection.Choose(Programme, position, sent)!.Number);
    }

    [Fact]
    public void A_profile_from_before_positions_were_recorded_is_read_as_having_had_everything_before_its_position()
    {
        var sent = ProgrammeSelection.SentOrInferred(0, 10);

        Assert.Equal(9, ProgrammeSelection.Count(sent));
        Assert.Equal(10, ProgrammeSelection.Choose(Programme, 10, sent)!.Number);
        Assert.Equal(0, ProgrammeSelection.SentOrInferred(0, 1));
    }

    private const string Phone = "+12125550181";
    private static readonly DateTimeOffset Start = new(2027, 5, 10, 11, 0, 0, TimeSpan.Zero); // 07:00 New York

    [Fact]
    public async Task On_Azurite_a_reach_out_on_day_3_sends_the_detour_then_the_arc_and_every_message_is_true_when_sent()
    {
        await using var s = await EncourageServices.StartAsync(Start);
        var lifecycle = s.Get<SubscriptionLifecycle>();
        await lifecycle.SubscribeAsync(
            new ValidSubscription("Ana", Phone, null, Channels.Sms, "America/New_York", new LocalTime(9, 0), null, Pronoun.Them),
            sendConfirmation: true, CancellationToken.None);
        var id = (await s.Get<SubscriberStore>().GetByPhoneAsync(Phone, CancellationToken.None))!.Id;
        await lifecycle.ConfirmAsync(id, Channels.Sms, CancellationToken.None);
        await s.Get<SendQueueDrainer>().DrainAsync(CancellationToken.None);

        for (var day = 0; day < 110; day++)
        {
            s.Clock.Set(Start.AddDays(day).AddHours(2)); // 09:00 local
            await s.Get<Dispatcher>().TickAsync(CancellationToken.None);
            await s.Get<SendQueueDrainer>().DrainAsync(CancellationToken.None);
            if (day == 2)
            {
                s.Clock.Set(Start.AddDays(day).AddHours(10));
                var answer = await s.Get<InboundSmsHandler>().ReplyAsync(TwilioFields.NewSid(), Phone, "HETEXTED", CancellationToken.None);
                Assert.Equal(s.Get<ReplyBook>().Text(ReplyKeys.HeTexted, "Ana", Pronoun.Them), Assert.Single(answer));
            }
        }

        var rows = (await s.Get<DeliveryLog>().ForSubscriberAsync(id, CancellationToken.None))
            .Where(r => r.Kind == "daily").OrderBy(r => r.ClaimedUtc).ToList();
        var order = rows.Select(r => r.Entry).ToList();
        Assert.Equal(Walk(reachOutDay: 3), order);
        Assert.Equal(SubscriberStatus.Graduated, (await s.Get<SubscriberStore>().GetAsync(id, CancellationToken.None))!.Status);
        // One message per local date, never two.
        Assert.Equal(rows.Count, rows.Select(r => SendSchedule.LocalDateOf(r.ClaimedUtc, SendSchedule.Zone("America/New_York"))).Distinct().Count());
        // What went out is the entry's own words, in order.
        var texts = (await s.Get<Outbox>().ListAsync(Phone, CancellationToken.None))
            .Where(e => e.Channel == "sms" && !e.Text.Contains("YES", StringComparison.Ordinal) && !e.Text.StartsWith("Welcome", StringComparison.Ordinal) && e.Text != s.Get<ReplyBook>().Text(ReplyKeys.HeTexted, "Ana", Pronoun.Them))
            .Select(e => e.Text).ToList();
        Assert.Equal(order.Select(n => Placeholders.Fill(Programme.Entry(n)!.Sms, "Ana", Pronoun.Them)), texts);
    }
}
