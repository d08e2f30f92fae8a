namespace Encourage.Delivery.Emails;

/// <summary>
/// Everything one email shows, before layout: the HTML parts are already safe (content Markdown rendered with raw
/// HTML disabled, values encoded); the text parts are plain.
/// </summary>
/// <param name="DayLine">"Day 3 · Let go" on programme emails; null on the confirmation and the welcome.</param>
/// <param name="ReplyHint">
/// Shown only where replying works: <see cref="MessageComposer"/> sets it (replies.yaml's <c>email_reply_hint</c>) on
/// every email to a confirmed subscriber when <c>Encourage__ReplyDomain</c> is set; it turns the hint on in both parts.
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
