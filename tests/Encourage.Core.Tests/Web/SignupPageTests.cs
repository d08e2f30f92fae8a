using System.Text.RegularExpressions;
using Encourage.Web.Pages;
using static Encourage.Core.Tests.Web.PageMarkup;

namespace Encourage.Core.Tests.Web;

public sealed class SignupPageTests
{
    private const string Hostile = "\"'><script>alert('x')</script>";
    private const string HostileEncoded = "&quot;&#x27;&gt;&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;";

    private static readonly string[] Fields =
        ["firstName", "phone", "email", "channel", "timeZone", "sendTime", "startDate", "pronoun"];

    private static readonly Dictionary<string, string> NoErrors = new();

    private static Task<string> Blank() => TestPages.Renderer.SignupAsync(SignupForm.Empty, NoErrors);

    public static TheoryData<string> FieldNames() => new(Fields);

    [Fact]
    public async Task Form_posts_plainly_to_subscribe_with_exactly_the_expected_field_names()
    {
        var html = await Blank();

        var form = Assert.Single(Tags(html, "form"));
        Assert.Equal("post", Attr(form, "method"));
        Assert.Equal("/api/subscribe", Attr(form, "action"));
        Assert.Null(Attr(form, "enctype"));
        Assert.Equal(
            // Plus the honeypot (issue 11): hidden from people, refused when filled in.
            Fields.Append(Encourage.Web.Pages.SignupForm.HoneypotField).Order(StringComparer.Ordinal),
            Controls(html).Select(c => Attr(c, "name")!).Distinct().Order(StringComparer.Ordinal));
        Assert.Matches("<button type=\"submit\"[^>]*>Start my messages</button>", html);
    }

