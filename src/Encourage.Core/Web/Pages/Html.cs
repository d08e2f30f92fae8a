using System.Text;
using static Encourage.Web.Pages.PageLayout;

namespace Encourage.Web.Pages;

/// <summary>
/// Every page the service serves, as plain functions from data to HTML. Readers are often hurting:
/// the copy is warm and short, never shames, and never promises anyone will come back.
/// </summary>
public static class Html
{
    /// <summary>
    /// A Content-Security-Policy that allows these pages and nothing else: the one inline stylesheet and
    /// script by hash, forms posting only to this host, no framing.
    /// </summary>
    public static string ContentSecurityPolicy { get; } =
        $"default-src 'none'; style-src {StylesheetHash} {Insights.DashboardPage.StylesheetHash}; script-src {CspHash(SignupPage.TimeZoneScript)}; " +
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>
    /// The sign-up form. <paramref name="errors"/> is keyed by field name (firstName, phone, email, channel,
    /// timeZone, sendTime, startDate, pronoun), with "" for an error about the form as a whole.
    /// </summary>
    public static string Signup(SignupForm form, IReadOnlyDictionary<string, string> errors, string action = "/api/subscribe") =>
        SignupPage.Render(form, errors, action);

    /// <summary>
    /// After a successful form POST. Deliberately takes nothing that could tell a new sign-up from an existing
    /// one: the page must not reveal whether a number or address is already subscribed.
    /// </summary>
    public static string SignupReceived(bool sms, bool email)
    {
        var body = new StringBuilder();
        body.Append(Heading("One more step"))
            .Append("<p class=\"lead\">Thank you. Deciding to let go takes courage, and you've just taken a step.</p>\n");

        if (sms && email)
        {
            body.Append("<p>To start your messages, please confirm:</p>\n<ul class=\"steps\">\n")
                .Append("<li><strong>Check your phone</strong> for a text from us and reply <strong>YES</strong>.</li>\n")
                .Append("<li><strong>Check your inbox</strong> for an email from us and tap the link inside.</li>\n")
                .Append("</ul>\n");
        }
        else if (sms)
        {
            body.Append("<p><strong>Check your phone</strong> for a text from us. Reply <strong>YES</strong> ")
                .Append("and your messages will begin.</p>\n");
        }
        else if (email)
        {
            body.Append("<p><strong>Check your inbox</strong> for an email from us. Tap the link inside ")
                .Append("and your messages will begin.</p>\n");
        }
        else
        {
            body.Append("<p><strong>Check your phone or inbox</strong> for a message from us, and follow it to confirm.</p>\n");
        }

        body.Append("<div class=\"notice\">\n");
        if (email)
        {
            body.Append("<p>Nothing in your inbox after a few minutes? Have a look in spam or promotions.</p>\n");
        }
        body.Append("<p>Still nothing? The number or address may have a typo. You're welcome to go back and try again.</p>\n")
            .Append("</div>\n");
        return Document("Check your messages", body.ToString());
    }

    /// <summary>
    /// The page a confirm link opens. It only asks: link scanners and previewers make GET requests,
    /// so only the button's POST confirms anything.
    /// </summary>
    public static string ConfirmPrompt(string token, string channelLabel, string action = "/api/confirm")
    {
        var body = new StringBuilder();
        body.Append(Heading("Start your messages?"))
            .Append("<p class=\"lead\">Tap the button below and we'll start your daily ")
            .Append(Encode(channelLabel)).Append(".</p>\n")
            .Append("<form method=\"post\" action=\"").Append(Encode(action)).Append("\">\n")
            .Append(HiddenToken(token))
            .Append("<button type=\"submit\">Yes, start my messages</button>\n")
            .Append("</form>\n")
            .Append("<p class=\"muted\">You can stop at any time.</p>\n");
        return Document("Confirm your messages", body.ToString());
    }

    /// <summary>After the confirm POST.</summary>
    public static string Confirmed()
    {
        var body = new StringBuilder();
        body.Append(Heading("You're all set"))
            .Append("<p class=\"lead\">Your first message will arrive at the time you chose.</p>\n")
            .Append("<p>Until then, be gentle with yourself. You don't have to get this right all at once.</p>\n")
            .Append("<div class=\"notice\"><p>To stop at any time, reply <strong>STOP</strong> to a text, ")
            .Append("or use the link at the bottom of any email.</p></div>\n");
        return Document("You're all set", body.ToString());
    }

