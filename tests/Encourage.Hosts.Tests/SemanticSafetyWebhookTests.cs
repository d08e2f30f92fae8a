using Encourage.TestSupport;
using Xunit.Abstractions;

namespace Encourage.Hosts.Tests;

/// <summary>
/// The semantic safety layer in the real local host, over the signed Twilio webhook: words no safety phrase lists get
/// the help for their kind and nothing else; an idiom and a slip stay what they are.
/// </summary>
public sealed class SemanticSafetyWebhookTests(HostFixture fixture, ITestOutputHelper output) : IClassFixture<HostFixture>
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

    [Theory]
    [InlineData("+12125550370", "there's a rope in the garage and i'm going to use it tonight", SelfHarmLine)]
    [InlineData("+12125550371", "I texted him and I'm scared of what he'll do", AbuseLine)]
    [InlineData("+12125550372", "he put his arm around my throat and squeezed", AbuseLine)]
    public async Task A_crisis_in_words_the_list_does_not_have_gets_the_help_alone(string phone, string text, string line)
    {
        await Host.SubscribeAndConfirmSmsAsync(phone);

        var only = Assert.Single(await SayAsync(phone, text));
        Assert.Contains(line, only, StringComparison.Ordinal);
        Assert.Contains("automated", only, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_host_loads_the_model_at_start_and_says_what_it_cost()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string? ready = null;
        while (ready is null && DateTime.UtcNow < deadline)
        {
            ready = Host.Output.Split('\n').FirstOrDefault(l => l.Contains("Semantic safety layer ready", StringComparison.Ordinal));
            if (ready is null) await Task.Delay(200);
        }

        Assert.True(ready is not null, "no 'Semantic safety layer ready' line:\n" + Host.Output);
        output.WriteLine(ready);
        Assert.DoesNotContain("Semantic safety layer UNAVAILABLE", Host.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("+12125550373", "killing it at work today")]
    [InlineData("+12125550374", "i texted him")]
    public async Task Everyday_words_never_get_crisis_help(string phone, string text)
    {
        await Host.SubscribeAndConfirmSmsAsync(phone);

        foreach (var reply in await SayAsync(phone, text))
        {
            Assert.DoesNotContain(SelfHarmLine, reply, StringComparison.Ordinal);
            Assert.DoesNotContain(AbuseLine, reply, StringComparison.Ordinal);
        }
    }
}
