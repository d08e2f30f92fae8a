using Encourage.Arc;
using Encourage.Delivery.Emails;
using Encourage.Hosting;
using Encourage.Replies;
using Encourage.Subscriptions;
using Encourage.Web;
using Microsoft.Extensions.Options;

namespace Encourage.Delivery;

/// <summary>Turns content into provider messages: links, the email layout and footer, unsubscribe headers and event tags.</summary>
public sealed class MessageComposer(Links links, ReplyBook replies, Programme programme, EmailHtml emailHtml, IOptions<EncourageOptions> options)
{
    /// <summary>The name at the top of every email.</summary>
    public const string ProgrammeName = "Encourage";

    public SmsMessage Sms(Subscriber subscriber, string body) =>
        new(subscriber.Phone!, body, links.TwilioStatusCallback);

    /// <summary>A programme email (a daily, a weekly follow-up, the graduation), headed with its day and phase.</summary>
    public Task<EmailMessage> ProgrammeEmailAsync(Subscriber subscriber, ProgrammeEntry entry, RenderedMessage message)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(message);
        return EmailAsync(subscriber, message.EmailSubject, message.EmailHtml, message.EmailText,
            "daily", entry.Number, EmailParts.DayLine(programme, entry));
    }

    /// <summary>An email from a Markdown reply text (confirmation, welcome).</summary>
    public Task<EmailMessage> EmailFromReplyAsync(Subscriber subscriber, string subjectKey, string bodyKey, IReadOnlyDictionary<string, string> values, string category)
    {
        var subject = replies.Text(subjectKey, subscriber.FirstName, subscriber.PronounValue, values);
        var (html, text) = replies.Email(bodyKey, subscriber.FirstName, subscriber.PronounValue, values);
        return EmailAsync(subscriber, subject, html, text, category, 0, null);
    }

    /// <summary>An email in the shared layout, with the unsubscribe footer, the postal address and RFC 8058 one-click headers.</summary>
    private async Task<EmailMessage> EmailAsync(Subscriber subscriber, string subject, string html, string text, string category, int entry, string? dayLine)
    {
        var unsubscribe = links.Unsubscribe(subscriber.Id, Channels.Email);
        var footer = replies.Email(ReplyKeys.EmailFooter, subscriber.FirstName, subscriber.PronounValue,
            new Dictionary<string, string> { ["link"] = unsubscribe });
        var listUnsubscribe = options.Value.UnsubscribeMailto is { Length: > 0 } mailto
            ? $"<{unsubscribe}>, <mailto:{mailto}?subject=unsubscribe>"
            : $"<{unsubscribe}>";
        var document = new EmailDocument(ProgrammeName, subject, EmailParts.Preheader(text), dayLine, html, text,
            footer.Html, footer.Text, options.Value.PostalAddress?.Trim());
        return new EmailMessage(
            subscriber.Email!,
            subject,
            await emailHtml.RenderAsync(document),
            EmailParts.Text(document),
            new Dictionary<string, string>
            {
                ["List-Unsubscribe"] = listUnsubscribe,
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            },
            new Dictionary<string, string>
            {
                ["subscriber"] = subscriber.Id,
                ["entry"] = entry.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["kind"] = category,
            },
            ["encourage", "encourage-" + category]);
    }
}
