using System.Text;
using static Encourage.Web.Pages.PageLayout;

namespace Encourage.Web.Pages;

/// <summary>The sign-up form. It works as a plain form POST; the one script only pre-selects the time zone.</summary>
internal static class SignupPage
{
    /// <summary>
    /// Pre-selects the browser's own time zone, but only on a first visit (the server marks the select with
    /// data-autodetect), only if the person has not already changed it, and only if we offer that zone.
    /// </summary>
    public const string TimeZoneScript =
        "(function(){var s=document.getElementById(\"timeZone\");" +
        "if(!s||!s.hasAttribute(\"data-autodetect\"))return;" +
        "var c=s.options[s.selectedIndex];if(c&&!c.defaultSelected)return;" +
        "var z;try{z=Intl.DateTimeFormat().resolvedOptions().timeZone}catch(e){return}" +
        "for(var i=0;i<s.options.length;i++){if(s.options[i].value===z){s.selectedIndex=i;return}}})();";

    // The order the fields appear in, which is also the order the error summary lists them in.
    private static readonly string[] FieldOrder =
        ["firstName", "channel", "phone", "email", "pronoun", "timeZone", "sendTime", "startDate"];

    private static readonly (string Value, string Label)[] ChannelChoices =
        [("sms", "By text"), ("email", "By email"), ("both", "Both")];

    private static readonly (string Value, string Label)[] PronounChoices =
        [("him", "him"), ("her", "her"), ("them", "them")];

    public static string Render(SignupForm form, IReadOnlyDictionary<string, string> errors, string action)
    {
        var shown = errors
            .Where(e => !string.IsNullOrWhiteSpace(e.Value))
            .ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

        var body = new StringBuilder(40_000);
        body.Append(Heading("A kind word each day while you let go"))
            .Append("<p class=\"lead\">Letting go is hard, and you don't have to do it alone. ")
            .Append("Each day we'll send you a short, kind message to help you through.</p>\n");

        AppendErrorSummary(body, shown);

        body.Append("<form method=\"post\" action=\"").Append(Encode(action)).Append("\">\n");
        // Honeypot: off-screen and out of the tab order, so people never fill it in; bots that fill every field do.
        body.Append("<div class=\"hp\" aria-hidden=\"true\"><label for=\"").Append(SignupForm.HoneypotField).Append("\">Leave this blank</label>")
            .Append("<input type=\"text\" id=\"").Append(SignupForm.HoneypotField).Append("\" name=\"").Append(SignupForm.HoneypotField)
            .Append("\" value=\"\" tabindex=\"-1\" autocomplete=\"off\"></div>\n");

        AppendTextField(body, shown, "firstName", "Your first name", "So our messages can greet you by name.",
            "text", form.FirstName, "given-name", required: true);

        AppendRadioGroup(body, shown, "channel", "How would you like your messages?", hint: null,
            ChannelChoices, form.Channel, fallback: "sms");

        AppendTextField(body, shown, "phone", "Mobile number", "Needed for texts.",
            "tel", form.Phone, "tel", required: false);

        AppendTextField(body, shown, "email", "Email address", "Needed for email.",
            "email", form.Email, "email", required: false);

        AppendRadioGroup(body, shown, "pronoun", "How should we refer to them?",
            "The person you're letting go of.",
            PronounChoices, form.Pronoun, fallback: "him");

        AppendTimeZone(body, shown, form.TimeZone);

        AppendTextField(body, shown, "sendTime", "What time of day?", "When your message arrives, in your time zone.",
            "time", string.IsNullOrWhiteSpace(form.SendTime) ? "09:00" : form.SendTime, autocomplete: null, required: false);

        AppendTextField(body, shown, "startDate", "Start date (optional)", "Leave blank to start as soon as you confirm.",
            "date", form.StartDate, autocomplete: null, required: false);

        // US carriers require these statements next to an SMS opt-in.
        body.Append("<div class=\"notice\" id=\"terms\">\n")
            .Append("<p><strong>What you'll get:</strong> one short encouraging message a day, by text and/or email, ")
            .Append("for about six weeks, then weekly for a couple of months.</p>\n")
            .Append("<p>We'll ask you to confirm first: reply <strong>YES</strong> to our text, or tap the link in our email.</p>\n")
            .Append("<p>Msg &amp; data rates may apply. Reply <strong>HELP</strong> for help, <strong>STOP</strong> to cancel at any time.</p>\n")
            .Append("<p>Your number and email are used only for these messages, and never shared.</p>\n")
            .Append("</div>\n")
            .Append("<button type=\"submit\">Start my messages</button>\n")
            .Append("</form>\n");

        return Document(shown.Count > 0 ? "Please check your details" : "A kind word each day", body.ToString(), TimeZoneScript);
    }

    private static void AppendErrorSummary(StringBuilder body, Dictionary<string, string> shown)
    {
        if (shown.Count == 0) return;

        // Focused on load (autofocus works without script) so keyboard and screen-reader users start here.
        body.Append("<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" autofocus aria-labelledby=\"error-summary-title\">\n")
            .Append("<h2 id=\"error-summary-title\">Almost there: please check the details below</h2>\n<ul>\n");
        if (shown.TryGetValue("", out var formError))
        {
            body.Append("<li>").Append(Encode(formError)).Append("</li>\n");
        }
        foreach (var field in FieldOrder)
        {
            if (!shown.TryGetValue(field, out var message)) continue;
            body.Append("<li><a href=\"#").Append(FirstControlId(field)).Append("\">")
                .Append(Encode(message)).Append("</a></li>\n");
        }
        // Keys the form has no field for still deserve to be seen rather than silently dropped.
        foreach (var (key, message) in shown.Where(e => e.Key.Length > 0 && !FieldOrder.Contains(e.Key)).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            body.Append("<li>").Append(Encode(message)).Append("</li>\n");
        }
        body.Append("</ul>\n</div>\n");
    }

