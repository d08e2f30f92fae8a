using Encourage.TestSupport;

namespace Encourage.Hosts.Tests;

/// <summary>
/// Every phrase the care issue names, through the signed webhook of the real local host: the misses get the help
/// for their kind and nothing else; the false alarms never get crisis help ("he hit me up" is him getting in touch).
/// </summary>
public sealed class IssuePhrasesWebhookTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string SelfHarmLine = "988";
    private const string AbuseLine = "1-800-799-7233";

    private LocalHostProcess Host => fixture.Host;

    private async Task<List<string>> SayAsync(string phone, string body)
    {
        using var response = await Host.PostInboundAsync(phone, body);
        var replies = await response.TwimlAsync();
        HostExtensions.NoBareKeywordLines(replies);
        return replies;
    }

    public static TheoryData<string, string, string> Misses() => new()
    {
        { "+12125550140", "I want to die", SelfHarmLine },
        { "+12125550141", "I miss him so much I want to die", SelfHarmLine },
        { "+12125550142", "I'm gonna kill my self", SelfHarmLine },
        { "+12125550143", "I'd rather be dead", SelfHarmLine },
        { "+12125550144", "nobody would even miss me", SelfHarmLine },
        { "+12125550145", "I took a bunch of pills", SelfHarmLine },
        { "+12125550146", "I've been cutting again", SelfHarmLine },
        { "+12125550147", "sucidal", SelfHarmLine },
        { "+12125550148", "he put his hands on me", AbuseLine },
        { "+12125550149", "he keeps showing up at my house", AbuseLine },
    };

    [Theory]
    [MemberData(nameof(Misses))]
    public async Task A_crisis_or_abuse_text_gets_the_help_for_its_kind_and_nothing_else(string phone, string text, string line)
    {
        await Host.SubscribeAndConfirmSmsAsync(phone);

        var only = Assert.Single(await SayAsync(phone, text));
        Assert.Contains(line, only, StringComparison.Ordinal);
        Assert.Contains("automated", only, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("+12125550190", "he hit me up last night")]
    [InlineData("+12125550191", "life is worth living again")]
    [InlineData("+12125550192", "he pushed me away")]
    [InlineData("+12125550193", "shooting myself in the foot")]
    [InlineData("+12125550194", "burning myself out")]
    [InlineData("+12125550195", "I cut myself off from his friends")]
    public async Task An_idiom_never_gets_crisis_help(string phone, string text)
    {
        await Host.SubscribeAndConfirmSmsAsync(phone);

        foreach (var reply in await SayAsync(phone, text))
        {
            Assert.DoesNotContain(SelfHarmLine, reply, StringComparison.Ordinal);
            Assert.DoesNotContain(AbuseLine, reply, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task He_hit_me_up_counts_as_him_reaching_out()
    {
        const string phone = "+12125550189";
        await Host.SubscribeAndConfirmSmsAsync(phone);
        var texted = Assert.Single(await SayAsync(phone, "HETEXTED"));
        var hitUp = Assert.Single(await SayAsync(phone, "he hit me up last night"));
        Assert.Equal(texted, hitUp);
    }
}
