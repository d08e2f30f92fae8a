namespace Encourage.Delivery.Emails;

/// <summary>
/// Everything one email shows, before layout: the HTML parts are already safe (content Markdown rendered with raw
/// HTML disabled, values encoded); the text parts are plain.
/// </summary>
/// <param name="DayLine">"Day 3 · Let go" on programme emails; null on the confirmation and the welcome.</param>
/// <param name="ReplyHint">
/// Shown only where replying works. Replies by email are not read today, so nothing sets it; a text here is the one
/// switch that turns the hint on in both parts.
/// </param>
public sealed record EmailDocument(
    string ProgrammeName,
    string Subject,
    string Preheader,
    string? DayLine,
    string BodyHtml,
    string BodyText,
    string FooterHtml,
    string FooterText,
    string? PostalAddress,
    string? ReplyHint = null);
