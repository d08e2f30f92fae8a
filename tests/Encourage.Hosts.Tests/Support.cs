using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Encourage.TestSupport;

namespace Encourage.Hosts.Tests;

/// <summary>One local host per test class.</summary>
public class HostFixture : IAsyncLifetime
{
    public LocalHostProcess Host { get; private set; } = null!;

    protected virtual IDictionary<string, string?>? Settings => null;

    public virtual async Task InitializeAsync()
    {
        Host = await LocalHostProcess.StartAsync(Settings);
        await Host.AlignClockAsync();
    }

    public virtual async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
    }
}

public static partial class HostExtensions
{
    /// <summary>
    /// Polls the outbox until <paramref name="predicate"/> holds for the list (up to 30 s: a queued message usually
    /// arrives in well under a second, but a host starting beside three busy test projects can take many); returns the
    /// last list.
    /// </summary>
    public static async Task<List<OutboxMessage>> WaitForOutboxAsync(this LocalHostProcess host, string to, Func<List<OutboxMessage>, bool> predicate, double seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var list = await host.OutboxAsync(to);
            if (predicate(list)) return list;
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Outbox for {to} never matched. It holds:\n" + string.Join("\n", list.Select(m => $"[{m.Channel}] {m.Text}")));
            }
            await Task.Delay(250);
        }
    }

    public static int Count(this List<OutboxMessage> list, string channel) => list.Count(m => m.Channel == channel);

    public static async Task<HttpResponseMessage> SubscribeJsonAsync(this LocalHostProcess host, string phone, string channel = "sms", string? email = null, string firstName = "Ana")
    {
        var body = new Dictionary<string, string?>
        {
            ["firstName"] = firstName,
            ["phone"] = phone,
            ["channel"] = channel,
            ["timeZone"] = "America/New_York",
            ["sendTime"] = "09:00",
            ["pronoun"] = "him",
        };
        if (email is not null) body["email"] = email;
        if (channel == "email") body.Remove("phone");
        return await host.Client.PostAsJsonAsync("/api/subscribe", body);
    }

    /// <summary>Subscribes by SMS, replies YES and waits for the welcome text; returns the welcome.</summary>
    public static async Task<OutboxMessage> SubscribeAndConfirmSmsAsync(this LocalHostProcess host, string phone)
    {
        using (var response = await host.SubscribeJsonAsync(phone)) Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        await host.WaitForOutboxAsync(phone, l => l.Any(m => m.Channel == "sms" && m.Text.Contains("YES", StringComparison.Ordinal)));
        using (var yes = await host.PostInboundAsync(phone, "YES")) Assert.Equal(System.Net.HttpStatusCode.OK, yes.StatusCode);
        var list = await host.WaitForOutboxAsync(phone, l => l.Any(m => m.Channel == "sms" && m.Text.Contains("Welcome", StringComparison.Ordinal)));
        return list.First(m => m.Channel == "sms" && m.Text.Contains("Welcome", StringComparison.Ordinal));
    }

    /// <summary>The TwiML &lt;Message&gt; texts of a webhook answer.</summary>
    public static async Task<List<string>> TwimlAsync(this HttpResponseMessage response)
    {
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var xml = await response.Content.ReadAsStringAsync();
        return System.Xml.Linq.XDocument.Parse(xml).Descendants("Message").Select(m => m.Value).ToList();
    }

    public static string UnsubscribeLink(string text)
    {
        var match = LinkPattern().Match(text);
        Assert.True(match.Success, "No unsubscribe link in: " + text);
        return match.Value;
    }

    public static string TokenOf(string link) => Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);

    /// <summary>A link's path and query, for the local host.</summary>
    public static string LocalPath(string link) => new Uri(link).PathAndQuery;

    /// <summary>No line of any reply is only a carrier keyword.</summary>
    public static void NoBareKeywordLines(IEnumerable<string> replies)
    {
        foreach (var reply in replies)
        {
            foreach (var line in reply.Split('\n'))
            {
                Assert.DoesNotMatch(BareKeyword(), line.Trim());
            }
        }
    }

    [GeneratedRegex(@"https?://[^\s)""<>]+/api/unsubscribe\?token=[A-Za-z0-9_\-\.%]+")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"^(?i:stop|start|help|unstop|stopall|unsubscribe|cancel|end|quit|info)$")]
    private static partial Regex BareKeyword();
}
