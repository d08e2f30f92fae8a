using Encourage.Insights;
using Encourage.Web.Components;
using Encourage.Web.Legal;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace Encourage.Web.Pages;

/// <summary>
/// Every page the service serves, rendered from its Razor component (<c>Web/Pages/*.razor</c>,
/// <c>Insights/DashboardPage.razor</c>) by the one <see cref="ComponentRenderer"/>. Both hosts answer through here.
/// </summary>
public sealed class PageRenderer(ComponentRenderer renderer)
{
    /// <summary>The sign-up form. <paramref name="errors"/> is keyed by field name, with "" for the form as a whole.</summary>
    public Task<string> SignupAsync(SignupForm form, IReadOnlyDictionary<string, string>? errors = null, string action = Routes.Subscribe) =>
        Render<SignupPage>(new()
        {
            [nameof(SignupPage.Form)] = form,
            [nameof(SignupPage.Errors)] = new FormErrors(errors),
            [nameof(SignupPage.Action)] = action,
        });

    /// <summary>After a successful form POST; takes nothing that could tell a new sign-up from an existing one.</summary>
    public Task<string> SignupReceivedAsync(bool sms, bool email) =>
        Render<SignupReceivedPage>(new() { [nameof(SignupReceivedPage.Sms)] = sms, [nameof(SignupReceivedPage.Email)] = email });

    public Task<string> ConfirmPromptAsync(string token, Channels channel, string action = Routes.Confirm) =>
        Render<ConfirmPage>(new()
        {
            [nameof(ConfirmPage.Token)] = token,
            [nameof(ConfirmPage.ChannelLabel)] = ChannelNews.Label(channel),
            [nameof(ConfirmPage.Action)] = action,
        });

    public Task<string> ConfirmedAsync() => Render<ConfirmedPage>(new());

    /// <param name="stopping">The channel the link stops.</param>
    /// <param name="live">The channels live now; those not stopped are said to carry on.</param>
    public Task<string> UnsubscribePromptAsync(string token, Channels stopping, Channels live, string action = Routes.Unsubscribe) =>
        Render<UnsubscribePage>(new()
        {
            [nameof(UnsubscribePage.Token)] = token,
            [nameof(UnsubscribePage.Stopping)] = stopping,
            [nameof(UnsubscribePage.Live)] = live,
            [nameof(UnsubscribePage.Action)] = action,
            // No "download my data" here: an unsubscribe link only unsubscribes (the manage page sends a data link).
        });

    /// <param name="stopped">Every channel that stopped.</param>
    /// <param name="goingOn">The channels that carry on.</param>
    public Task<string> UnsubscribedAsync(Channels stopped, Channels goingOn, bool erased) =>
        Render<UnsubscribedPage>(new()
        {
            [nameof(UnsubscribedPage.Stopped)] = stopped,
            [nameof(UnsubscribedPage.GoingOn)] = goingOn,
            [nameof(UnsubscribedPage.Erased)] = erased,
        });

    /// <summary>The same page for every bad token: it says nothing about who a link was for.</summary>
    public Task<string> BadLinkAsync() => Render<BadLinkPage>(new());

    /// <summary>A real link whose profile has moved on (signed up again, another contact): it says nothing more.</summary>
    public Task<string> OlderLinkAsync() => Render<OlderLinkPage>(new());

    /// <summary>A confirmation link past <c>Encourage__ConfirmLinkDays</c>.</summary>
    public Task<string> LinkExpiredAsync() => Render<LinkExpiredPage>(new());

    /// <summary>"Download my data": a button that POSTs the token, or a note that nothing is held.</summary>
    public Task<string> MyDataAsync(string token, bool held) =>
        Render<MyDataPage>(new() { [nameof(MyDataPage.Token)] = token, [nameof(MyDataPage.Held)] = held });

    /// <summary>A sign-up form posted from another site's page (403).</summary>
    public const string OtherSiteTitle = "Please use our own sign-up page";
    public const string OtherSiteMessage = "This form came from another website, so we didn't accept it. Please open our sign-up page and try again from there.";

    /// <summary>The honeypot field (hidden from people) was filled in: almost certainly a bot.</summary>
    public const string HoneypotError = "We couldn't accept this form. If you're a person, please clear the field labelled \"Leave this blank\" and try again.";

    public Task<string> ErrorAsync(string title, string message) =>
        Render<ErrorPage>(new() { [nameof(ErrorPage.Title)] = title, [nameof(ErrorPage.Message)] = message });

    public Task<string> TooManyRequestsAsync(TimeSpan retryAfter) =>
        Render<TooManyRequestsPage>(new() { [nameof(TooManyRequestsPage.RetryAfter)] = retryAfter });

    public Task<string> TermsAsync() => Render<LegalPage>(new() { [nameof(LegalPage.Document)] = LegalDocuments.Terms });

    public Task<string> PrivacyAsync() => Render<LegalPage>(new() { [nameof(LegalPage.Document)] = LegalDocuments.Privacy });

    public Task<string> ManageAsync(ManageView view) => Render<ManagePage>(new() { [nameof(ManagePage.View)] = view });

    public Task<string> ManagedAsync(string heading, string message) =>
        Render<ManagedPage>(new() { [nameof(ManagedPage.Heading)] = heading, [nameof(ManagedPage.Message)] = message });

    public Task<string> DashboardAsync(DashboardFigures figures) =>
        Render<DashboardPage>(new() { [nameof(DashboardPage.Figures)] = figures });

    /// <summary>A rendered page as an HTML response.</summary>
    public static IResult Result(string html, int status = StatusCodes.Status200OK) =>
        Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);

    private Task<string> Render<TPage>(Dictionary<string, object?> parameters) where TPage : IComponent =>
        renderer.RenderAsync<TPage>(parameters);
}
