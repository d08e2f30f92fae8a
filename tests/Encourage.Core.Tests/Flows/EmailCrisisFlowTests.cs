using Encourage.Replies;

namespace Encourage.Core.Tests.Flows;

/// <summary>
/// A crisis reply by email, from someone who has no phone on file: the help is for the country of their time zone,
/// and it is the only answer (through the real reply path on Azurite).
/// </summary>
public sealed class EmailCrisisFlowTests
{
    private static readonly DateTimeOffset Now = new(2027, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Europe/London", "116 123", "988")]
    [InlineData("America/New_York", "988", "116 123")]
    public async Task The_help_is_for_the_country_of_their_time_zone_and_comes_alone(string zone, string expected, string notExpected)
    {
        await using var s = await EncourageServices.StartAsync(Now);
        var email = $"ana-{Guid.NewGuid():N}@example.org";
        var id = await s.SubscribeConfirmedAsync(null, email, zone, new LocalTime(9, 0));

        var outcome = await s.Get<InboundReplies>().ReplyAsync(
            new InboundMessage(Channels.Email, "msg-" + Guid.NewGuid().ToString("N"), id, null, email, "I can't go on. I want to die."), CancellationToken.None);

        var answer = Assert.Single(outcome.Replies);
        Assert.Contains(expected, answer, StringComparison.Ordinal);
        Assert.DoesNotContain(notExpected, answer, StringComparison.Ordinal);
    }
}
