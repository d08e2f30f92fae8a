using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Encourage.Web.Pages;
using static Encourage.Core.Tests.Web.PageMarkup;

namespace Encourage.Core.Tests.Web;

public sealed class PageCommonTests
{
    private const string Hostile = "\"'><script>alert('x')</script>";

    private static PageRenderer P => TestPages.Renderer;

    private static readonly Dictionary<string, Func<Task<string>>> Pages = new()
    {
        ["signup"] = () => P.SignupAsync(SignupForm.Empty),
        ["signup with errors"] = () => P.SignupAsync(
            new SignupForm("Sam", "555", "sam@", "both", "America/Chicago", "09:00", "", "her"),
            new Dictionary<string, string> { [""] = "Something went wrong.", ["phone"] = "Please check the number." }),
        ["received sms"] = () => P.SignupReceivedAsync(sms: true, email: false),
        ["received email"] = () => P.SignupReceivedAsync(sms: false, email: true),
        ["received both"] = () => P.SignupReceivedAsync(sms: true, email: true),
        ["received neither"] = () => P.SignupReceivedAsync(sms: false, email: false),
        ["confirm prompt"] = () => P.ConfirmPromptAsync("tok.en", Channels.Sms),
        ["confirmed"] = () => P.ConfirmedAsync(),
        ["unsubscribe prompt"] = () => P.UnsubscribePromptAsync("tok.en", Channels.Email, Channels.Email),
        ["unsubscribe prompt, texts go on"] = () => P.UnsubscribePromptAsync("tok.en", Channels.Email, Channels.Both),
        ["unsubscribed"] = () => P.UnsubscribedAsync(Channels.Sms, Channels.None, erased: false),
        ["unsubscribed, emails go on"] = () => P.UnsubscribedAsync(Channels.Sms, Channels.Email, erased: false),
        ["unsubscribed and erased"] = () => P.UnsubscribedAsync(Channels.Sms, Channels.None, erased: true),
        ["bad link"] = () => P.BadLinkAsync(),
        ["error"] = () => P.ErrorAsync("We're having trouble right now", "Please try again in a few minutes."),
        ["too many requests"] = () => P.TooManyRequestsAsync(TimeSpan.FromMinutes(5)),
        ["terms"] = () => P.TermsAsync(),
        ["privacy"] = () => P.PrivacyAsync(),
        ["manage"] = () => P.ManageAsync(TestPages.Manage()),
        ["manage, paused, with an error"] = () => P.ManageAsync(TestPages.Manage(TestPages.Subscriber(status: SubscriberStatus.Paused),
            new FormErrors(new Dictionary<string, string> { ["days"] = "Please choose from 1 to 30 days." }))),
        ["manage, stopped"] = () => P.ManageAsync(TestPages.Manage(TestPages.Subscriber(status: SubscriberStatus.Unsubscribed))),
        ["managed"] = () => P.ManagedAsync("Your time has changed", "Your messages will now arrive at 07:30, your time."),
    };

    public static TheoryData<string> PageNames() => new(Pages.Keys);

