using System.Globalization;
using Encourage.Arc;
using Encourage.Delivery;
using Encourage.Hosting;
using Encourage.Scheduling;
using NodaTime;

namespace Encourage.Simulation;

/// <summary>One message the simulated subscriber received.</summary>
public sealed record SimulatedSend(DateTimeOffset Utc, LocalDateTime Local, int Day, int Entry, string Phase, string Channel, int Segments, string Text);

/// <summary>What to simulate.</summary>
public sealed record SimulationPlan(string TimeZone, string SendTime, LocalDate Start, int Days, Channels Channels, Pronoun Pronoun,
    string Phone = "+12125550100", string Email = "sim@example.com", string FirstName = "Ana");

/// <summary>
/// Subscribes and confirms one subscriber at 00:00 local on the start date, then runs the real dispatcher and
/// sender against the real store, moving a manual clock the way the 5-minute timer would. Ticks where nothing is
/// due are skipped in one step: the dispatcher's cursor reads every slot in between, exactly as after an outage.
/// </summary>
public sealed class Simulator(
    ManualClock clock,
    SubscriptionLifecycle lifecycle,
    SubscriberStore store,
    Dispatcher dispatcher,
    SendQueueDrainer drainer,
    Outbox outbox,
    DeliveryLog deliveries,
    Programme programme,
    SubscribeValidator validator,
    IOptions<EncourageOptions> options)
{
    /// <summary>
    /// Runs the plan. The sign-up goes through sign-up's own validation and normalising; what that changed (a time
    /// moved into quiet hours, onto a slot) is told to <paramref name="notice"/>. A plan sign-up would refuse throws
    /// <see cref="ArgumentException"/> with sign-up's messages.
    /// </summary>
    public async Task<IReadOnlyList<SimulatedSend>> RunAsync(SimulationPlan plan, CancellationToken cancellationToken, Action<string>? notice = null)
    {
        var zone = SendSchedule.Zone(plan.TimeZone);
        clock.Set(SendSchedule.ToDateTimeOffset(SendSchedule.At(plan.Start, LocalTime.Midnight, zone)));
        var phone = plan.Channels.HasFlag(Channels.Sms) ? plan.Phone : null;
        var email = plan.Channels.HasFlag(Channels.Email) ? plan.Email : null;
        var channel = ChannelNames.Of(plan.Channels);
        var (valid, errors) = validator.Validate(new SubscribeRequest(plan.FirstName, phone, email, channel, plan.TimeZone, plan.SendTime,
            SendSchedule.Format(plan.Start), plan.Pronoun.ToString().ToLowerInvariant()));
        if (valid is null) throw new ArgumentException(string.Join(" ", errors.Select(e => $"{e.Key}: {e.Value}")), nameof(plan));
        if (SendSchedule.TryParseTime(plan.SendTime, out var preferred) && SendWindow.From(options.Value).Explain(preferred) is { } changed)
        {
            notice?.Invoke(changed);
        }
        await lifecycle.SubscribeAsync(valid, sendConfirmation: true, cancellationToken);
        var profile = phone is not null ? await store.GetByPhoneAsync(phone, cancellationToken) : await store.GetByEmailAsync(email!, cancellationToken);
        var id = profile!.Id;
        if (plan.Channels.HasFlag(Channels.Sms)) await lifecycle.ConfirmAsync(id, Channels.Sms, cancellationToken);
        if (plan.Channels.HasFlag(Channels.Email)) await lifecycle.ConfirmAsync(id, Channels.Email, cancellationToken);
        await drainer.DrainAsync(cancellationToken);

        var end = SendSchedule.ToDateTimeOffset(SendSchedule.At(plan.Start.PlusDays(plan.Days), LocalTime.Midnight, zone));
        var tick = TimeSpan.FromMinutes(SendSchedule.SlotMinutes);
        while (clock.GetUtcNow() < end)
        {
            var current = await store.GetAsync(id, cancellationToken);
            if (current?.NextDueUtc is not { } due || current.Status is SubscriberStatus.Graduated or SubscriberStatus.Unsubscribed) break;
            var now = clock.GetUtcNow();
            var next = new DateTimeOffset(Math.Max(now.Add(tick).UtcTicks, due.UtcTicks), TimeSpan.Zero);
            next = new DateTimeOffset(next.UtcTicks - next.UtcTicks % tick.Ticks, TimeSpan.Zero); // on a timer tick
            if (next <= now) next = now + tick;
            if (next >= end) break;
            clock.Set(next);
            await dispatcher.TickAsync(cancellationToken);
            await drainer.DrainAsync(cancellationToken);
        }

        return await CollectAsync(id, phone, email, zone, cancellationToken);
    }

    private async Task<IReadOnlyList<SimulatedSend>> CollectAsync(string id, string? phone, string? email, DateTimeZone zone, CancellationToken cancellationToken)
    {
        var rows = (await deliveries.ForSubscriberAsync(id, cancellationToken))
            .Where(r => r.State == DeliveryStates.Sent && r.Kind == "daily" && r.SentUtc is not null)
            .ToList();
        var sent = new List<OutboxEntry>();
        if (phone is not null) sent.AddRange((await outbox.ListAsync(phone, cancellationToken)).Where(e => e.Channel == ChannelNames.Sms));
        if (email is not null) sent.AddRange((await outbox.ListAsync(email, cancellationToken)).Where(e => e.Channel == ChannelNames.Email));

        var first = rows.Count == 0 ? default : SendSchedule.LocalDateOf(rows.Min(r => r.SentUtc!.Value), zone);
        var result = new List<SimulatedSend>();
        foreach (var row in rows.OrderBy(r => r.SentUtc).ThenBy(r => r.Channel, StringComparer.Ordinal))
        {
            var message = sent.FirstOrDefault(e => e.Channel == row.Channel && e.CreatedUtc == row.SentUtc);
            var text = message is null ? "" : row.Channel == ChannelNames.Sms ? message.Text : message.Subject ?? "";
            var local = SendSchedule.LocalOf(row.SentUtc!.Value, zone);
            result.Add(new SimulatedSend(row.SentUtc.Value, local, Period.Between(first, local.Date, PeriodUnits.Days).Days + 1, row.Entry,
                programme.PhaseOf(row.Entry).Id, row.Channel, row.Channel == ChannelNames.Sms ? Gsm7.Segments(text) : 0, text));
        }
        return result;
    }

    public static string Csv(IEnumerable<SimulatedSend> sends)
    {
        var w = new StringWriter(CultureInfo.InvariantCulture);
        w.WriteLine("utc,local,day,phase,channel,segments,text");
        foreach (var s in sends)
        {
            w.WriteLine(string.Join(',',
                s.Utc.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                s.Local.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
                s.Day.ToString(CultureInfo.InvariantCulture), s.Phase, s.Channel,
                s.Segments.ToString(CultureInfo.InvariantCulture), Replies.SlipLog.Escape(s.Text)));
        }
        return w.ToString();
    }
}
