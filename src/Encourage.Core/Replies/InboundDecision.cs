using System.Globalization;
using Encourage.Insights;
using Encourage.Safety;
using Encourage.Scheduling;

namespace Encourage.Replies;

/// <summary>
/// The reply rules, as one pure function: from the profile as read, the parsed text and the time, what changes, what
/// is logged and counted, and what is answered. No storage, no clock: the rule tests run it as a table.
/// </summary>
/// <remarks>
/// Safety comes first and alone: help for the person's country and nothing else, whatever else the text says (its
/// slips are still logged quietly, a pending check-back is dropped, STOP still stops). Anything heard after an URGE
/// settles that urge, so its check-back only goes if nothing came since.
/// </remarks>
public static partial class InboundDecision
{
    public static Decision Decide(Subscriber? p, ParsedReply parsed, DateTimeOffset now, InboundContext ctx)
    {
        // A match of the rules or the semantic layer, or the semantic layer's grey zone: help alone, either way.
        if ((parsed.Safety ?? (parsed.PossibleDanger ? SafetyKind.Possible : null)) is { } kind)
        {
            // By email on a profile whose texts are someone's phone: help, the alert and a STOP, but nothing kept in it.
            return p is not null && SharesAProfile(p, ctx.Channel) ? Safety(null, parsed, now, ctx, kind) with
            {
                Lifecycle = parsed.Intent is Intent.Stop or Intent.WrongNumber ? StopStep(ctx.Channel, parsed.Intent == Intent.Stop) : null,
            } : Safety(p, parsed, now, ctx, kind);
        }

        if (ctx.Channel == Channels.Email && p is null)
        {
            return new Decision(); // an email reply is only ever read for a matched profile; nobody joins by email
        }

        if (p is null || (p.Status == SubscriberStatus.Graduated && parsed.Intent is Intent.Join or Intent.Start && ctx.Channel == Channels.Sms))
        {
            return Stranger(parsed, ctx);
        }

        var decision = ForSubscriber(p, parsed, now, ctx);
        if (p.PendingUrgeSid is { } pending && parsed.Intent != Intent.Urge && decision.Urge is null)
        {
            decision = decision with
            {
                Urge = new UrgeOutcome(pending, "heard"),
                Profile = decision.Profile with { ClearPendingUrge = true },
            };
        }

        return decision;
    }

    private static Decision Safety(Subscriber? p, ParsedReply parsed, DateTimeOffset now, InboundContext ctx, SafetyKind kind)
    {
        var help = kind == SafetyKind.Possible
            ? new ReplyMessage(ReplyKeys.SafetyCheck, ctx.Replies.Text(ReplyKeys.SafetyCheck, "", Pronoun.Them, Values((ReplyKeys.CrisisLineValue, ctx.Crisis.CrisisLine(ctx.Region)))))
            : new ReplyMessage(ReplyKeys.Safety, ctx.Crisis.SafetyReply(ctx.Region, kind, byEmail: ctx.Channel == Channels.Email));
        var decision = new Decision { Replies = [help], Alert = kind, Counters = [kind == SafetyKind.Possible ? CounterNames.SafetyCheck : CounterNames.Safety] };
        if (p is null)
        {
            return decision;
        }

        // What else the text said is logged, quietly; the only state changes are the ones asked for or needed for safety.
        var logged = Logging(p, parsed, now);
        var profile = logged.Profile with
        {
            ClearPendingUrge = p.PendingUrgeSid is not null,
            SafetyMode = kind == SafetyKind.Abuse ? true : null,
        };
        return logged with
        {
            Replies = decision.Replies,
            Alert = kind,
            Counters = [.. decision.Counters, .. logged.Counters],
            Profile = profile,
            Urge = p.PendingUrgeSid is { } pending ? new UrgeOutcome(pending, "crisis") : null,
            Lifecycle = parsed.Intent is Intent.Stop or Intent.WrongNumber ? StopStep(ctx.Channel, parsed.Intent == Intent.Stop) : null,
        };
    }

    /// <summary>The events a text reports (slips, an urge, contact), without any reply: for a text answered with help.</summary>
    private static Decision Logging(Subscriber p, ParsedReply parsed, DateTimeOffset now) => parsed.Intent switch
    {
        Intent.Urge => new Decision { Events = [new LoggedEvent(ReplyEventRow.UrgePrefix, "URGE", "crisis")], Counters = [CounterNames.Urges] },
        Intent.HeReachedOut => new Decision
        {
            Events = [new LoggedEvent(ReplyEventRow.ContactPrefix, (parsed.Contact ?? ContactKind.HeTexted).ToString().ToUpperInvariant())],
            Counters = [CounterNames.Contacts],
        },
        _ when parsed.Slips.Count > 0 => Slips(p, parsed.Slips, now),
        _ => new Decision(),
    };

