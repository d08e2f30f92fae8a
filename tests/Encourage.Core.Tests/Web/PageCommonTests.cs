using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Encourage.Web.Pages;
using static Encourage.Core.Tests.Web.PageMarkup;

namespace Encourage.Core.Tests.Web;

public sealed class PageCommonTests
{
    private const string Hostile = "\"'><script>alert('x')</script>";

    private static readonly Dictionary<string, Func<string>> Pages = new()
    {
        ["signup"] = () => Html.Signup(SignupForm.Empty, new Dictionary<string, string>()),
        ["signup with errors"] = () => Html.Signup(
            new SignupForm("Sam", "555", "sam@", "both", "America/Chicago", "09:00", "", "her"),
            new Dictionary<string, string> { [""] = "Something went wrong.", ["phone"] = "Please check the number." }),
        ["received sms"] = () => Html.SignupReceived(sms: true, email: false),
        ["received email"] = () => Html.SignupReceived(sms: false, email: true),
        ["received both"] = () => Html.SignupReceived(sms: true, email: true),
        ["received neither"] = () => Html.SignupReceived(sms: false, email: false),
        ["confirm prompt"] = () => Html.ConfirmPrompt("tok.en", "texts"),
        ["confirmed"] = Html.Confirmed,
        ["unsubscribe prompt"] = () => Html.UnsubscribePrompt("tok.en", "emails"),
        ["unsubscribed"] = () => Html.Unsubscribed("texts", erased: false),
        ["unsubscribed and erased"] = () => Html.Unsubscribed("texts", erased: true),
        ["bad link"] = Html.BadLink,
        ["error"] = () => Html.Error("We're having trouble right now", "Please try again in a few minutes."),
    };

    public static TheoryData<string> PageNames() => new(Pages.Keys);

