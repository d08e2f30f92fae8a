using Encourage.Arc;
using Encourage.Insights;
using Encourage.Replies;
using Encourage.Safety;

namespace Encourage.Core.Tests.Replies;

/// <summary>The reply rules for what the semantic layer reads: danger is help alone, the grey zone a check-in alone.</summary>
public sealed class SemanticDecisionTests
{
    private const string Sid = "SM00000000000000000000000000000002";
    private static readonly DateTimeOffset Now = new(2027, 5, 20, 14, 0, 0, TimeSpan.Zero);
    private static readonly ReplyBook Book = ReplyBook.LoadEmbedded().WithStandingValues(new Dictionary<string, string> { [ReplyKeys.SupportValue] = "help@encourage.example.net" });
    private static readonly InboundContext Sms = new(Sid, "+447700900123", Book, Programme.LoadEmbedded(), new CrisisHelp(CrisisResources.LoadEmbedded()), "GB",
        new LocalTime(8, 0), new LocalTime(21, 0), "https://example.test/manage");

    private static Subscriber Active(string? pendingUrge = null) => new()
    {
        Id = "s1",
        FirstName = "Ana",
        Phone = "+447700900123",
        Channel = Channels.Both,
        Email = "ana@example.test",
        EmailConfirmed = true,
        Pronoun = Pronoun.Her,
        TimeZone = "Europe/London",
        SendTime = "09:00",
        SmsConfirmed = true,
        NextEntry = 5,
        CreatedUtc = Now.AddDays(-6),
        ConfirmedUtc = Now.AddDays(-5),
        Status = SubscriberStatus.Active,
        PendingUrgeSid = pendingUrge,
    };

    private static ParsedReply Read(string text, SemanticVerdict verdict, SafetyKind kind = SafetyKind.Abuse) =>
        SemanticSafety.Apply(KeywordParser.Parse(text), new SemanticReading(verdict, kind, new SemanticScores(0, 0, 0)));

    [Theory]
    [InlineData(Channels.Sms)]
    [InlineData(Channels.Email)]
    public void The_grey_zone_is_a_check_in_with_the_crisis_line_alone_and_the_operator_is_told(Channels channel)
    {
        var decision = InboundDecision.Decide(Active(), Read("i dont know how much longer i can keep doing this", SemanticVerdict.Check), Now, Sms with { Channel = channel });

        var only = Assert.Single(decision.Replies);
        Assert.Equal(ReplyKeys.SafetyCheck, only.Key);
        Assert.Contains(new CrisisHelp(CrisisResources.LoadEmbedded()).CrisisLine("GB"), only.Text, StringComparison.Ordinal);
        Assert.Contains("automated", only.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("URGE", only.Text, StringComparison.Ordinal); // no keyword list
        Assert.DoesNotContain("DONE", only.Text, StringComparison.Ordinal);
        Assert.Equal(SafetyKind.Possible, decision.Alert);
        Assert.Null(decision.CheckbackRef);
        Assert.Null(decision.Lifecycle);
        Assert.Null(decision.Profile.SafetyMode); // no state change they did not ask for
        Assert.Contains(CounterNames.SafetyCheck, decision.Counters);
    }

    [Fact]
    public void An_urge_in_the_grey_zone_gets_no_urge_reply_and_no_check_back()
    {
        var decision = InboundDecision.Decide(Active(), Read("i want to call him so bad i cant breathe i cant do this", SemanticVerdict.Check), Now, Sms);

        Assert.Equal([ReplyKeys.SafetyCheck], decision.ReplyKeysSent);
        Assert.Null(decision.CheckbackRef);
    }

    [Fact]
    public void A_slip_and_abuse_in_one_text_logs_the_slip_quietly_and_answers_with_the_abuse_help_alone()
    {
        var decision = InboundDecision.Decide(Active(), Read("I texted him and I'm scared of what he'll do", SemanticVerdict.Danger, SafetyKind.Abuse), Now, Sms);

        var only = Assert.Single(decision.Replies);
        Assert.Equal(ReplyKeys.Safety, only.Key);
        Assert.Equal(new CrisisHelp(CrisisResources.LoadEmbedded()).SafetyReply("GB", SafetyKind.Abuse, byEmail: false), only.Text);
        Assert.Equal(["TEXTED"], decision.Events.Select(e => e.Kind));
        Assert.Contains("slips|Texted", decision.Counters);
        Assert.Equal(SafetyKind.Abuse, decision.Alert);
        Assert.True(decision.Profile.SafetyMode);
    }

    [Fact]
    public void A_stop_with_possible_danger_still_stops_and_answers_with_the_check_in_alone()
    {
        var decision = InboundDecision.Decide(Active(), Read("stop texting me i dont want to be around much longer", SemanticVerdict.Check), Now, Sms);

        Assert.IsType<LifecycleStep.Stop>(decision.Lifecycle);
        Assert.Equal([ReplyKeys.SafetyCheck], decision.ReplyKeysSent);
    }

    [Fact]
    public void A_check_in_is_an_urgent_reply_outside_the_ordinary_budget()
    {
        var parsed = Read("i dont know how much longer i can keep doing this", SemanticVerdict.Check);
        Assert.Equal(ReplyBudgetKind.Urgent, ReplyCaps.KindOf(InboundDecision.Decide(Active(), parsed, Now, Sms), parsed));
    }

    [Fact]
    public void A_clear_reading_changes_nothing()
    {
        var parsed = KeywordParser.Parse("i texted him");
        Assert.Equal(parsed, SemanticSafety.Apply(parsed, new SemanticReading(SemanticVerdict.Clear, SafetyKind.SelfHarm, new SemanticScores(0, 0, 0))));
        Assert.Equal(parsed, SemanticSafety.Apply(parsed, null));
    }
}
