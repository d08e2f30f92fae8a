using NodaTime;

namespace Encourage.Subscriptions;

/// <summary>What a transition did: changed the profile, found nothing to do, or refused a move that is not legal.</summary>
public enum Move { Done, Nothing, Refused }

/// <summary>
/// Every way a subscription moves, in one place. Each method checks that the move is legal from the current status,
/// changes the fields that go with it (the next due time included) and checks the invariants before returning:
/// a receiving profile (active or paused) has a confirmed channel and a due time; an ended one has no due time.
/// Nothing here touches storage: <see cref="SubscriberStore.ChangeAsync"/> saves a move and moves its due-index row.
/// Due times are worked out by the caller (they depend on settings and the clock) and passed in.
/// </summary>
public sealed partial class Subscriber
{
    /// <summary>An unconfirmed sign-up lasts this long, then is deleted as if it never was.</summary>
    public static readonly TimeSpan PendingExpiry = TimeSpan.FromDays(7);

    public bool IsReceiving => Status is SubscriberStatus.Active or SubscriberStatus.Paused;
    public bool HasEnded => Status is SubscriberStatus.Graduated or SubscriberStatus.Unsubscribed;
    public bool IsTaken => IsReceiving || Status == SubscriberStatus.Pending;

    /// <summary>A contact nobody has signed up yet: no programme, nothing due, until <see cref="SignUp"/> moves it to pending.</summary>
    public static Subscriber NewContact(string id) => new() { Id = id, Generation = 0, Status = SubscriberStatus.Unsubscribed };

