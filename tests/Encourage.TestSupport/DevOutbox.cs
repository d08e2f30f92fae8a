using System.Net.Http.Json;
using System.Text.Json;

namespace Encourage.TestSupport;

/// <summary>One entry as the local host's <c>GET /dev/outbox</c> lists it.</summary>
public sealed record OutboxMessage(
    string Channel,
    string To,
    string? Subject,
    string Text,
    string? Html,
    Dictionary<string, string>? Headers,
    DateTimeOffset CreatedUtc,
    string? Id = null);

/// <summary>The local host's /dev routes as the end-to-end tests use them: its outbox and its clock.</summary>
public static class DevOutbox
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Everything the outbox holds (for one number or address, if given), oldest first.</summary>
    public static async Task<List<OutboxMessage>> OutboxAsync(this LocalHostProcess host, string? to = null) =>
        await host.Client.GetFromJsonAsync<List<OutboxMessage>>("/dev/outbox" + (to is null ? "" : "?to=" + Uri.EscapeDataString(to)), Json) ?? [];

    /// <summary>
    /// Moves the host's clock to the next 10:00 in <paramref name="zone"/>, so every later AdvanceAsync(24) lands an
    /// hour after a 09:00 send time and inside the SMS window (outside it, due texts are rescheduled by design, not sent).
    /// A clock already between 10:00 and 10:30 there stays where it is, so aligning twice moves it once.
    /// </summary>
    public static async Task AlignClockAsync(this LocalHostProcess host, string zone = "America/New_York")
    {
        using var doc = JsonDocument.Parse(await host.Client.GetStringAsync("/dev/clock"));
        var now = doc.RootElement.GetProperty("utc").GetDateTimeOffset();
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var local = TimeZoneInfo.ConvertTime(now, tz);
        if (local.TimeOfDay >= TimeSpan.FromHours(10) && local.TimeOfDay < TimeSpan.FromHours(10.5)) return;
        var target = new DateTime(local.Year, local.Month, local.Day, 10, 0, 0, DateTimeKind.Unspecified);
        if (target <= local.DateTime) target = target.AddDays(1);
        var hours = (TimeZoneInfo.ConvertTimeToUtc(target, tz) - now.UtcDateTime).TotalHours;
        if (hours > 0.01) await host.AdvanceAsync(hours);
    }
}