    private static string FirstControlId(string field) => field switch
    {
        "channel" => "channel-" + ChannelChoices[0].Value,
        "pronoun" => "pronoun-" + PronounChoices[0].Value,
        _ => field,
    };

    private static void AppendTextField(StringBuilder body, Dictionary<string, string> shown, string name, string label,
        string hint, string type, string? value, string? autocomplete, bool required)
    {
        var hasError = shown.TryGetValue(name, out var error);
        body.Append("<div class=\"field\">\n")
            .Append("<label for=\"").Append(name).Append("\">").Append(Encode(label)).Append("</label>\n")
            .Append("<span class=\"hint\" id=\"").Append(name).Append("-hint\">").Append(Encode(hint)).Append("</span>\n");
        AppendFieldError(body, name, error);
        body.Append("<input type=\"").Append(type).Append("\" id=\"").Append(name).Append("\" name=\"").Append(name).Append('"')
            .Append(" value=\"").Append(Encode(value)).Append('"');
        if (autocomplete is not null) body.Append(" autocomplete=\"").Append(autocomplete).Append('"');
        if (type == "tel") body.Append(" inputmode=\"tel\"");
        if (required) body.Append(" required");
        AppendDescribedBy(body, name, hasError, hasHint: true);
        body.Append(">\n</div>\n");
    }

    private static void AppendRadioGroup(StringBuilder body, Dictionary<string, string> shown, string name, string legend,
        string? hint, (string Value, string Label)[] choices, string? value, string fallback)
    {
        var hasError = shown.TryGetValue(name, out var error);
        var chosen = choices.Any(c => string.Equals(c.Value, value?.Trim(), StringComparison.OrdinalIgnoreCase))
            ? value!.Trim().ToLowerInvariant()
            : fallback;

        // A fieldset with a radiogroup role, because aria-invalid is only defined for the group, not each radio.
        body.Append("<fieldset role=\"radiogroup\" aria-labelledby=\"").Append(name).Append("-legend\"")
            .Append(hasError ? " class=\"invalid\"" : "");
        AppendDescribedBy(body, name, hasError, hasHint: hint is not null);
        body.Append(">\n<legend id=\"").Append(name).Append("-legend\">").Append(Encode(legend)).Append("</legend>\n");
        if (hint is not null)
        {
            body.Append("<span class=\"hint\" id=\"").Append(name).Append("-hint\">").Append(Encode(hint)).Append("</span>\n");
        }
        AppendFieldError(body, name, error);
        foreach (var (choiceValue, choiceLabel) in choices)
        {
            var id = name + "-" + choiceValue;
            body.Append("<div class=\"choice\"><input type=\"radio\" id=\"").Append(id).Append("\" name=\"").Append(name)
                .Append("\" value=\"").Append(choiceValue).Append('"').Append(choiceValue == chosen ? " checked" : "")
                .Append("><label for=\"").Append(id).Append("\">").Append(Encode(choiceLabel)).Append("</label></div>\n");
        }
        body.Append("</fieldset>\n");
    }

    private static void AppendTimeZone(StringBuilder body, Dictionary<string, string> shown, string? value)
    {
        const string name = "timeZone";
        var hasError = shown.TryGetValue(name, out var error);
        // Only ever re-select one of our own options: an unknown value is not echoed back into the page.
        var chosen = TimeZoneChoices.IsOffered(value) ? value! : TimeZoneChoices.Default;

        body.Append("<div class=\"field\">\n<label for=\"timeZone\">Your time zone</label>\n")
            .Append("<span class=\"hint\" id=\"timeZone-hint\">So your message arrives at the right time for you.</span>\n");
        AppendFieldError(body, name, error);
        body.Append("<select id=\"timeZone\" name=\"timeZone\"");
        // A re-shown form holds the person's own choice; only a first visit should follow the browser.
        if (string.IsNullOrWhiteSpace(value)) body.Append(" data-autodetect");
        AppendDescribedBy(body, name, hasError, hasHint: true);
        body.Append(">\n<optgroup label=\"Common in the US\">\n");
        foreach (var (id, label) in TimeZoneChoices.Common) AppendOption(body, id, label, id == chosen);
        body.Append("</optgroup>\n<optgroup label=\"All time zones\">\n");
        foreach (var (id, label) in TimeZoneChoices.Others) AppendOption(body, id, label, id == chosen);
        body.Append("</optgroup>\n</select>\n</div>\n");
    }

    private static void AppendOption(StringBuilder body, string id, string label, bool selected) =>
        body.Append("<option value=\"").Append(Encode(id)).Append('"').Append(selected ? " selected" : "")
            .Append('>').Append(Encode(label)).Append("</option>\n");

    private static void AppendFieldError(StringBuilder body, string name, string? error)
    {
        if (error is null) return;
        body.Append("<p class=\"field-error\" id=\"").Append(name).Append("-error\"><span class=\"sr-only\">Error: </span>")
            .Append(Encode(error)).Append("</p>\n");
    }

    private static void AppendDescribedBy(StringBuilder body, string name, bool hasError, bool hasHint)
    {
        var ids = (hasError ? name + "-error " : "") + (hasHint ? name + "-hint" : "");
        if (ids.Length > 0) body.Append(" aria-describedby=\"").Append(ids.TrimEnd()).Append('"');
        if (hasError) body.Append(" aria-invalid=\"true\"");
    }
}
