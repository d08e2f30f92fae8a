using Encourage.Arc;

namespace Encourage.Core.Tests.Arc;

public sealed class MessageRendererTests
{
    private static readonly ProgrammeEntry Entry = new(
        3, PhaseIds.LetGo, 1,
        "{name}, let {him} be {himself}.",
        "For you, {name}",
        "Hi **{name}**,\n\nLet {him} be. {He} {is|are} fine.\n\n- one\n- two\n",
        false);

    [Fact]
    public void Sms_is_the_recovery_line_a_space_and_the_filled_text()
    {
        var message = MessageRenderer.Render(Entry, "Ana", Pronoun.Them, "Today is new.");

        Assert.Equal("Today is new. Ana, let them be themself.", message.Sms);
        Assert.Equal("Ana, let them be themself.", MessageRenderer.Render(Entry, "Ana", Pronoun.Them, null).Sms);
    }

    [Fact]
    public void Email_has_html_and_plain_text_with_the_recovery_line_first()
    {
        var message = MessageRenderer.Render(Entry, "Ana", Pronoun.Her, "Today is new.");

        Assert.Equal("For you, Ana", message.EmailSubject);
        Assert.StartsWith("<p>Today is new.</p>", message.EmailHtml);
        Assert.Contains("<strong>Ana</strong>", message.EmailHtml);
        Assert.Contains("She is fine.", message.EmailHtml);
        Assert.Contains("<li>one</li>", message.EmailHtml);
        Assert.Equal("Today is new.\n\nHi Ana,\n\nLet her be. She is fine.\n\n- one\n- two", message.EmailText);
    }

    [Fact]
    public void A_name_cannot_inject_markup()
    {
        var message = MessageRenderer.Render(Entry, "<script>alert(1)</script>", Pronoun.Him, "<b>x</b>");

        Assert.DoesNotContain("<script>", message.EmailHtml);
        Assert.DoesNotContain("<b>", message.EmailHtml);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", message.EmailHtml);
        Assert.Contains("<script>alert(1)</script>", message.EmailText);
    }

    [Fact]
    public void A_name_cannot_become_a_link_or_emphasis()
    {
        var (html, _) = MessageRenderer.RenderMarkdown("Hi {name}.", "[x](http://evil.example) *y*", Pronoun.Him);

        Assert.DoesNotContain("<a ", html);
        Assert.DoesNotContain("<em>", html);
        Assert.Contains("[x](http://evil.example) *y*", html);
    }

    [Fact]
    public void Link_values_are_encoded_in_the_href_and_kept_in_plain_text()
    {
        var values = new Dictionary<string, string> { ["link"] = "https://e.example/u?a=1&b=\"2\"" };

        var (html, text) = MessageRenderer.RenderMarkdown("[Unsubscribe]({link}) any time.", "Ana", Pronoun.Him, values);

        Assert.Contains("href=\"https://e.example/u?a=1&amp;b=&quot;2&quot;\"", html);
        Assert.Equal("Unsubscribe (https://e.example/u?a=1&b=\"2\") any time.", text);
    }

    [Fact]
    public void Reply_emails_render_with_the_name_encoded_and_the_link_clickable()
    {
        var values = new Dictionary<string, string> { ["link"] = "https://e.example/c/1" };

        var (html, text) = Encourage.Replies.ReplyBook.LoadEmbedded().Email(Encourage.Replies.ReplyKeys.ConfirmEmail, "<i>Ana</i>", Pronoun.Her, values);

        Assert.Contains("&lt;i&gt;Ana&lt;/i&gt;", html);
        Assert.Contains("href=\"https://e.example/c/1\"", html);
        Assert.Contains("https://e.example/c/1", text);
    }

    [Fact]
    public void Raw_html_in_content_is_shown_as_text()
    {
        var (html, _) = MessageRenderer.RenderMarkdown("Hello <img src=x onerror=alert(1)>", "Ana", Pronoun.Him);

        Assert.DoesNotContain("<img", html);
    }

    [Fact]
    public void Every_embedded_entry_renders_for_every_pronoun()
    {
        var programme = Programme.LoadEmbedded();
        foreach (var pronoun in Enum.GetValues<Pronoun>())
        {
            foreach (var entry in programme.Entries)
            {
                var message = MessageRenderer.Render(entry, "Maximiliana-Cordelia", pronoun, "One hard moment isn't the whole story.");
                Assert.Equal(1, Gsm7.Segments(message.Sms));
                Assert.DoesNotContain("{", message.Sms + message.EmailSubject + message.EmailText);
            }
        }
    }
}