    [Fact]
    public async Task Action_can_be_changed_and_is_encoded()
    {
        var html = await TestPages.Renderer.SignupAsync(SignupForm.Empty, NoErrors, "/signup?a=1&b=\"2\"");

        Assert.Equal("/signup?a=1&b=\"2\"", Attr(Assert.Single(Tags(html, "form")), "action"));
        Assert.Contains("action=\"/signup?a=1&amp;b=&quot;2&quot;\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inputs_have_the_types_phones_and_browsers_need()
    {
        var html = await Blank();

        Assert.Equal("text", Attr(TagWithId(html, "firstName"), "type"));
        Assert.Equal("tel", Attr(TagWithId(html, "phone"), "type"));
        Assert.Equal("email", Attr(TagWithId(html, "email"), "type"));
        Assert.Equal("time", Attr(TagWithId(html, "sendTime"), "type"));
        Assert.Equal("date", Attr(TagWithId(html, "startDate"), "type"));
        Assert.StartsWith("<select", TagWithId(html, "timeZone"), StringComparison.Ordinal);
        Assert.All(Tags(html, "input").Where(t => Attr(t, "name") == "channel"), t => Assert.Equal("radio", Attr(t, "type")));
        Assert.All(Tags(html, "input").Where(t => Attr(t, "name") == "pronoun"), t => Assert.Equal("radio", Attr(t, "type")));
    }

    [Fact]
    public async Task Blank_form_has_friendly_defaults()
    {
        var html = await Blank();

        Assert.Equal(["sms", "email", "both"], Radios(html, "channel").Select(r => Attr(r, "value")!));
        Assert.Equal(["him", "her", "them"], Radios(html, "pronoun").Select(r => Attr(r, "value")!));
        Assert.Equal("sms", Attr(Assert.Single(Radios(html, "channel"), r => Has(r, "checked")), "value"));
        // Nobody's ex is assumed to be a man: the pronoun is a choice left to the person, and required.
        Assert.DoesNotContain(Radios(html, "pronoun"), r => Has(r, "checked"));
        Assert.All(Radios(html, "pronoun"), r => Assert.True(Has(r, "required")));
        Assert.Equal("America/New_York", SelectedZone(html));
        Assert.Equal("09:00", Attr(TagWithId(html, "sendTime"), "value"));
        Assert.Equal("", Attr(TagWithId(html, "startDate"), "value"));
        Assert.False(Has(TagWithId(html, "startDate"), "required"), "the start date is optional");
        Assert.Contains("How should we refer to them?", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Time_zones_list_common_us_zones_first_then_every_iana_zone_sorted_once()
    {
        var zones = OptionValues(await Blank());

        Assert.Equal(
            ["America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles"],
            zones.Take(5));
        Assert.All(zones, z => Assert.Contains('/', z));
        Assert.Equal(zones.Count, zones.Distinct(StringComparer.Ordinal).Count());
        var others = zones.Skip(TimeZoneChoices.Common.Count).ToList();
        Assert.Equal(others.Order(StringComparer.Ordinal), others);
        var expected = TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id.Contains('/')).ToHashSet();
        Assert.Subset(zones.ToHashSet(), expected);
    }

    [Fact]
    public async Task Script_only_follows_the_browser_zone_on_a_first_visit()
    {
        var blank = await Blank();
        var reshown = await TestPages.Renderer.SignupAsync(SignupForm.Empty with { TimeZone = "America/Chicago" }, NoErrors);

        Assert.True(Has(TagWithId(blank, "timeZone"), "data-autodetect"));
        Assert.False(Has(TagWithId(reshown, "timeZone"), "data-autodetect"));
        Assert.Equal("America/Chicago", SelectedZone(reshown));
        var script = Between(blank, "<script>", "</script>");
        Assert.Contains("Intl.DateTimeFormat().resolvedOptions().timeZone", script, StringComparison.Ordinal);
        Assert.Single(Tags(blank, "script"));
    }

    [Fact]
    public async Task Re_shown_form_keeps_what_the_person_typed_and_chose()
    {
        var form = new SignupForm("Ana", "555 123 4567", "ana@example.org", "BOTH", "Europe/London", "07:30", "2030-02-03", "them");
        var html = await TestPages.Renderer.SignupAsync(form, new Dictionary<string, string> { ["email"] = "Please check your email address." });

        Assert.Equal("Ana", Attr(TagWithId(html, "firstName"), "value"));
        Assert.Equal("555 123 4567", Attr(TagWithId(html, "phone"), "value"));
        Assert.Equal("ana@example.org", Attr(TagWithId(html, "email"), "value"));
        Assert.Equal("both", Attr(Assert.Single(Radios(html, "channel"), r => Has(r, "checked")), "value"));
        Assert.Equal("them", Attr(Assert.Single(Radios(html, "pronoun"), r => Has(r, "checked")), "value"));
        Assert.Equal("Europe/London", SelectedZone(html));
        Assert.Equal("07:30", Attr(TagWithId(html, "sendTime"), "value"));
        Assert.Equal("2030-02-03", Attr(TagWithId(html, "startDate"), "value"));
    }

    [Fact]
    public async Task Hostile_values_in_every_field_are_encoded_or_not_echoed()
    {
        var form = new SignupForm(Hostile, Hostile, Hostile, Hostile, Hostile, Hostile, Hostile, Hostile);
        var errors = Fields.Append("").Append("unknownField").ToDictionary(f => f, _ => Hostile);
        var html = await TestPages.Renderer.SignupAsync(form, errors);

        Assert.DoesNotContain(Hostile, html, StringComparison.Ordinal);
        Assert.Single(Tags(html, "script"));
        foreach (var typed in new[] { "firstName", "phone", "email", "sendTime", "startDate" })
        {
            Assert.Equal(Hostile, Attr(TagWithId(html, typed), "value"));
            Assert.Contains(HostileEncoded, Between(html, $"id=\"{typed}-error\">", "</p>"), StringComparison.Ordinal);
        }
        // Choices are only ever our own values, so an unknown one falls back to the default, never echoed.
        Assert.Equal("sms", Attr(Assert.Single(Radios(html, "channel"), r => Has(r, "checked")), "value"));
        Assert.DoesNotContain(Radios(html, "pronoun"), r => Has(r, "checked"));
        Assert.Equal("America/New_York", SelectedZone(html));
        Assert.Equal(Fields.Length + 2, Between(html, "role=\"alert\"", "</div>").Split(HostileEncoded).Length - 1);
    }

    [Theory]
    [MemberData(nameof(FieldNames))]
    public async Task A_field_error_is_shown_next_to_the_field_and_tied_to_it_for_screen_readers(string field)
    {
        var html = await TestPages.Renderer.SignupAsync(SignupForm.Empty, new Dictionary<string, string> { [field] = "Please look at this one." });

        var error = TagWithId(html, $"{field}-error");
        Assert.StartsWith("<p", error, StringComparison.Ordinal);
        var described = field is "channel" or "pronoun"
            ? Assert.Single(Tags(html, "fieldset"), f => Attr(f, "aria-labelledby") == $"{field}-legend")
            : TagWithId(html, field);
        Assert.Equal("true", Attr(described, "aria-invalid"));
        Assert.Contains($"{field}-error", Attr(described, "aria-describedby")!.Split(' '));
        Assert.Single(Regex.Matches(html, "aria-invalid=\"true\""));

        var summary = Between(html, "role=\"alert\"", "</div>");
        Assert.Contains("Please look at this one.", summary, StringComparison.Ordinal);
        var target = Attr(Assert.Single(Tags(summary, "a")), "href")!;
        Assert.Contains(target.TrimStart('#'), Ids(html));
    }

    [Fact]
    public async Task Describedby_only_points_at_elements_that_exist()
    {
        var html = await TestPages.Renderer.SignupAsync(SignupForm.Empty, Fields.ToDictionary(f => f, f => $"Check {f}."));
        var ids = Ids(html).ToHashSet(StringComparer.Ordinal);

        foreach (var tag in Tags(html, "[a-z]+").Where(t => Attr(t, "aria-describedby") is not null))
        {
            Assert.All(Attr(tag, "aria-describedby")!.Split(' '), id => Assert.Contains(id, ids));
        }
    }

    [Fact]
    public async Task A_form_level_error_appears_in_the_summary()
    {
        var html = Markup(await TestPages.Renderer.SignupAsync(SignupForm.Empty, new Dictionary<string, string> { [""] = "We couldn't save that just now." }));

        Assert.Contains("We couldn&#x27;t save that just now.", Between(html, "role=\"alert\"", "</div>"), StringComparison.Ordinal);
        Assert.DoesNotContain("aria-invalid", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_errors_means_no_summary_and_nothing_marked_invalid()
    {
        var html = Markup(await TestPages.Renderer.SignupAsync(SignupForm.Empty, new Dictionary<string, string> { ["phone"] = "  " }));

        Assert.DoesNotContain("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("aria-invalid", html, StringComparison.Ordinal);
        Assert.DoesNotContain("-error\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task States_what_us_carriers_require_before_the_button()
    {
        var html = await Blank();
        var beforeButton = VisibleText(html[..html.IndexOf("<button", StringComparison.Ordinal)]);

        Assert.Contains("one short encouraging message a day, by text and/or email, for about six weeks, then weekly for a couple of months", beforeButton, StringComparison.Ordinal);
        Assert.Contains("Msg & data rates may apply", beforeButton, StringComparison.Ordinal);
        Assert.Contains("Reply HELP for help, STOP to cancel at any time", beforeButton, StringComparison.Ordinal);
        Assert.Contains("reply YES", beforeButton, StringComparison.Ordinal);
        Assert.Contains("link in our email", beforeButton, StringComparison.Ordinal);
        Assert.Contains("never shared", beforeButton, StringComparison.Ordinal);
        Assert.Matches(@"^Encourage ?: A kind word each day while you let go$", VisibleText(Between(html, "<h1>", "</h1>")));
    }

    [Fact]
    public async Task The_consent_sentence_is_next_to_the_button_with_links_to_terms_and_privacy()
    {
        var html = Markup(await Blank());
        var form = html[html.IndexOf("<form", StringComparison.Ordinal)..(html.IndexOf("</form>", StringComparison.Ordinal))];
        var consentAt = form.IndexOf("id=\"consent\"", StringComparison.Ordinal);
        var buttonAt = form.IndexOf("<button", StringComparison.Ordinal);
        Assert.InRange(consentAt, 0, buttonAt);
        // Nothing stands between the sentence and the button.
        Assert.Matches(@"^[^<]*(<(a|strong|/a|/strong)\b[^>]*>[^<]*)*</p>\s*$", form[form.IndexOf('>', consentAt)..buttonAt][1..]);

        var consent = VisibleText(Between(form, "id=\"consent\">", "</p>"));
        Assert.Contains("recurring automated messages from Encourage", consent, StringComparison.Ordinal);
        Assert.Contains("up to 1 msg/day", consent, StringComparison.Ordinal);
        Assert.Contains("Msg & data rates may apply", consent, StringComparison.Ordinal);
        Assert.Contains("Reply HELP for help, STOP to cancel", consent, StringComparison.Ordinal);
        var links = Tags(Between(form, "id=\"consent\">", "</p>"), "a").Select(a => Attr(a, "href")).ToList();
        Assert.Equal(["/api/terms", "/api/privacy"], links);
        Assert.Equal("consent", Attr(Assert.Single(Tags(form, "button")), "aria-describedby"));
    }

    [Fact]
    public async Task The_page_says_plainly_it_is_not_for_leaving_an_abusive_relationship_and_where_to_get_help()
    {
        var text = VisibleText(await Blank());

        Assert.Contains("not for leaving an abusive one", text, StringComparison.Ordinal);
        Assert.Contains("1-800-799-7233", text, StringComparison.Ordinal);
    }

    private static List<string> Radios(string html, string name) =>
        Tags(html, "input").Where(t => Attr(t, "name") == name).ToList();

    private static List<string> OptionValues(string html) =>
        Tags(Between(html, "<select", "</select>"), "option").Select(o => Attr(o, "value")!).ToList();

    private static string SelectedZone(string html) =>
        Attr(Assert.Single(Tags(Between(html, "<select", "</select>"), "option"), o => Has(o, "selected")), "value")!;
}
