using Encourage.Delivery;
using Encourage.Privacy;
using Encourage.Replies;
using Encourage.Scheduling;

namespace Encourage.Core.Tests.Privacy;

/// <summary>
/// A whole subscription through the real services, every log line captured: no line holds the phone number (in any
/// format), the email address, a message sent or received, a link token, or a secret setting.
/// </summary>
public sealed class LogPrivacyTests
{
    private const string Phone = "+12125550177";
    private const string Email = "rosa.privacy77@example.com";
    private const string Zone = "America/New_York";
    private static CancellationToken Ct => CancellationToken.None;

    private static DateTimeOffset LocalAt(LocalDate date, int hour, int minute) =>
        SendSchedule.ToDateTimeOffset(SendSchedule.At(date, new LocalTime(hour, minute), SendSchedule.Zone(Zone)));

    [Fact]
    public async Task A_full_life_logs_nothing_private()
    {
        var day0 = new LocalDate(2027, 3, 1);
        await using var s = await EncourageServices.StartAsync(LocalAt(day0, 7, 0));
        var life = s.Get<SubscriptionLifecycle>();
        var inbound = s.Get<InboundSmsHandler>();
        var drainer = s.Get<SendQueueDrainer>();
        var received = new List<string>();
        var replies = new List<string>();

        async Task SayAsync(string body)
        {
            received.Add(body);
            s.Clock.Advance(TimeSpan.FromMinutes(3));
            replies.AddRange(await inbound.ReplyAsync(TwilioFields.NewSid(), Phone, body, Ct));
        }

        var (valid, errors) = s.Get<SubscribeValidator>().Validate(new SubscribeRequest("Rosa", "(212) 555-0177", Email, "both", Zone, "09:00", null, "him"));
        Assert.True(valid is not null, string.Join("; ", errors.Values));
        await life.SubscribeAsync(valid!, sendConfirmation: true, Ct);
        await drainer.DrainAsync(Ct);

        await SayAsync("YES");
        // The email is a contact of its own (issue 20): it confirms its own profile.
        var id = s.Get<ContactKeys>().ForEmail(Email);
        Assert.Equal(LifecycleOutcome.Done, await life.ConfirmAsync(id, Channels.Email, Ct));
        await drainer.DrainAsync(Ct);

        string[][] said =
        [
            ["I texted him last night, I'm so sorry"],
            ["STATUS"],
            ["URGE", "OK"],
            ["I drove past his place on Elm Street"],
            ["I looked at his instagram again", "STATUS"],
            ["I want to die"], // a safety phrase: the alert is logged, masked
            ["he texted me happy birthday", "HELP"],
        ];
        for (var d = 1; d <= 7; d++)
        {
            s.Clock.Set(LocalAt(day0.PlusDays(d), 9, 5));
            await s.Get<Dispatcher>().TickAsync(Ct);
            await drainer.DrainAsync(Ct);
            s.Clock.Set(LocalAt(day0.PlusDays(d), 19, 30));
            foreach (var body in said[d - 1]) await SayAsync(body);
        }
        await SayAsync("STOP");
        await drainer.DrainAsync(Ct);

        var outbox = await s.Get<Outbox>().ListAsync(null, Ct);
        Assert.True(outbox.Count(e => e.Channel == "sms" && e.To == Phone) >= 8, $"only {outbox.Count} outbox messages");
        Assert.Contains(outbox, e => e.Channel == "email" && e.To == Email);
        Assert.Contains(replies, r => r.Contains("988", StringComparison.Ordinal));

        var lines = s.Logs.Lines.Select(l => $"{l.Category} [{l.Id.Id}] {l.Message}").ToList();
        // The run really logged (sends, replies, the safety alert), masked.
        // A safety match is logged with the day's log id alone (issue 20, finding 15): not even the masked number.
        Assert.Contains(lines, l => l.Contains("SAFETY ALERT", StringComparison.Ordinal) && l.Contains("log id l", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("SAFETY ALERT", StringComparison.Ordinal) && l.Contains(Redact.Phone(Phone), StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(Redact.Email(Email), StringComparison.Ordinal));
        Assert.True(lines.Count > 20, $"only {lines.Count} log lines");

        var texts = outbox.SelectMany(e => new[] { e.Text, e.Subject ?? "" }).Concat(received).Concat(replies).ToList();
        LogPrivacy.AssertNoneContain(lines,
            LogPrivacy.PhoneForms(Phone).Select(v => ("phone", v))
                .Concat(LogPrivacy.EmailForms(Email).Select(v => ("email", v)))
                .Concat(LogPrivacy.Secrets.Select(v => ("secret", v)))
                .Concat(texts.SelectMany(LogPrivacy.BodyForms).Select(v => ("message", v)))
                .Concat(outbox.SelectMany(e => LogPrivacy.TokensIn(e.Text + e.Html)).Select(v => ("link token", v)))
                .Append(("first name in a message", "Rosa")));
    }
}