    private static Decision Slips(Subscriber p, IReadOnlyList<SlipKind> slips, DateTimeOffset now)
    {
        var zone = SendSchedule.Zone(p.TimeZone);
        var contact = slips.Any(ReplyHistory.IsContact);
        var day = Math.Max(0, p.NextEntry - 1);
        return new Decision
        {
            Events = [.. slips.Select(k => new LoggedEvent(ReplyEventRow.SlipPrefix, k.ToString().ToUpperInvariant()))],
            Counters = [.. slips.SelectMany(k => new[] { CounterNames.Slips(k), CounterNames.SlipDay(k, day) })],
            Profile = new ProfileChanges
            {
                LongestStreakDays = contact ? Math.Max(p.LongestStreakDays, ReplyHistory.DaysSinceContact(p, now, zone)) : null,
                LastSlipUtc = contact ? now : null,
                RecoveryLinePending = true,
                RecentEventsJson = ReplyHistory.With(p, now, slips.Select(k => k.ToString().ToUpperInvariant())),
            },
        };
    }

    private static Decision Stranger(ParsedReply parsed, InboundContext ctx)
    {
        var book = ctx.Replies;
        switch (parsed.Intent)
        {
            case Intent.Join or Intent.Start when !ctx.PhoneAllowed:
                // The web form's country and number-type rules hold for texts too, answered with silence: an answer
                // abroad or to a premium number is what SMS pumping earns from, and we have no crisis lines there.
                return new Decision { Counters = [CounterNames.RefusedNumber] };
            case Intent.Join or Intent.Start:
                var zone = SubscribeValidator.GuessTimeZone(ctx.Phone);
                var time = SendSchedule.Normalize(new NodaTime.LocalTime(9, 0), ctx.QuietStart, ctx.QuietEnd);
                // No name or pronoun yet: they are asked for after YES, and "them" is the kindest guess until then.
                var sub = new ValidSubscription("", ctx.Phone, null, Channels.Sms, zone, time, null, Pronoun.Them);
                return new Decision
                {
                    Lifecycle = new LifecycleStep.Subscribe(sub),
                    Replies = [new(ReplyKeys.Join, book.Text(ReplyKeys.Join, "", Pronoun.Them, Values((ReplyKeys.ZoneValue, zone))))],
                };
            case Intent.Stop or Intent.WrongNumber:
                return new Decision();
            default:
                return new Decision { Replies = [new(ReplyKeys.HelpUnsubscribed, book.Text(ReplyKeys.HelpUnsubscribed, "", Pronoun.Them))] };
        }
    }

    private static Decision ForSubscriber(Subscriber p, ParsedReply parsed, DateTimeOffset now, InboundContext ctx)
    {
        ReplyMessage Say(string key, params (string Key, string Value)[] values) =>
            new(key, ctx.Replies.Text(key, p.FirstName, p.Pronoun, Values(values)));
        var stopped = p.Status == SubscriberStatus.Unsubscribed || (ctx.Channel == Channels.Email ? p.EmailStopped : p.SmsStopped);
        if (SharesAProfile(p, ctx.Channel))
        {
            return stopped ? new Decision() : OwnChannelOnly(parsed, ctx, Say);
        }
        if (ctx.Channel == Channels.Email && ByEmail(p, parsed, stopped, ctx, Say) is { } byEmail)
        {
            return byEmail;
        }

        // Keywords that change the subscription: each is idempotent, so a retried message repeats it harmlessly.
        switch (parsed.Intent)
        {
            case Intent.WrongNumber:
                return new Decision { Lifecycle = StopStep(Channels.Sms, stop: false) }; // nothing more goes to this number
            case Intent.Stop:
                return new Decision { Lifecycle = StopStep(Channels.Sms, stop: true), Replies = [Say(ReplyKeys.Stop)] };
            case Intent.Start or Intent.Ok or Intent.Join when !ctx.PhoneAllowed && p.Status == SubscriberStatus.Pending:
                return new Decision { Counters = [CounterNames.RefusedNumber] }; // joined by text before the rule held
            case Intent.Start or Intent.Ok or Intent.Join when p.Status == SubscriberStatus.Pending:
                // The welcome goes through the queue; someone who joined by text has not told us a name yet.
                return new Decision { Lifecycle = new LifecycleStep.Confirm(), Replies = p.FirstName.Length == 0 || p.SignupsWhilePending > 1 ? [Say(ReplyKeys.AskName)] : [] };
            case Intent.Start or Intent.Join when stopped && !ctx.PhoneAllowed:
                return new Decision { Counters = [CounterNames.RefusedNumber] };
            case Intent.Start or Intent.Join when stopped:
                return new Decision { Lifecycle = new LifecycleStep.RestartSms(), Replies = [Say(ReplyKeys.StartAgain)] };
            case Intent.TimeZone when parsed.TimeZoneId is { } named && !SendSchedule.TryGetZone(named, out _):
                return new Decision { Replies = [Say(ReplyKeys.TimezoneUnknown)] };
            case Intent.TimeZone when parsed.TimeZoneId is { } zoneId && p.Status is not SubscriberStatus.Unsubscribed:
                var id = SendSchedule.Zone(zoneId).Id;
                return new Decision { Lifecycle = new LifecycleStep.ChangeZone(id), Replies = [Say(ReplyKeys.TimezoneChanged, (ReplyKeys.ZoneValue, id))] };
        }

        if (!stopped)
        {
            switch (parsed.Intent)
            {
                case Intent.Name when parsed.Name is { } name:
                    return new Decision { Profile = new ProfileChanges { FirstName = name }, Replies = [new(ReplyKeys.NameChanged, ctx.Replies.Text(ReplyKeys.NameChanged, name, p.Pronoun))] };
                case Intent.Name:
                    return new Decision { Replies = [Say(ReplyKeys.NameInvalid)] };
                case Intent.Pronoun when parsed.Pronoun is { } pronoun:
                    return new Decision { Profile = new ProfileChanges { Pronoun = pronoun }, Replies = [new(ReplyKeys.PronounChanged, ctx.Replies.Text(ReplyKeys.PronounChanged, p.FirstName, pronoun))] };
                case Intent.SendTime:
                    return SendTimeRule.Decide(p, parsed.SendTime, now, ctx, Say);
            }
        }

        if (p.Status == SubscriberStatus.Pending)
        {
            return new Decision { Replies = [Say(ReplyKeys.ConfirmSms)] };
        }

        if (stopped)
        {
            // They said STOP: nothing goes back but HELP's facts, and only when asked.
            return parsed.Intent == Intent.Help ? new Decision { Replies = [Say(ReplyKeys.HelpUnsubscribed)] } : new Decision();
        }

        return Everyday(p, parsed, now, ctx, Say);
    }