    [Theory]
    [MemberData(nameof(PageNames))]
    public async Task Every_page_is_a_complete_accessible_document(string page)
    {
        var html = await Pages[page]();

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
    public async Task No_page_loads_anything_from_anywhere(string page)
    {
        var html = await Pages[page]();

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
    public async Task Every_control_has_a_label_and_every_id_is_unique(string page)
    {
        var html = await Pages[page]();

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
    public async Task Inline_style_and_script_are_exactly_what_the_content_security_policy_allows(string page)
    {
        var html = await Pages[page]();

        Assert.Contains(Sha256(Between(html, "<style>", "</style>")), PageStyles.ContentSecurityPolicy, StringComparison.Ordinal);
        if (html.Contains("<script>", StringComparison.Ordinal))
        {
            Assert.Contains(Sha256(Between(html, "<script>", "</script>")), PageStyles.ContentSecurityPolicy, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" onclick=", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(PageNames))]
    public async Task No_page_promises_anyone_will_come_back(string page)
    {
        var text = VisibleText(await Pages[page]()).ToLowerInvariant();

        Assert.DoesNotContain("come back", text, StringComparison.Ordinal);
        Assert.DoesNotContain("get him back", text, StringComparison.Ordinal);
        Assert.DoesNotContain("get her back", text, StringComparison.Ordinal);
        Assert.DoesNotContain("get them back", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signup_received_is_the_same_page_every_time_for_the_same_channels()
    {
        // The handler calls this identically for a new and an already-subscribed person; the page takes
        // nothing that could tell them apart, so equal arguments must give byte-identical pages.
        foreach (var (sms, email) in new[] { (true, false), (false, true), (true, true), (false, false) })
        {
            Assert.Equal(await P.SignupReceivedAsync(sms, email), await P.SignupReceivedAsync(sms, email));
            Assert.DoesNotContain("already", VisibleText(await P.SignupReceivedAsync(sms, email)), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Signup_received_says_how_to_confirm_on_each_channel()
    {
        var sms = VisibleText(await P.SignupReceivedAsync(sms: true, email: false));
        var email = VisibleText(await P.SignupReceivedAsync(sms: false, email: true));
        var both = VisibleText(await P.SignupReceivedAsync(sms: true, email: true));

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
    public async Task Confirm_prompt_only_acts_by_post_and_encodes_the_token()
    {
        var html = await P.ConfirmPromptAsync(Hostile, Channels.Sms);

        var form = Assert.Single(Tags(html, "form"));
        Assert.Equal("post", Attr(form, "method"));
        Assert.Equal("/api/confirm", Attr(form, "action"));
        var token = Assert.Single(Tags(html, "input"), t => Attr(t, "name") == "token");
        Assert.Equal("hidden", Attr(token, "type"));
        Assert.Equal(Hostile, Attr(token, "value"));
        Assert.Contains("value=\"&quot;&#x27;&gt;&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Hostile, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Single(Tags(html, "button"), b => Attr(b, "type") == "submit");
    }

    [Fact]
    public async Task Unsubscribe_prompt_names_the_channel_offers_erasure_and_only_acts_by_post()
    {
        var html = await P.UnsubscribePromptAsync("tok.en", Channels.Sms, Channels.Sms);

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
        // Issue 20: an unsubscribe link only unsubscribes; the data comes by a link from the manage page.
        Assert.DoesNotContain("/api/my-data", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsubscribe_prompt_encodes_the_token()
    {
        var html = await P.UnsubscribePromptAsync(Hostile, Channels.Email, Channels.Both);

        Assert.DoesNotContain(Hostile, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Equal(Hostile, Attr(Assert.Single(Tags(html, "input"), t => Attr(t, "name") == "token"), "value"));
    }

    [Fact]
    public async Task Unsubscribed_says_whether_data_was_deleted()
    {
        Assert.Contains("deleted your data", VisibleText(await P.UnsubscribedAsync(Channels.Sms, Channels.None, erased: true)), StringComparison.Ordinal);
        Assert.DoesNotContain("deleted", VisibleText(await P.UnsubscribedAsync(Channels.Sms, Channels.None, erased: false)), StringComparison.Ordinal);
        Assert.Contains("any more texts", VisibleText(await P.UnsubscribedAsync(Channels.Sms, Channels.None, erased: false)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_one_channel_says_exactly_which_stopped_and_which_goes_on()
    {
        var prompt = VisibleText(await P.UnsubscribePromptAsync("tok.en", Channels.Email, Channels.Both));
        Assert.Contains("We'll stop sending you emails. Your texts will carry on.", prompt, StringComparison.Ordinal);
        Assert.Contains("Your texts would stop too.", prompt, StringComparison.Ordinal);
        Assert.Contains("Stop my emails", prompt, StringComparison.Ordinal);

        var done = await P.UnsubscribedAsync(Channels.Email, Channels.Sms, erased: false);
        Assert.Equal("Encourage : Emails have stopped", VisibleText(Between(done, "<h1>", "</h1>")));
        Assert.Contains("Emails have stopped. Your texts carry on.", VisibleText(done), StringComparison.Ordinal);
        Assert.DoesNotContain("Your messages have stopped", VisibleText(done), StringComparison.Ordinal);

        var all = VisibleText(await P.UnsubscribedAsync(Channels.Both, Channels.None, erased: true));
        Assert.Contains("Your texts and emails have stopped.", all, StringComparison.Ordinal);
        Assert.DoesNotContain("carry on", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_link_page_is_always_the_same_and_has_no_form()
    {
        Assert.Equal(await P.BadLinkAsync(), await P.BadLinkAsync());
        Assert.Empty(Tags(await P.BadLinkAsync(), "form"));
    }

    [Fact]
    public async Task Error_page_encodes_title_and_message()
    {
        var html = await P.ErrorAsync(Hostile, Hostile);

        Assert.DoesNotContain(Hostile, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", Between(html, "<title>", "</title>"), StringComparison.Ordinal);
        Assert.Contains("We&#x27;re having trouble right now", await P.ErrorAsync("We're having trouble right now", "Try again soon."), StringComparison.Ordinal);
    }

    private static string Sha256(string block) =>
        "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(block))) + "'";
}
