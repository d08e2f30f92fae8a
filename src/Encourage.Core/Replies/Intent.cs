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
}

/// <summary>The kinds of slip a subscriber can report; each is logged and answered on its own.</summary>
public enum SlipKind { Texted, Called, DroveBy, Checked, Asked, ShowedUp, Replied, Slip }

/// <summary>How he reached out.</summary>
public enum ContactKind { HeTexted, HeCalled }

/// <summary>The parser's reading of one inbound text.</summary>
/// <param name="Intent">What to do.</param>
/// <param name="Slip">The slip kind, when <see cref="Intent"/> is <see cref="Intent.Slip"/>.</param>
/// <param name="Contact">How he reached out, when <see cref="Intent"/> is <see cref="Intent.HeReachedOut"/>.</param>
/// <param name="PauseDays">Days asked for with PAUSE (1 to 30), or null for the default.</param>
/// <param name="TimeZoneId">An IANA zone named in the text, when <see cref="Intent"/> is <see cref="Intent.TimeZone"/>.</param>
/// <param name="SafetyConcern">Words suggesting self-harm or abuse: answered with help first, whatever else it says.</param>
public sealed record ParsedReply(
    Intent Intent,
    SlipKind? Slip = null,
    ContactKind? Contact = null,
    int? PauseDays = null,
    string? TimeZoneId = null,
    bool SafetyConcern = false);
