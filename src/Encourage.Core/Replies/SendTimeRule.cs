using System.Globalization;
using Encourage.Scheduling;
using NodaTime;

namespace Encourage.Replies;

/// <summary>
/// TIME by text: the asked-for time is moved into the quiet-hours window exactly as at sign-up, and the reply says the
/// time that applies and from which day. The day follows <see cref="SubscriptionLifecycle.NextSendTime(string, NodaTime.LocalTime, string?, DateTimeOffset)"/>,
/// the rule the change itself uses: never a second message on one local date, never a skipped one.
/// </summary>
public static class SendTimeRule
{
    public static Decision Decide(Subscriber p, LocalTime? asked, DateTimeOffset now, InboundContext ctx, Func<string, (string, string)[], ReplyMessage> say)
    {
        if (asked is not { } wanted)
        {
            return new Decision { Replies = [say(ReplyKeys.TimeUnknown, [])] };
        }

        var time = SendSchedule.Normalize(wanted, ctx.QuietStart, ctx.QuietEnd);
        return new Decision
        {
            Lifecycle = new LifecycleStep.ChangeSendTime(time),
            Replies = [say(ReplyKeys.TimeChanged, [(ReplyKeys.TimeValue, Spoken(time)), (ReplyKeys.FromValue, From(p, time, now))])],
        };
    }

    /// <summary>"7:30pm", "8am": the way people write it back.</summary>
    public static string Spoken(LocalTime time)
    {
        var hour = time.Hour % 12 == 0 ? 12 : time.Hour % 12;
        var half = time.Hour < 12 ? "am" : "pm";
        return time.Minute == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{hour}{half}")
            : string.Create(CultureInfo.InvariantCulture, $"{hour}:{time.Minute:00}{half}");
    }

    /// <summary>"today", "tomorrow", or "when your messages resume" for someone paused or not yet started.</summary>
    public static string From(Subscriber p, LocalTime time, DateTimeOffset now)
    {
        if (p.Status != SubscriberStatus.Active)
        {
            return "when your messages resume";
        }

        var zone = SendSchedule.Zone(p.TimeZone);
        var next = SubscriptionLifecycle.NextSendTime(p.TimeZone, time, p.LastSentLocalDate, now);
        var date = SendSchedule.LocalDateOf(next, zone);
        var today = SendSchedule.LocalDateOf(now, zone);
        return date == today ? "today" : date == today.PlusDays(1) ? "tomorrow" : date.ToString("dddd d MMMM", CultureInfo.InvariantCulture);
    }
}
