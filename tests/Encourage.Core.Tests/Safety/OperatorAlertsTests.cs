using System.Text.Json;
using Encourage.Delivery;
using Encourage.Hosting;
using Encourage.Safety;
using Encourage.Storage;
using Microsoft.Extensions.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Encourage.Core.Tests.Safety;

/// <summary>Operator alerts on Azurite with a manual clock; the webhook is a WireMock listener on loopback.</summary>
public sealed class OperatorAlertsTests : IDisposable
{
    private const string Phone = "+12125550142";
    private const string OperatorEmail = "ops@example.org";
    private static readonly DateTimeOffset Start = new(2027, 3, 1, 14, 0, 0, TimeSpan.Zero);
    private readonly WireMockServer _hook = WireMockServer.Start();

    public void Dispose() => _hook.Stop();

    private async Task<EncourageServices> StartAsync(bool email = true, bool webhook = true)
    {
        // The alert waits at most 5 s for the webhook; a cold WireMock on a busy machine can take longer to answer
        // its very first request, so it answers one before the test starts.
        using (var warm = new HttpClient()) await warm.GetAsync(_hook.Url + "/warm-up");
        return await EncourageServices.StartAsync(Start, new Dictionary<string, string?>
        {
            ["Encourage:OperatorAlertEmail"] = email ? OperatorEmail : "",
            ["Encourage:OperatorAlertWebhook"] = webhook ? _hook.Url + "/alerts" : "",
        });
    }

    private void HookAnswers(int status) =>
        _hook.Given(Request.Create().WithPath("/alerts").UsingPost()).RespondWith(Response.Create().WithStatusCode(status));

    private List<JsonElement> HookBodies() =>
        [.. _hook.LogEntries.Where(e => e.RequestMessage.Path == "/alerts").Select(e => JsonDocument.Parse(e.RequestMessage.Body ?? "{}").RootElement.Clone())];

    private static async Task<IReadOnlyList<OutboxEntry>> EmailsAsync(EncourageServices s, string to) =>
        [.. (await s.Get<Outbox>().ListAsync(to, CancellationToken.None)).Where(e => e.Channel == "email")];

    [Fact]
    public async Task Two_matches_in_an_hour_alert_once_and_a_match_after_the_hour_alerts_again()
    {
        HookAnswers(200);
        await using var s = await StartAsync();
        var alerts = s.Get<IOperatorAlerts>();
        var id = s.Get<ContactKeys>().ForPhone(Phone);

        await alerts.AlertAsync(id, SafetyKind.SelfHarm, CancellationToken.None);
        s.Clock.Advance(TimeSpan.FromMinutes(59));
        await alerts.AlertAsync(id, SafetyKind.Abuse, CancellationToken.None);

        Assert.Single(await EmailsAsync(s, OperatorEmail));
        Assert.Single(HookBodies());

        s.Clock.Advance(TimeSpan.FromMinutes(2));
        await alerts.AlertAsync(id, SafetyKind.Abuse, CancellationToken.None);

        var emails = await EmailsAsync(s, OperatorEmail);
        Assert.Equal(2, emails.Count);
        Assert.Equal(2, HookBodies().Count);
        Assert.Equal("abuse", HookBodies()[1].GetProperty("kind").GetString());
        Assert.Contains("Encourage safety alert: abuse", emails[1].Subject, StringComparison.Ordinal);

        // Another subscriber is not held back by the first one's hour.
        await alerts.AlertAsync(s.Get<ContactKeys>().ForPhone("+12125550143"), SafetyKind.SelfHarm, CancellationToken.None);
        Assert.Equal(3, HookBodies().Count);
    }

