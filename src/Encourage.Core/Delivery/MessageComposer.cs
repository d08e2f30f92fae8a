using Encourage.Arc;
using Encourage.Delivery.Emails;
using Encourage.Hosting;
using Encourage.Replies;
using Encourage.Safety;
using Encourage.Web;

namespace Encourage.Delivery;

/// <summary>
/// What text goes to whom: which programme entry and which wording (safety mode, email-only), the values that fill
/// it (the crisis line for the person's country), and the provider messages (links, the email footer, unsubscribe
/// headers, event tags).
/// </summary>
public sealed class MessageComposer(Links links, ReplyBook replies, Programme programme, ICrisisHelp crisis, EmailHtml emailHtml, IOptions<EncourageOptions> options,
    ReplyAddress replyAddress)
{
    /// <summary>The name at the top of every email.</summary>
    public const string ProgrammeName = "Encourage";

    /// <summary>
    /// The one switch for email replies: on when <c>Encourage__ReplyDomain</c> is set (start-up then requires the
    /// Inbound Parse secret outside Development). Then every email to a confirmed subscriber carries a Reply-To of their
    /// tagged address and the reply hint ("reply to this email with URGE..."). Paragraphs marked <c>[texts]</c> (which
    /// say "text URGE") still go only to people who get our texts: the hint says it the email way.
    /// </summary>
    public bool EmailRepliesLand => replyAddress.Enabled;

    /// <summary>Whether this person can act on "text URGE": they get our texts.</summary>
    public static bool CanReply(Subscriber subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        return subscriber.LiveChannels.HasFlag(Channels.Sms);
    }

    /// <summary>The entries this person has had (inferred for a profile written before they were recorded).</summary>
    public static long Sent(Subscriber subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        return ProgrammeSelection.SentOrInferred(subscriber.SentEntries, subscriber.NextEntry);
    }

    /// <summary>The programme entry to send this person now, or null when the programme is over for them.</summary>
    public ProgrammeEntry? NextEntry(Subscriber subscriber) =>
        ProgrammeSelection.Choose(programme, subscriber.NextEntry, Sent(subscriber));

    /// <summary>
    /// Records <paramref name="sent"/> on the profile and moves its position on; returns the entry that will go next
    /// (for its <c>days_after</c>), or null when none is left.
    /// </summary>
    public ProgrammeEntry? RecordSent(Subscriber subscriber, ProgrammeEntry sent)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(sent);
        var mask = ProgrammeSelection.MarkSent(Sent(subscriber), sent.Number);
        subscriber.SentEntries = mask;
        var after = ProgrammeSelection.After(programme, sent.Number, mask);
        var next = after is { } n ? ProgrammeSelection.Choose(programme, n, mask) : null;
        subscriber.NextEntry = next?.Number ?? sent.Number + 1;
        return next;
    }

    /// <summary>The wording of an entry for this person: the safety-aware one in safety mode, where the entry has one.</summary>
    public static EntryText WordingFor(Subscriber subscriber, ProgrammeEntry entry)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(entry);
        return subscriber.SafetyMode && entry.Safety is { } safe ? safe : entry.Text;
    }

    /// <summary>A programme entry filled for this person.</summary>
    public RenderedMessage Daily(Subscriber subscriber, ProgrammeEntry entry, string? recoveryLine)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        return MessageRenderer.Render(WordingFor(subscriber, entry), subscriber.FirstName, subscriber.Pronoun, recoveryLine,
            PersonValues(subscriber), CanReply(subscriber));
    }

    /// <summary>The crisis line for the person's own country.</summary>
    public string CrisisLine(Subscriber subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        return crisis.CrisisLine(crisis.RegionOf(subscriber.Phone, subscriber.TimeZone));
    }

    /// <summary>
    /// The reply when they hear from their ex. In safety mode it carries no nudge to answer or reunite: they owe no
    /// reply, a safety plan, the hotline.
    /// </summary>
    public string ReachOutReply(Subscriber subscriber, bool called)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        var key = subscriber.SafetyMode
            ? called ? ReplyKeys.HeCalledSafety : ReplyKeys.HeTextedSafety
            : called ? ReplyKeys.HeCalled : ReplyKeys.HeTexted;
        return replies.Text(key, subscriber.FirstName, subscriber.Pronoun, PersonValues(subscriber));
    }

    /// <summary>
    /// The reply to a slip, written for the phase. In safety mode, where the phase's wording nudges towards the ex
    /// ("keep it friendly", "hold on loosely"), the slip's give-space wording is used: keep your distance, be kind to you.
    /// </summary>
    public string SlipReply(Subscriber subscriber, SlipKind kind, string phaseId) => replies.SlipFor(subscriber, kind, phaseId);

    /// <summary>The phase whose slip replies stand in for any that nudge towards the ex, in safety mode (linted never to nudge).</summary>
    public const string SafetySlipPhase = PhaseIds.GiveSpace; // ReplyBook.SlipFor uses the same phase

    /// <summary>The welcome text after YES: compliance facts, the unsubscribe link and where help is if they are not safe.</summary>
    public string WelcomeSms(Subscriber subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        var values = PersonValues(subscriber);
        values[ReplyKeys.LinkValue] = links.Unsubscribe(subscriber, Channels.Sms);
        return replies.Text(ReplyKeys.WelcomeSms, subscriber.FirstName, subscriber.Pronoun, values);
    }

    /// <summary>The welcome email.</summary>
    public Task<EmailMessage> WelcomeEmailAsync(Subscriber subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        var values = PersonValues(subscriber);
        values[ReplyKeys.LinkValue] = links.Unsubscribe(subscriber, Channels.Email);
        return EmailFromReplyAsync(subscriber, ReplyKeys.WelcomeEmailSubject, ReplyKeys.WelcomeEmail, values, "welcome");
    }

    private Dictionary<string, string> PersonValues(Subscriber subscriber) =>
        new(StringComparer.Ordinal) { [ReplyKeys.CrisisLineValue] = CrisisLine(subscriber) };

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
        var subject = replies.Text(subjectKey, subscriber.FirstName, subscriber.Pronoun, values);
        var (html, text) = replies.Email(bodyKey, subscriber.FirstName, subscriber.Pronoun, values, CanReply(subscriber));
        return EmailAsync(subscriber, subject, html, text, category, 0, null);
    }

    /// <summary>
    /// Our answer to a reply by email: the reply texts as paragraphs, in the same layout, under "Re: their subject".
    /// </summary>
    public Task<EmailMessage> ReplyEmailAsync(Subscriber subscriber, string? theirSubject, IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(texts);
        var subject = ReplySubject(theirSubject) ?? replies.Text(ReplyKeys.EmailReplySubject, subscriber.FirstName, subscriber.Pronoun);
        var html = string.Concat(texts.Select(t => "<p>" + System.Net.WebUtility.HtmlEncode(t) + "</p>"));
        return EmailAsync(subscriber, subject, html, string.Join("\n\n", texts), "reply", 0, null);
    }

    /// <summary>"Re: " and their subject (one line, at most 150 characters), or null when they gave none.</summary>
    public static string? ReplySubject(string? theirSubject)
    {
        var line = (theirSubject ?? "").ReplaceLineEndings(" ").Trim();
        if (line.Length == 0) return null;
        if (line.Length > 150) line = line[..150].TrimEnd();
        return line.StartsWith("re:", StringComparison.OrdinalIgnoreCase) ? line : "Re: " + line;
    }

    /// <summary>The reply hint under an email, for a confirmed subscriber whose replies by email reach us.</summary>
    private string? ReplyHint(Subscriber subscriber) =>
        replyAddress.For(subscriber) is not null && subscriber.EmailConfirmed
            ? replies.Text(ReplyKeys.EmailReplyHint, subscriber.FirstName, subscriber.Pronoun)
            : null;

    /// <summary>An email in the shared layout, with the unsubscribe footer, the postal address and RFC 8058 one-click headers.</summary>
    private async Task<EmailMessage> EmailAsync(Subscriber subscriber, string subject, string html, string text, string category, int entry, string? dayLine)
    {
        var unsubscribe = links.Unsubscribe(subscriber, Channels.Email);
        var footer = replies.Email(ReplyKeys.EmailFooter, subscriber.FirstName, subscriber.Pronoun,
            new Dictionary<string, string> { ["link"] = unsubscribe });
        var listUnsubscribe = options.Value.UnsubscribeMailto is { Length: > 0 } mailto
            ? $"<{unsubscribe}>, <mailto:{mailto}?subject=unsubscribe>"
            : $"<{unsubscribe}>";
        var document = new EmailDocument(ProgrammeName, subject, EmailParts.Preheader(text), dayLine, html, text,
            footer.Html, footer.Text, options.Value.PostalAddress?.Trim(), ReplyHint(subscriber));
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
            ["encourage", "encourage-" + category],
            subscriber.EmailConfirmed ? replyAddress.For(subscriber) : null);
    }
}