    /// <summary>
    /// The page an unsubscribe link opens: says what will stop, and offers to erase the person's data too.
    /// Only the POST acts, for the same reason as <see cref="ConfirmPrompt"/>.
    /// </summary>
    public static string UnsubscribePrompt(string token, string channelLabel, string action = "/api/unsubscribe")
    {
        var label = Encode(channelLabel);
        var body = new StringBuilder();
        body.Append(Heading("Stop your messages?"))
            .Append("<p class=\"lead\">We'll stop sending you ").Append(label).Append(".</p>\n")
            .Append("<p>That's completely fine. You can always sign up again later.</p>\n")
            .Append("<form method=\"post\" action=\"").Append(Encode(action)).Append("\">\n")
            .Append(HiddenToken(token))
            .Append("<div class=\"field\">\n<div class=\"choice\">")
            .Append("<input type=\"checkbox\" id=\"erase\" name=\"erase\" value=\"yes\" aria-describedby=\"erase-hint\">")
            .Append("<label for=\"erase\">Also delete my data</label></div>\n")
            .Append("<span class=\"hint\" id=\"erase-hint\">Removes your details and message history from our records.</span>\n")
            .Append("</div>\n")
            .Append("<button type=\"submit\">Stop my ").Append(label).Append("</button>\n")
            .Append("</form>\n");
        // Privacy (issue 16): the person's own copy, with the same token (that page downloads only on POST).
        body.Append("<p><a href=\"").Append(Encode(Routes.MyData + "?token=" + Uri.EscapeDataString(token))).Append("\">Download my data</a></p>\n");
        return Document("Stop your messages", body.ToString());
    }

    /// <summary>After the unsubscribe POST.</summary>
    public static string Unsubscribed(string channelLabel, bool erased)
    {
        var body = new StringBuilder();
        body.Append(Heading("Your messages have stopped"))
            .Append("<p class=\"lead\">We won't send you any more ").Append(Encode(channelLabel)).Append(".</p>\n");
        if (erased)
        {
            body.Append("<p>We've also deleted your data.</p>\n");
        }
        body.Append("<p>Whatever comes next, we're wishing you well. If you ever want us again, you can sign up any time.</p>\n");
        return Document("Your messages have stopped", body.ToString());
    }

    /// <summary>
    /// For a link that is not one of ours, or was cut short or altered. Says nothing about who it was for,
    /// or whether they exist: the same page for every bad token.
    /// </summary>
    public static string BadLink()
    {
        var body = new StringBuilder();
        body.Append(Heading("This link didn't work"))
            .Append("<p class=\"lead\">It may have been cut short or changed along the way. It happens.</p>\n")
            .Append("<p>Try tapping the link again in the original message, or copy the whole link into your browser.</p>\n")
            .Append("<div class=\"notice\"><p>To stop texts, you can always reply <strong>STOP</strong> to any of them.</p></div>\n");
        return Document("This link didn't work", body.ToString());
    }

    /// <summary>
    /// A real link whose profile has moved on (signed up again, another contact, erased): HTTP 400. Says nothing
    /// about who the link was for or what changed.
    /// </summary>
    public static string OlderLink()
    {
        var body = new StringBuilder();
        body.Append(Heading("This link is from an older message"))
            .Append("<p class=\"lead\">This link is from an older message; use the link in your latest one.</p>\n")
            .Append("<div class=\"notice\"><p>To stop texts, you can always reply <strong>STOP</strong> to any of them.</p></div>\n");
        return Document("This link is from an older message", body.ToString());
    }

    /// <summary>A confirmation link past Encourage__ConfirmLinkDays: HTTP 400.</summary>
    public static string LinkExpired()
    {
        var body = new StringBuilder();
        body.Append(Heading("This link has run out"))
            .Append("<p class=\"lead\">Confirmation links work for a week, to keep your details safe.</p>\n")
            .Append("<p>You're welcome to <a href=\"").Append(Encode(Routes.Signup)).Append("\">sign up again</a> whenever you're ready.</p>\n");
        return Document("This link has run out", body.ToString());
    }

    /// <summary>Too many sign-ups from one place, to one number range, or in total this hour: HTTP 429.</summary>
    public static string TooManySignups() => Error("Let's take a short pause",
        "We've had a lot of sign-ups from here in the last hour, so we've paused new ones for a little while. Please try again in an hour. Nothing is wrong on your side.");

    /// <summary>A form posted from another site's page: HTTP 403.</summary>
    public static string OtherSite() => Error("Please use our own sign-up page",
        "This form came from another website, so we didn't accept it. Please open our sign-up page and try again from there.");

    /// <summary>The honeypot field (hidden from people) was filled in: almost certainly a bot.</summary>
    public const string HoneypotError = "We couldn't accept this form. If you're a person, please clear the field labelled \"Leave this blank\" and try again.";

    /// <summary>A plain page for anything else, e.g. 503 "We're having trouble right now". Both strings are encoded.</summary>
    public static string Error(string title, string message)
    {
        var body = Heading(title) + "<p class=\"lead\">" + Encode(message) + "</p>\n";
        return Document(title, body);
    }

    private static string HiddenToken(string token) =>
        "<input type=\"hidden\" name=\"token\" value=\"" + Encode(token) + "\">\n";
}
