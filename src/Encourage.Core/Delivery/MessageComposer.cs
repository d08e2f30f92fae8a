using Encourage.Arc;
using Encourage.Hosting;
using Encourage.Replies;
using Encourage.Subscriptions;
using Encourage.Web;
using Microsoft.Extensions.Options;

namespace Encourage.Delivery;

/// <summary>Turns content into provider messages: links, the email footer, unsubscribe headers and event tags.</summary>
public sealed class MessageComposer(Links links, ReplyBook replies, IOptions<EncourageOptions> options)
{
    public SmsMessage Sms(Subscriber subscriber, string body) =>
        new(subscriber.Phone!, body, links.TwilioStatusCallback);

    /// <summary>An email with the visible unsubscribe footer and RFC 8058 one-click headers, as every email has.</summary>
    public EmailMessage Email(Subscriber subscriber, string subject, string html, string text, string category, int entry)
    {
        var unsubscribe = links.Unsubscribe(subscriber, Channels.Email);
        var footer = replies.Email(ReplyKeys.EmailFooter, subscriber.FirstName, subscriber.PronounValue,
            new Dictionary<string, string> { ["link"] = unsubscribe });
        var listUnsubscribe = options.Value.UnsubscribeMailto is { Length: > 0 } mailto
            ? $"<{unsubscribe}>, <mailto:{mailto}?subject=unsubscribe>"
            : $"<{unsubscribe}>";
        return new EmailMessage(
            subscriber.Email!,
            subject,
            html + "\n<hr>\n<footer style=\"font-size:13px;color:#444\">" + footer.Html + "</footer>",
            text + "\n\n--\n" + footer.Text,
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

    /// <summary>An email from a Markdown reply text (confirmation, welcome).</summary>
    public EmailMessage EmailFromReply(Subscriber subscriber, string subjectKey, string bodyKey, IReadOnlyDictionary<string, string> values, string category)
    {
        var subject = replies.Text(subjectKey, subscriber.FirstName, subscriber.PronounValue, values);
        var (html, text) = replies.Email(bodyKey, subscriber.FirstName, subscriber.PronounValue, values);
        return Email(subscriber, subject, html, text, category, 0);
    }
}