    [Theory]
    [MemberData(nameof(PageNames))]
    public void Every_page_is_a_complete_accessible_document(string page)
    {
        var html = Pages[page]();

        Assert.StartsWith("<!doctype html>", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("<meta charset=\"utf-8\">", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", html, StringComparison.Ordinal);
        Assert.Matches(@"<title>[^<]+\S[^<]*</title>", html);
        Assert.Single(Tags(html, "main"));
        Assert.Single(Tags(html, "h1"));
        Assert.Contains("</main>", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PageNames))]
    public void No_page_loads_anything_from_anywhere(string page)
    {
        var html = Pages[page]();

        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        // Every link or form target stays on this host: a fragment, a path, or a phone number.
        foreach (Match m in Regex.Matches(html, @"(?<=\s)(href|action)=""([^""]*)"""))
        {
            var target = m.Groups[2].Value;
            Assert.True(
                target.StartsWith('#') || (target.StartsWith('/') && !target.StartsWith("//", StringComparison.Ordinal)) || target.StartsWith("tel:", StringComparison.Ordinal),
                $"{page}: {m.Value} points off this host");
        }
    }

    [Theory]
    [MemberData(nameof(PageNames))]
    public void Every_control_has_a_label_and_every_id_is_unique(string page)
    {
        var html = Pages[page]();

        foreach (var control in Controls(html))
        {
            var id = Attr(control, "id");
            Assert.False(string.IsNullOrEmpty(id), $"{page}: {control} has no id");
            Assert.Single(Tags(html, "label"), l => Attr(l, "for") == id);
        }
        var ids = Ids(html).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(PageNames))]
    public void Inline_style_and_script_are_exactly_what_the_content_security_policy_allows(string page)
    {
        var html = Pages[page]();

        Assert.Contains(Sha256(Between(html, "<style>", "</style>")), Html.ContentSecurityPolicy, StringComparison.Ordinal);
        if (html.Contains("<script>", StringComparison.Ordinal))
        {
            Assert.Contains(Sha256(Between(html, "<script>", "</script>")), Html.ContentSecurityPolicy, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" onclick=", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(PageNames))]
    public void No_page_promises_anyone_will_come_back(string page)
    {
        var text = VisibleText(Pages[page]()).ToLowerInvariant();

        Assert.DoesNotContain("come back", text, StringComparison.Ordinal);
        Assert.DoesNotContain("get him back", text, StringComparison.Ordinal);
        Assert.DoesNotContain("get her back", text, StringComparison.Ordinal);
        Assert.DoesNotContain("get them back", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Signup_received_is_the_same_page_every_time_for_the_same_channels()
    {
        // The handler calls this identically for a new and an already-subscribed person; the page takes
        // nothing that could tell them apart, so equal arguments must give byte-identical pages.
        foreach (var (sms, email) in new[] { (true, false), (false, true), (true, true), (false, false) })
        {
            Assert.Equal(Html.SignupReceived(sms, email), Html.SignupReceived(sms, email));
            Assert.DoesNotContain("already", VisibleText(Html.SignupReceived(sms, email)), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Signup_received_says_how_to_confirm_on_each_channel()
    {
        var sms = VisibleText(Html.SignupReceived(sms: true, email: false));
        var email = VisibleText(Html.SignupReceived(sms: false, email: true));
        var both = VisibleText(Html.SignupReceived(sms: true, email: true));

        Assert.Contains("Check your phone", sms, StringComparison.Ordinal);
        Assert.Contains("Reply YES", sms, StringComparison.Ordinal);
        Assert.DoesNotContain("inbox", sms, StringComparison.Ordinal);
        Assert.Contains("Check your inbox", email, StringComparison.Ordinal);
        Assert.Contains("link", email, StringComparison.Ordinal);
        Assert.DoesNotContain("YES", email, StringComparison.Ordinal);
        Assert.Contains("reply YES", both, StringComparison.Ordinal);
        Assert.Contains("Check your inbox", both, StringComparison.Ordinal);
    }

    [Fact]
    public void Confirm_prompt_only_acts_by_post_and_encodes_the_token()
    {
        var html = Html.ConfirmPrompt(Hostile, Hostile);

        var form = Assert.Single(Tags(html, "form"));
        Assert.Equal("post", Attr(form, "method"));
        Assert.Equal("/api/confirm", Attr(form, "action"));
        var token = Assert.Single(Tags(html, "input"), t => Attr(t, "name") == "token");
        Assert.Equal("hidden", Attr(token, "type"));
        Assert.Equal("&quot;&#39;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", Attr(token, "value"));
        Assert.DoesNotContain(Hostile, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Single(Tags(html, "button"), b => Attr(b, "type") == "submit");
    }

    [Fact]
    public void Unsubscribe_prompt_names_the_channel_offers_erasure_and_only_acts_by_post()
    {
        var html = Html.UnsubscribePrompt("tok.en", "texts");

        var form = Assert.Single(Tags(html, "form"));
        Assert.Equal("post", Attr(form, "method"));
        Assert.Equal("/api/unsubscribe", Attr(form, "action"));
        var token = Assert.Single(Tags(html, "input"), t => Attr(t, "name") == "token");
        Assert.Equal("hidden", Attr(token, "type"));
        Assert.Equal("tok.en", Attr(token, "value"));
        var erase = Assert.Single(Tags(html, "input"), t => Attr(t, "name") == "erase");
        Assert.Equal("checkbox", Attr(erase, "type"));
        Assert.Equal("yes", Attr(erase, "value"));
        Assert.False(Has(erase, "checked"), "erasing data must be the reader's own choice");
        Assert.Contains($"<label for=\"{Attr(erase, "id")}\">Also delete my data</label>", html, StringComparison.Ordinal);
        Assert.Contains("stop sending you texts", VisibleText(html), StringComparison.Ordinal);
        Assert.Contains("<a href=\"/api/my-data?token=tok.en\">Download my data</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsubscribe_prompt_encodes_token_and_channel_label()
    {
        var html = Html.UnsubscribePrompt(Hostile, Hostile);

        Assert.DoesNotContain(Hostile, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Equal(Hostile, System.Net.WebUtility.HtmlDecode(Attr(Assert.Single(Tags(html, "input"), t => Attr(t, "name") == "token"), "value")));
    }

    [Fact]
    public void Unsubscribed_says_whether_data_was_deleted()
    {
        Assert.Contains("deleted your data", VisibleText(Html.Unsubscribed("texts", erased: true)), StringComparison.Ordinal);
        Assert.DoesNotContain("deleted", VisibleText(Html.Unsubscribed("texts", erased: false)), StringComparison.Ordinal);
        Assert.Contains("any more texts", VisibleText(Html.Unsubscribed("texts", erased: false)), StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", Html.Unsubscribed(Hostile, erased: true), StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_link_page_is_always_the_same_and_has_no_form()
    {
        Assert.Equal(Html.BadLink(), Html.BadLink());
        Assert.Empty(Tags(Html.BadLink(), "form"));
    }

    [Fact]
    public void Error_page_encodes_title_and_message()
    {
        var html = Html.Error(Hostile, Hostile);

        Assert.DoesNotContain(Hostile, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", Between(html, "<title>", "</title>"), StringComparison.Ordinal);
        Assert.Contains("We&#39;re having trouble right now", Html.Error("We're having trouble right now", "Try again soon."), StringComparison.Ordinal);
    }

    private static string Sha256(string block) =>
        "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(block))) + "'";
}