    private static Decision Everyday(Subscriber p, ParsedReply parsed, DateTimeOffset now, InboundContext ctx, Func<string, (string, string)[], ReplyMessage> say)
    {
        ReplyMessage Say(string key, params (string, string)[] values) => say(key, values);
        var zone = SendSchedule.Zone(p.TimeZone);
        var phase = ctx.Programme.PhaseOf(Math.Max(1, p.NextEntry - 1)).Id;
        var today = SendSchedule.Format(SendSchedule.LocalDateOf(now, zone));
        string N(int n) => n.ToString(CultureInfo.InvariantCulture);

        switch (parsed.Intent)
        {
            case Intent.Pause:
                var days = Math.Clamp(parsed.PauseDays ?? KeywordParser.DefaultPauseDays, 1, KeywordParser.MaxPauseDays);
                var until = SendSchedule.LocalDateOf(now, zone).PlusDays(days).ToString("dddd d MMMM", CultureInfo.InvariantCulture);
                return new Decision { Lifecycle = new LifecycleStep.Pause(days), Replies = [Say(ReplyKeys.Pause, (ReplyKeys.DaysValue, N(days)), (ReplyKeys.UntilValue, until))] };
            case Intent.Resume:
                return new Decision { Lifecycle = new LifecycleStep.Resume(), Replies = [Say(ReplyKeys.Resume)] };
            case Intent.Done:
                return new Decision { Lifecycle = new LifecycleStep.Graduate("done"), Replies = [Say(ReplyKeys.Done)] };
            case Intent.MaybeDone:
                // Not a graduation: a check-in with the crisis line; DONE or FINISH on its own finishes.
                var check = Say(ReplyKeys.DoneCheck, (ReplyKeys.CrisisLineValue, ctx.Crisis.CrisisLine(ctx.Region)));
                return parsed.Slips.Count > 0 ? Slips(p, parsed.Slips, now) with { Replies = [check] } : new Decision { Replies = [check] };
            case Intent.Help:
                // The carrier-facing HELP text stands alone within two segments; the manage link (a bound token, about
                // 200 characters) follows as a message of its own.
                return new Decision { Replies = [Say(ReplyKeys.Help), Say(ReplyKeys.HelpManage, (ReplyKeys.LinkValue, ctx.HelpLink))] };
            case Intent.Start or Intent.Join:
                return new Decision { Replies = [Say(ReplyKeys.Resume)] };
            case Intent.Private:
                return new Decision { Profile = new ProfileChanges { SafetyMode = true }, Replies = [Say(ReplyKeys.SafetyModeOn, (ReplyKeys.CrisisLineValue, ctx.Crisis.CrisisLine(ctx.Region)))] };
            case Intent.Slip:
                var slips = Slips(p, parsed.Slips.Count > 0 ? parsed.Slips : [parsed.Slip ?? SlipKind.Slip], now);
                var first = parsed.Slips.Count > 0 ? parsed.Slips[0] : parsed.Slip ?? SlipKind.Slip;
                var slipReply = new ReplyMessage("slips." + ReplyBook.SlipKey(first), ctx.Replies.SlipFor(p, first, phase));
                return p.PendingUrgeSid is { } acted
                    ? slips with { Replies = [slipReply], Urge = new UrgeOutcome(acted, "acted"), Counters = [.. slips.Counters, CounterNames.UrgesActed], Profile = slips.Profile with { ClearPendingUrge = true } }
                    : slips with { Replies = [slipReply] };
            case Intent.Urge:
                // A new urge replaces any earlier one: at most one check-back is ever pending.
                return new Decision
                {
                    Events = [new LoggedEvent(ReplyEventRow.UrgePrefix, "URGE", "pending")],
                    Profile = new ProfileChanges { PendingUrgeSid = ctx.MessageSid },
                    Counters = [CounterNames.Urges],
                    CheckbackRef = ctx.MessageSid,
                    Replies = [Say(ReplyKeys.Urge)],
                };
            case Intent.Ok or Intent.Progress when p.PendingUrgeSid is { } resisted:
                return new Decision
                {
                    Urge = new UrgeOutcome(resisted, "resisted"),
                    Profile = new ProfileChanges { ClearPendingUrge = true, RecentEventsJson = parsed.Intent == Intent.Progress ? ReplyHistory.With(p, now, [ReplyHistory.ProgressKind]) : null },
                    Events = parsed.Intent == Intent.Progress ? [new LoggedEvent(ReplyEventRow.ProgressPrefix, ReplyHistory.ProgressKind)] : [],
                    Counters = parsed.Intent == Intent.Progress ? [CounterNames.UrgesResisted, CounterNames.Progress] : [CounterNames.UrgesResisted],
                    Replies = [Say(ReplyKeys.UrgeResisted)],
                };
            case Intent.Progress:
                return new Decision
                {
                    Profile = new ProfileChanges { RecentEventsJson = ReplyHistory.With(p, now, [ReplyHistory.ProgressKind]) },
                    Events = [new LoggedEvent(ReplyEventRow.ProgressPrefix, ReplyHistory.ProgressKind, parsed.Progress?.ToString())],
                    Counters = [CounterNames.Progress],
                    Replies = [Say(ReplyKeys.ForProgress(parsed.Progress ?? ProgressKind.HeldBack))],
                };
            case Intent.HeReachedOut:
                var contact = parsed.Contact ?? ContactKind.HeTexted;
                // In safety mode: no nudge to answer or reunite, and the line for their country.
                var key = (contact, p.SafetyMode) switch
                {
                    (ContactKind.HeCalled, true) => ReplyKeys.HeCalledSafety,
                    (_, true) => ReplyKeys.HeTextedSafety,
                    (ContactKind.HeCalled, false) => ReplyKeys.HeCalled,
                    _ => ReplyKeys.HeTexted,
                };
                return new Decision
                {
                    Events = [new LoggedEvent(ReplyEventRow.ContactPrefix, contact.ToString().ToUpperInvariant())],
                    Profile = new ProfileChanges { NextEntry = Arc.ProgrammeSelection.AfterContact(ctx.Programme, p.NextEntry) },
                    Counters = [CounterNames.Contacts],
                    Replies = [Say(key, (ReplyKeys.CrisisLineValue, ctx.Crisis.CrisisLine(ctx.Region)))],
                };
            case Intent.Status:
                var sinceContact = ReplyHistory.DaysSinceContact(p, now, zone);
                return new Decision
                {
                    Replies = [Say(ReplyKeys.StatusSummary,
                        (ReplyKeys.DayValue, N(ReplyHistory.ProgrammeDay(p, now, zone))),
                        (ReplyKeys.NoContactValue, N(sinceContact)),
                        (ReplyKeys.LongestValue, N(Math.Max(p.LongestStreakDays, sinceContact))),
                        (ReplyKeys.SlipsValue, N(ReplyHistory.SlipsThisWeek(p, now))),
                        (ReplyKeys.WinsValue, N(ReplyHistory.WinsThisWeek(p, now))))],
                };
            default:
                // "ok" with nothing pending, or words not understood: one answer a local day, so two auto-responders cannot loop.
                if (p.LastFallbackReplyDate == today)
                {
                    return new Decision();
                }

                return new Decision
                {
                    Profile = new ProfileChanges { LastFallbackReplyDate = today },
                    Replies = [Say(parsed.Intent == Intent.Ok ? ReplyKeys.OkHeard : ReplyKeys.FallbackPlain)],
                };
        }
    }

    internal static IReadOnlyDictionary<string, string> Values(params (string Key, string Value)[] values) =>
        values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
}
