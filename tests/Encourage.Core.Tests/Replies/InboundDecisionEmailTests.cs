using Encourage.Arc;
using Encourage.Replies;
using Encourage.Safety;

namespace Encourage.Core.Tests.Replies;

/// <summary>The reply rules for a reply by email, as a table: the same decision, with STOP and the text-only keywords by email.</summary>
public sealed class InboundDecisionEmailTests
{
    private const string MessageId = "em00000000000000000000000000000001";
    private static readonly DateTimeOffset Now = new(2027, 5, 20, 14, 0, 0, TimeSpan.Zero);
    private static readonly ReplyBook Book = ReplyBook.LoadEmbedded().WithStandingValues(new Dictionary<string, string> { [ReplyKeys.SupportValue] = "help@encourage.example.net" });
    private static readonly CrisisHelp Crisis = new(CrisisResources.LoadEmbedded());
    private static readonly InboundContext ByEmail = new(MessageId, "", Book, Programme.LoadEmbedded(), Crisis, "GB",
        new LocalTime(8, 0), new LocalTime(21, 0), "https://example.test/manage", Channels.Email);

    private static Subscriber? State(string state)
    {
        if (state == "stranger") return null;
        var p = new Subscriber
        {
            Id = "e1",
            FirstName = "Ana",
            Email = "ana@example.org",
            Channel = state == "both" ? Channels.Both : Channels.Email,
            Phone = state == "both" ? "+12125550180" : null,
            SmsConfirmed = state == "both",
            Pronoun = Pronoun.Her,
            TimeZone = "Europe/London",
            EmailConfirmed = state != "pending",
            NextEntry = 5,
            CreatedUtc = Now.AddDays(-6),
            ConfirmedUtc = Now.AddDays(-5),
        };
        p.Status = state switch
        {
            "pending" => SubscriberStatus.Pending,
            "stopped" => SubscriberStatus.Unsubscribed,
            _ => SubscriberStatus.Active,
        };
        if (state == "stopped") p.EmailStopped = true;
        if (state == "smsstopped") p.SmsStopped = true;
        return p;
    }

    // state, text, lifecycle step ("" for none), reply keys (comma-separated), a check-back follows
    public static TheoryData<string, string, string, string, bool> Rows => new()
    {
        // STOP by email stops emails, and says so by email; "wrong person" stops them quietly.
        { "active", "STOP", "StopEmail", "email_stop", false },
        { "active", "unsubscribe", "StopEmail", "email_stop", false },
        { "both", "STOP", "StopEmail", "email_stop", false },
        { "active", "wrong number", "StopEmail", "", false },
        { "stopped", "STOP", "StopEmail", "email_stop", false },
        // YES, START and JOIN are for texts: a short answer, never a confirmation or a sign-up.
        { "active", "YES", "", "email_texts_only", false },
        { "active", "START", "", "email_texts_only", false },
        { "active", "JOIN", "", "email_texts_only", false },
        { "pending", "YES", "", "email_texts_only", false },
        { "stopped", "START", "", "", false },
        // Everything else works as it does by text.
        { "active", "I texted him", "", "slips.texted", false },
        { "active", "URGE", "", "urge", true },
        { "active", "STATUS", "", "status_summary", false },
        { "active", "PAUSE", "Pause", "pause", false },
        { "active", "HELP", "", "email_help", false },
        { "active", "HETEXTED", "", "he_texted", false },
        { "active", "thanks for this", "", "fallback_plain", false },
        { "active", "I want to die", "", "safety", false },
        { "stopped", "TEXTED", "", "", false },
        // A text-side STOP does not silence replies by email.
        { "smsstopped", "STATUS", "", "status_summary", false },
        // Nobody is matched by email without a profile: nothing is decided.
        { "stranger", "JOIN", "", "", false },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Decides_by_email(string state, string text, string step, string keys, bool checkback)
    {
        var decision = InboundDecision.Decide(State(state), KeywordParser.Parse(text), Now, ByEmail);

        Assert.Equal(step, InboundDecisionTests.StepName(decision.Lifecycle));
        Assert.Equal(keys, string.Join(',', decision.ReplyKeysSent));
        Assert.Equal(checkback, decision.CheckbackRef is not null);
    }

    [Fact]
    public void The_safety_help_by_email_is_the_email_wording_for_the_region_given()
    {
        var decision = InboundDecision.Decide(State("active"), KeywordParser.Parse("I want to die"), Now, ByEmail);

        Assert.Equal([Crisis.SafetyReply("GB", SafetyKind.SelfHarm, byEmail: true)], decision.Texts);
        Assert.NotEqual(Crisis.SafetyReply("GB", SafetyKind.SelfHarm, byEmail: false), decision.Texts[0]);
    }

    [Fact]
    public void A_slip_by_email_is_logged_as_by_text()
    {
        var decision = InboundDecision.Decide(State("active"), KeywordParser.Parse("I texted him"), Now, ByEmail);

        Assert.Equal("TEXTED", Assert.Single(decision.Events).Kind);
        Assert.Contains("slips|Texted", decision.Counters);
    }
}
