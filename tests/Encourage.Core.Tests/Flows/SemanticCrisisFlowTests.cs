using Encourage.Replies;
using Encourage.Safety;

namespace Encourage.Core.Tests.Flows;

/// <summary>
/// Words no safety phrase lists, through the real reply path on Azurite with the real model, in both channels: the help
/// alone, and what else the text said logged quietly.
/// </summary>
public sealed class SemanticCrisisFlowTests
{
    private static readonly DateTimeOffset Now = new(2027, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private const string NewWording = "there's a rope in the garage and i'm going to use it tonight";

    [Fact]
    public async Task By_email_a_crisis_in_new_words_gets_the_help_alone()
    {
        Assert.Null(SafetyWords.Classify(NewWording));
        await using var s = await EncourageServices.StartAsync(Now);
        var email = $"ana-{Guid.NewGuid():N}@example.org";
        var id = await s.SubscribeConfirmedAsync(null, email, "Europe/London", new LocalTime(9, 0));

        var outcome = await s.Get<InboundReplies>().ReplyAsync(
            new InboundMessage(Channels.Email, "msg-" + Guid.NewGuid().ToString("N"), id, null, email, NewWording), CancellationToken.None);

        var answer = Assert.Single(outcome.Replies);
        Assert.Equal(s.Get<ICrisisHelp>().SafetyReply("GB", SafetyKind.SelfHarm, byEmail: true), answer);
    }

    [Fact]
    public async Task By_text_a_slip_and_fear_in_one_text_logs_the_slip_and_answers_with_the_abuse_help_alone()
    {
        await using var s = await EncourageServices.StartAsync(Now);
        const string phone = "+12125550177";
        var id = await s.SubscribeConfirmedAsync(phone, null, "America/New_York", new LocalTime(9, 0));

        var outcome = await s.Get<InboundReplies>().ReplyAsync(
            new InboundMessage(Channels.Sms, "SM" + Guid.NewGuid().ToString("N"), id, phone, null, "I texted him and I'm scared of what he'll do"), CancellationToken.None);

        var answer = Assert.Single(outcome.Replies);
        Assert.Equal(s.Get<ICrisisHelp>().SafetyReply("US", SafetyKind.Abuse, byEmail: false), answer);
        var slips = await s.Get<SlipLog>().ForSubscriberAsync(id, CancellationToken.None);
        Assert.Contains(slips, e => e.Kind == "TEXTED");
    }
}
