using Encourage.Web.Legal;
using static Encourage.Core.Tests.Web.PageMarkup;

namespace Encourage.Core.Tests.Web;

public sealed class LegalPagesTests
{
    [Fact]
    public void A_markdown_file_gives_its_title_and_an_encoded_body_without_editor_notes()
    {
        var doc = LegalDocuments.Parse("# Terms of use\n\n<!-- a note for editors -->\n\nHello **there** <script>alert(1)</script>\n\n## Stopping\n\n- Reply STOP\n");

        Assert.Equal("Terms of use", doc.Title);
        Assert.DoesNotContain("<script>", doc.BodyHtml, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", doc.BodyHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("note for editors", doc.BodyHtml, StringComparison.Ordinal);
        Assert.Contains("<strong>there</strong>", doc.BodyHtml, StringComparison.Ordinal);
        Assert.Contains("<h2>Stopping</h2>", doc.BodyHtml, StringComparison.Ordinal);
        Assert.Contains("<li>Reply STOP</li>", doc.BodyHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_a_title_line_is_refused() =>
        Assert.Throws<InvalidOperationException>(() => LegalDocuments.Parse("Just text."));

    [Fact]
    public async Task Terms_and_privacy_say_what_is_true_of_the_service()
    {
        var terms = VisibleText(await TestPages.Renderer.TermsAsync());
        var privacy = VisibleText(await TestPages.Renderer.PrivacyAsync());

        Assert.Contains("Terms of use", terms, StringComparison.Ordinal);
        Assert.Contains("Up to 1 message a day", terms, StringComparison.Ordinal);
        Assert.Contains("Msg & data rates may apply", terms, StringComparison.Ordinal);
        Assert.Contains("STOP", terms, StringComparison.Ordinal);
        Assert.Contains("HELP", terms, StringComparison.Ordinal);
        Assert.Contains("Privacy notice", privacy, StringComparison.Ordinal);
        // Matches SubscriptionLifecycle.PendingExpiry: the notice must not promise what the code does not do.
        Assert.Contains($"within {SubscriptionLifecycle.PendingExpiry.TotalDays} days is deleted", privacy, StringComparison.Ordinal);
        Assert.Contains("Also delete my data", privacy, StringComparison.Ordinal);
        Assert.Contains("Also delete my data", VisibleText(await TestPages.Renderer.UnsubscribePromptAsync("t", Channels.Sms, Channels.Sms)), StringComparison.Ordinal);
    }
}
