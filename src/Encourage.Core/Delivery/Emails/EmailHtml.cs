using Encourage.Web.Components;

namespace Encourage.Delivery.Emails;

/// <summary>
/// Renders <see cref="EmailLayout"/> and moves its stylesheet into style attributes (PreMailer.Net), so clients that
/// strip <c>&lt;style&gt;</c> still show it; the dark-mode and small-screen rules stay in their own style element.
/// </summary>
public sealed class EmailHtml(ComponentRenderer renderer)
{
    /// <summary>The style element PreMailer leaves alone: media queries cannot be inlined.</summary>
    public const string MediaStyleSelector = "#email-media";

    public async Task<string> RenderAsync(EmailDocument email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var html = await renderer.RenderAsync<EmailLayout>(new Dictionary<string, object?> { [nameof(EmailLayout.Email)] = email });
        using var premailer = new PreMailer.Net.PreMailer(html);
        var result = premailer.MoveCssInline(removeStyleElements: true, ignoreElements: MediaStyleSelector, removeComments: true);
        return result.Html;
    }
}
