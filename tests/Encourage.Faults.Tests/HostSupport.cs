using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encourage.TestSupport;

namespace Encourage.Faults.Tests;

internal static class HostSupport
{
    /// <summary>Moves the host's clock to the next 10:00 in New York: every later 24 h advance lands an hour after a
    /// 09:00 send time, inside the SMS window.</summary>
    public static async Task AlignClockAsync(this LocalHostProcess host)
    {
        using var doc = JsonDocument.Parse(await host.Client.GetStringAsync("/dev/clock"));
        var now = doc.RootElement.GetProperty("utc").GetDateTimeOffset();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(F.Zone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var target = new DateTime(local.Year, local.Month, local.Day, 10, 0, 0, DateTimeKind.Unspecified);
        if (target <= local.DateTime.AddMinutes(1)) target = target.AddDays(1);
        var hours = (TimeZoneInfo.ConvertTimeToUtc(target, zone) - now.UtcDateTime).TotalHours;
        if (hours > 0.01) await host.AdvanceAsync(hours);
    }

    public static async Task SubscribeAsync(this LocalHostProcess host, string phone)
    {
        using var response = await host.Client.PostAsJsonAsync("/api/subscribe", new Dictionary<string, string>
        {
            ["firstName"] = "Ana", ["phone"] = phone, ["channel"] = "sms", ["timeZone"] = F.Zone, ["sendTime"] = "09:00", ["pronoun"] = "him",
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    public static async Task<T> WaitAsync<T>(Func<T> read, Func<T, bool> done, string what, double seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) Assert.Fail("Timed out waiting for " + what);
            await Task.Delay(20);
        }
    }

    public sealed record OutboxEntry(string Channel, string To, string Text, DateTimeOffset CreatedUtc);

    public static async Task<List<OutboxEntry>> OutboxAsync(this LocalHostProcess host, string? to = null) =>
        await host.Client.GetFromJsonAsync<List<OutboxEntry>>("/dev/outbox" + (to is null ? "" : "?to=" + Uri.EscapeDataString(to)),
            new JsonSerializerOptions(JsonSerializerDefaults.Web)) ?? [];
}
