using System.Net;
using System.Text;
using Encourage.Replies;
using Encourage.TestSupport;

namespace Encourage.Hosts.Tests.Hostile;

/// <summary>A local host with one confirmed SMS subscriber, whose state every hostile test checks is unchanged.</summary>
public class HostileFixture : HostFixture
{
    public const string KnownPhone = "+12125550160";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Host.SubscribeAndConfirmSmsAsync(KnownPhone);
    }
}

internal static class Hostile
{
    /// <summary>Values that would change an OData filter if pasted into one unescaped.</summary>
    public static readonly string[] ODataMeta =
    [
        "'", "''", "' or PartitionKey eq 'outbox", "x' or '1' eq '1", " eq ", " or ", "PartitionKey", "PartitionKey ne ''",
        "RowKey gt '' or PartitionKey gt ''", "%27%20or%20PartitionKey%20ne%20%27", "+12125550160' or To ne '",
    ];

    /// <summary>Everything the outside world can see change: the whole outbox, and the dashboard's counters.</summary>
    public static async Task<string> SnapshotAsync(LocalHostProcess host)
    {
        // Settled: a send in flight writes the outbox first and its counter just after.
        var last = await TakeAsync(host);
        for (var i = 0; i < 20; i++)
        {
            await Task.Delay(400);
            var next = await TakeAsync(host);
            if (next == last) return next;
            last = next;
        }
        return last;
    }

    private static async Task<string> TakeAsync(LocalHostProcess host)
    {
        var outbox = await host.Client.GetStringAsync("/dev/outbox");
        var dashboard = await host.Client.GetStringAsync("/api/admin/dashboard");
        return outbox + "\n" + dashboard;
    }

    /// <summary>The known subscriber is still active: STATUS is answered with the streak.</summary>
    public static async Task AssertKnownSubscriberActiveAsync(LocalHostProcess host)
    {
        using var response = await host.PostInboundAsync(HostileFixture.KnownPhone, "STATUS");
        var replies = await response.TwimlAsync();
        Assert.Contains(replies, r => r.Contains("Days since you contacted", StringComparison.Ordinal));
    }

    public static void Assert4xx(HttpResponseMessage response, string what)
    {
        var code = (int)response.StatusCode;
        Assert.True(code is >= 400 and < 500, $"{what} answered {code} {response.StatusCode}");
    }

    public static void AssertNot5xx(HttpResponseMessage response, string what) =>
        Assert.True((int)response.StatusCode < 500, $"{what} answered {(int)response.StatusCode} {response.StatusCode}");

    public static HttpRequestMessage Request(string method, string path, HttpContent? content = null) =>
        new(new HttpMethod(method), path) { Content = content };

    public static StringContent Raw(string body, string? contentType)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = contentType is null ? null : System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    /// <summary>A form with the fields in the given order, duplicates kept.</summary>
    public static StringContent Form(IEnumerable<KeyValuePair<string, string>> pairs) =>
        Raw(string.Join('&', pairs.Select(kv => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(kv.Value))), "application/x-www-form-urlencoded");

    /// <summary>Posts a form signed as Twilio signs it (over <paramref name="signed"/>), but sending <paramref name="sent"/>.</summary>
    public static async Task<HttpResponseMessage> PostTwilioAsync(LocalHostProcess host, string path, IReadOnlyDictionary<string, string> signed,
        IEnumerable<KeyValuePair<string, string>>? sent = null, string? signature = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Form(sent ?? signed) };
        request.Headers.Add("X-Twilio-Signature", signature ?? TwilioSignature.Sign(TestSettings.TwilioAuthToken, TestSettings.PublicBaseUrl + path, signed));
        return await host.Client.SendAsync(request);
    }
}