    /// <summary>A fresh random link version (see <see cref="LinkVersion"/>).</summary>
    public static string NewLinkVersion() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));

    /// <summary>
    /// A (new) sign-up for this contact: a fresh generation and link version, pending until the contact confirms. A
    /// sign-up while another is pending replaces it (its links stop working; the latest confirmation asks again), so
    /// nobody's own sign-up is swallowed by someone else's; one that is receiving is refused.
    /// </summary>
    public Move SignUp(ValidSubscription sub, DateTimeOffset now)
    {
        if (IsReceiving) return Move.Refused; // enrolled or paused: the first confirmation won
        SignupsWhilePending = Status == SubscriberStatus.Pending ? SignupsWhilePending + 1 : 1;
        LinkVersion = NewLinkVersion();
        Generation++;
        Status = SubscriberStatus.Pending;
        FirstName = sub.FirstName;
        Phone = sub.Phone;
        Email = sub.Email;
        Channel = sub.Channels;
        TimeZone = sub.TimeZone;
        SendTime = Scheduling.SendSchedule.Format(sub.SendTime);
        StartDate = sub.StartDate is { } d ? Scheduling.SendSchedule.Format(d) : null;
        Pronoun = sub.Pronoun;
        CreatedUtc = now;
        ConfirmedUtc = EndedUtc = null;
        EndReason = null;
        NextEntry = 1;
        SentEntries = 0;
        SmsConfirmed = EmailConfirmed = false;
        SmsConfirmedUtc = EmailConfirmedUtc = null;
        SmsStopped = EmailStopped = false;
        SmsFailuresInARow = 0;
        RecoveryLinePending = false;
        LastSentLocalDate = null;
        PausedUntilUtc = null;
        NextDueUtc = now + PendingExpiry;
        return Checked();
    }

    /// <summary>
    /// A channel's owner confirms (YES, the email link). The first confirmation starts the programme at
    /// <paramref name="firstDue"/>; a later one adds the channel.
    /// </summary>
    public Move Confirm(Channels channel, DateTimeOffset now, Func<Subscriber, DateTimeOffset> firstDue)
    {
        if (!Channel.HasFlag(channel) || HasEnded) return Move.Refused;
        if (ConfirmedOn(channel) && Status != SubscriberStatus.Pending) return Move.Nothing;
        if (Status == SubscriberStatus.Pending && NextDueUtc is { } expiry && expiry <= now) return Move.Refused; // expired
        if (Status == SubscriberStatus.Pending && SignupsWhilePending > 1 && channel == Channels.Sms) ForgetChoices();
        SignupsWhilePending = 0;
        if (channel == Channels.Sms) (SmsConfirmed, SmsConfirmedUtc) = (true, now);
        else (EmailConfirmed, EmailConfirmedUtc) = (true, now);
        if (Status == SubscriberStatus.Pending)
        {
            Status = SubscriberStatus.Active;
            ConfirmedUtc = now;
            NextEntry = 1;
            SentEntries = 0;
            NextDueUtc = firstDue(this);
        }
        return Checked();
    }

    /// <summary>
    /// More than one sign-up reached this number before its YES: whoever sent the last may not be its owner, so what
    /// they chose is not kept. The owner starts as someone who joined by text: no name (asked for after YES), "them",
    /// the number's own zone and 09:00 (moved into quiet hours when sent).
    /// </summary>
    private void ForgetChoices()
    {
        FirstName = "";
        Pronoun = Pronoun.Them;
        if (Phone is { } phone) TimeZone = SubscribeValidator.GuessTimeZone(phone);
        SendTime = "09:00";
        StartDate = null;
    }

    /// <summary>STOP, the unsubscribe link, a carrier opt-out, a bounce: that channel stops; none left, the subscription ends.</summary>
    /// <remarks>Every link sent before stops working (a new link version), whatever else the stop does.</remarks>
    public Move Stop(Channels channel, string reason, DateTimeOffset now)
    {
        var move = StopChannel(channel, reason, now);
        if (move == Move.Done) LinkVersion = NewLinkVersion();
        return move;
    }

    private Move StopChannel(Channels channel, string reason, DateTimeOffset now)
    {
        var stoppedBefore = (!channel.HasFlag(Channels.Sms) || SmsStopped) && (!channel.HasFlag(Channels.Email) || EmailStopped);
        if (channel.HasFlag(Channels.Sms)) SmsStopped = true;
        if (channel.HasFlag(Channels.Email)) EmailStopped = true;
        var remaining = Channel & ~((SmsStopped ? Channels.Sms : Channels.None) | (EmailStopped ? Channels.Email : Channels.None));
        if (Status == SubscriberStatus.Graduated)
        {
            if (stoppedBefore) return Move.Nothing; // a graduation stays one: the stop is only recorded
        }
        else if (remaining == Channels.None || Status == SubscriberStatus.Pending)
        {
            if (Status == SubscriberStatus.Unsubscribed && stoppedBefore) return Move.Nothing;
            End(SubscriberStatus.Unsubscribed, reason, now);
        }
        else if (stoppedBefore)
        {
            return Move.Nothing;
        }
        return Checked();
    }

    /// <summary>START/UNSTOP by text: the number's own fresh opt-in; the programme goes on where it was.</summary>
    public Move RestartSms(DateTimeOffset now, Func<Subscriber, DateTimeOffset> nextSend)
    {
        if (Status == SubscriberStatus.Graduated || string.IsNullOrEmpty(Phone)) return Move.Refused;
        if (!SmsStopped && IsReceiving) return Move.Nothing;
        SmsStopped = false;
        (SmsConfirmed, SmsConfirmedUtc) = (true, now);
        SmsFailuresInARow = 0;
        Channel |= Channels.Sms;
        if (Status is SubscriberStatus.Unsubscribed or SubscriberStatus.Pending)
        {
            Status = SubscriberStatus.Active;
            ConfirmedUtc ??= now;
            EndReason = null;
            EndedUtc = null;
            NextDueUtc = nextSend(this);
        }
        return Checked();
    }

    /// <summary>PAUSE n: nothing is sent until <paramref name="resumeUtc"/>, when the due-index row wakes the profile.</summary>
    public Move Pause(DateTimeOffset resumeUtc)
    {
        if (!IsReceiving) return Move.Refused;
        Status = SubscriberStatus.Paused;
        PausedUntilUtc = resumeUtc;
        NextDueUtc = resumeUtc;
        return Checked();
    }

    /// <summary>RESUME: back before the pause ran out.</summary>
    public Move Resume(Func<Subscriber, DateTimeOffset> nextSend)
    {
        if (Status != SubscriberStatus.Paused) return Move.Refused;
        Status = SubscriberStatus.Active;
        PausedUntilUtc = null;
        NextDueUtc = nextSend(this);
        return Checked();
    }

    /// <summary>A pause that has run out: active again, due at the resume time it was already due at.</summary>
    public Move PauseEnded(DateTimeOffset now)
    {
        if (Status != SubscriberStatus.Paused || PausedUntilUtc is not { } until || until > now) return Move.Refused;
        Status = SubscriberStatus.Active;
        PausedUntilUtc = null;
        NextDueUtc ??= until;
        return Checked();
    }

    /// <summary>The programme ends kindly (the last message, DONE, BACK TOGETHER, MOVED ON): a graduation, not an opt-out.</summary>
    public Move Graduate(string reason, DateTimeOffset now)
    {
        if (!IsReceiving) return Move.Refused;
        End(SubscriberStatus.Graduated, reason, now);
        return Checked();
    }

    /// <summary>No channel left to send to (every one stopped or unconfirmed): the subscription ends.</summary>
    public Move EndWithoutChannel(DateTimeOffset now)
    {
        if (!IsReceiving) return Move.Refused;
        End(SubscriberStatus.Unsubscribed, "no-channel", now);
        return Checked();
    }

    /// <summary>A programme message went out on <paramref name="sentOn"/>; the next one is due at <paramref name="nextDue"/>.</summary>
    public Move Advance(LocalDate sentOn, DateTimeOffset nextDue)
    {
        if (Status != SubscriberStatus.Active) return Move.Refused;
        LastSentLocalDate = Scheduling.SendSchedule.Format(sentOn);
        RecoveryLinePending = false;
        NextDueUtc = nextDue;
        return Checked();
    }

    /// <summary>Not sent now (quiet hours, already sent today): due again at <paramref name="due"/>.</summary>
    public Move Reschedule(DateTimeOffset due)
    {
        if (Status != SubscriberStatus.Active) return Move.Refused;
        if (NextDueUtc == due) return Move.Nothing;
        NextDueUtc = due;
        return Checked();
    }

    /// <summary>A new time zone or send time (TIME, the manage page): an active profile's next send moves with it.</summary>
    public Move Reschedule(string timeZone, string sendTime, Func<Subscriber, DateTimeOffset> nextSend)
    {
        if (TimeZone == timeZone && SendTime == sendTime) return Move.Nothing;
        TimeZone = timeZone;
        SendTime = sendTime;
        if (Status == SubscriberStatus.Active) NextDueUtc = nextSend(this);
        return Checked();
    }

    /// <summary>
    /// One contact's data is erased (the other contact's owner goes on): the channel, its contact and its consent
    /// leave the profile. With no channel left, the caller deletes the profile instead.
    /// </summary>
    public Move EraseContact(Channels channel)
    {
        if (channel is not (Channels.Sms or Channels.Email) || !Channel.HasFlag(channel) || Channel == channel) return Move.Refused;
        if (IsReceiving && !ConfirmedOn(Channel & ~channel)) return Move.Refused; // nothing confirmed would be left: erase it all
        Channel &= ~channel;
        LinkVersion = NewLinkVersion();
        if (channel == Channels.Email)
        {
            Email = null;
            (EmailConfirmed, EmailConfirmedUtc, EmailStopped) = (false, null, false);
        }
        else
        {
            Phone = null;
            (SmsConfirmed, SmsConfirmedUtc, SmsStopped) = (false, null, false);
            SmsFailuresInARow = 0;
            RecentSlips = RecentEventsJson = null;
            LastSlipUtc = null;
            PendingUrgeSid = null;
        }
        return Checked();
    }

    public bool ConfirmedOn(Channels channel) =>
        (channel.HasFlag(Channels.Sms) && SmsConfirmed) || (channel.HasFlag(Channels.Email) && EmailConfirmed);

    private void End(SubscriberStatus status, string reason, DateTimeOffset now)
    {
        Status = status;
        EndReason = reason;
        EndedUtc = now;
        NextDueUtc = null;
        PausedUntilUtc = null;
    }

    /// <summary>The invariants every move keeps; a move that would break one is a bug, not a user's mistake.</summary>
    private Move Checked()
    {
        var broken = Status switch
        {
            SubscriberStatus.Active or SubscriberStatus.Paused when !ConfirmedOn(Channel) => "receiving without a confirmed channel",
            SubscriberStatus.Active or SubscriberStatus.Paused or SubscriberStatus.Pending when NextDueUtc is null => "receiving without a due time",
            SubscriberStatus.Graduated or SubscriberStatus.Unsubscribed when NextDueUtc is not null => "ended with a due time",
            _ => null,
        };
        return broken is null ? Move.Done : throw new InvalidOperationException($"Subscriber {Id}: {broken}.");
    }
}