    [Fact]
    public async Task The_alert_carries_id_time_kind_and_dashboard_and_never_the_number_or_the_text()
    {
        HookAnswers(204);
        await using var s = await StartAsync();
        var id = s.Get<ContactKeys>().ForPhone(Phone);

        await s.Get<IOperatorAlerts>().AlertAsync(id, SafetyKind.SelfHarm, CancellationToken.None);

        var body = Assert.Single(HookBodies());
        Assert.Equal(["type", "subscriberId", "kind", "utc", "dashboardUrl"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(id, body.GetProperty("subscriberId").GetString());
        Assert.Equal("self-harm", body.GetProperty("kind").GetString());
        Assert.Equal(Start, body.GetProperty("utc").GetDateTimeOffset());
        Assert.Equal(TestSettings.PublicBaseUrl + "/api/admin/dashboard", body.GetProperty("dashboardUrl").GetString());

        var email = Assert.Single(await EmailsAsync(s, OperatorEmail));
        Assert.Contains(id, email.Text, StringComparison.Ordinal);
        Assert.Contains("2027-03-01 14:00 UTC", email.Text, StringComparison.Ordinal);
        Assert.Contains(TestSettings.PublicBaseUrl + "/api/admin/dashboard", email.Text, StringComparison.Ordinal);
        foreach (var sent in new[] { _hook.LogEntries.Single(e => e.RequestMessage.Path == "/alerts").RequestMessage.Body ?? "", email.Text, email.Html ?? "", email.Subject ?? "" })
        {
            Assert.DoesNotContain("2125550142", sent, StringComparison.Ordinal);
            Assert.DoesNotContain("555", sent.Replace(id, "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
        // The log says so too, with the day's log id only (issue 20, finding 15): never the subscriber id next to a safety match.
        Assert.Contains(s.Logs.Lines, l => l.Level == LogLevel.Critical && l.Message.Contains(s.Get<Encourage.Privacy.LogIds>().For(id), StringComparison.Ordinal));
        Assert.DoesNotContain(s.Logs.Lines, l => l.Message.Contains(id, StringComparison.Ordinal));
        Assert.DoesNotContain(s.Logs.Lines, l => l.Message.Contains("2125550142", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_instances_at_once_send_one_alert()
    {
        HookAnswers(200);
        await using var s = await StartAsync(email: false);
        var id = s.Get<ContactKeys>().ForPhone(Phone);
        // Separate instances share only storage, as two Functions instances would.
        OperatorAlerts Instance() => new(s.Get<SubscriberStore>(), s.Get<IEmailSender>(), s.Get<IHttpClientFactory>(),
            s.Get<IOptions<EncourageOptions>>(), s.Clock, s.Get<Encourage.Privacy.LogIds>(), s.Get<ILogger<OperatorAlerts>>());

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Instance().AlertAsync(id, SafetyKind.Abuse, CancellationToken.None)));

        Assert.True(HookBodies().Count == 1, string.Join("\n", s.Logs.Lines.Where(l => l.Category.Contains("Alert", StringComparison.Ordinal)).Select(l => l.Message)));
    }

    [Fact]
    public async Task An_alert_nobody_received_does_not_use_up_the_hour()
    {
        HookAnswers(500);
        await using var s = await StartAsync(email: false);
        var alerts = s.Get<IOperatorAlerts>();
        var id = s.Get<ContactKeys>().ForPhone(Phone);

        await alerts.AlertAsync(id, SafetyKind.SelfHarm, CancellationToken.None); // the webhook fails: no exception for the caller
        _hook.Reset();
        HookAnswers(200);
        s.Clock.Advance(TimeSpan.FromMinutes(5));
        await alerts.AlertAsync(id, SafetyKind.SelfHarm, CancellationToken.None);
        await alerts.AlertAsync(id, SafetyKind.SelfHarm, CancellationToken.None);

        Assert.Single(HookBodies());
        Assert.Contains(s.Logs.Lines, l => l.Level == LogLevel.Error && l.Message.Contains("could not be sent by webhook", StringComparison.Ordinal));
    }

    [Fact]
    public async Task In_development_with_no_setting_the_alert_goes_to_the_outbox()
    {
        await using var s = await StartAsync(email: false, webhook: false);
        var id = s.Get<ContactKeys>().ForPhone(Phone);

        await s.Get<IOperatorAlerts>().AlertAsync(id, SafetyKind.Abuse, CancellationToken.None);

        var email = Assert.Single(await EmailsAsync(s, OperatorAlerts.DevelopmentRecipient));
        Assert.Contains(id, email.Text, StringComparison.Ordinal);
        Assert.Empty(HookBodies());
    }
}
