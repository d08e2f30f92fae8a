using Encourage.Safety;
using NodaTime;

namespace Encourage.Replies;

/// <summary>What a subscriber's text means.</summary>
public enum Intent
{
    Unknown,
    Slip,
    Urge,
    Ok,
    HeReachedOut,
    Status,
    Pause,
    Resume,
    Stop,
    Start,
    Help,
    Done,
    Join,
    TimeZone,

    /// <summary>Good news: did not reach out, a milestone, feeling stronger.</summary>
    Progress,

    /// <summary>"wrong number": the number is not the subscriber's (any more); stop at once and say nothing.</summary>
    WrongNumber,

    /// <summary>"I'm done", "I give up": may be an ending, may be despair; a check-in, never a graduation.</summary>
    MaybeDone,

    /// <summary>PRIVATE or SAFETY: from now on nothing encourages contact with the ex.</summary>
    Private,

    /// <summary>NAME Sam.</summary>
    Name,

    /// <summary>PRONOUN her.</summary>
    Pronoun,

    /// <summary>TIME 7:30pm, "send at 6 pm".</summary>
    SendTime,
}

/// <summary>The kinds of slip a subscriber can report; each is logged and answered on its own.</summary>
public enum SlipKind { Texted, Called, DroveBy, Checked, Asked, ShowedUp, Replied, Slip }

/// <summary>How the partner reached out.</summary>
public enum ContactKind { HeTexted, HeCalled }

/// <summary>The good news a subscriber can report, each answered in its own words.</summary>
public enum ProgressKind { NotTexted, NotCalled, HeldBack, Milestone, Stronger }

/// <summary>The parser's reading of one inbound text.</summary>
/// <param name="Intent">What to do.</param>
/// <param name="Slip">The first slip kind, when <see cref="Intent"/> is <see cref="Intent.Slip"/>.</param>
/// <param name="Contact">How the partner reached out, when <see cref="Intent"/> is <see cref="Intent.HeReachedOut"/>.</param>
/// <param name="PauseDays">Days asked for with PAUSE (1 to 30), or null for the default.</param>
/// <param name="TimeZoneId">A tzdb zone named in the text, when <see cref="Intent"/> is <see cref="Intent.TimeZone"/>.</param>
/// <param name="Safety">Words suggesting self-harm or abuse: answered with help alone, whatever else the text says.</param>
public sealed record ParsedReply(
    Intent Intent,
    SlipKind? Slip = null,
    ContactKind? Contact = null,
    int? PauseDays = null,
    string? TimeZoneId = null,
    SafetyKind? Safety = null)
{
    /// <summary>Whether the text matched a safety pattern.</summary>
    public bool SafetyConcern => Safety is not null;

    /// <summary>Every slip the text reports, in order ("Texted him. Also drove by." is two).</summary>
    public IReadOnlyList<SlipKind> Slips { get; init; } = Slip is { } s ? [s] : [];

    /// <summary>The good news, when <see cref="Intent"/> is <see cref="Intent.Progress"/>.</summary>
    public ProgressKind? Progress { get; init; }

    /// <summary>The asked-for send time as written (not yet moved into quiet hours), for <see cref="Intent.SendTime"/>.</summary>
    public LocalTime? SendTime { get; init; }

    /// <summary>The first name asked for with NAME, cleaned, for <see cref="Intent.Name"/>.</summary>
    public string? Name { get; init; }

    /// <summary>The <see cref="Safety"/> match came from the semantic layer, not the safety words.</summary>
    public bool SafetyBySemantic { get; init; }

    /// <summary>
    /// The semantic layer's grey zone: not clearly danger, not clearly not. Answered with a gentle check-in and the
    /// crisis line alone, and the operator is told; never the fallback, a keyword list or an urge reply.
    /// </summary>
    public bool PossibleDanger { get; init; }

    /// <summary>The pronoun asked for with PRONOUN, for <see cref="Intent.Pronoun"/>.</summary>
    public Subscriptions.Pronoun? Pronoun { get; init; }
}
