using Encourage.Hosting;
using Encourage.Web;
using Encourage.Web.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Encourage.Subscriptions;

/// <summary>The HTTP side of subscribing: the sign-up page, the sign-up POST, confirmation and unsubscribe links.</summary>
public sealed class SubscriptionEndpoints(SubscribeValidator validator, SubscriptionLifecycle lifecycle, LinkToken tokens,
    SubscriberStore store, SignupLimits limits, PageRenderer pages, IOptions<EncourageOptions> options)
{
    /// <summary>The blank form: texts and 09:00 chosen, and no pronoun (the person chooses; nobody is assumed to be a man).</summary>
    public async Task<IResult> SignupPageAsync(HttpRequest request) =>
        Page(await pages.SignupAsync(new SignupForm(null, null, null, ChannelNames.Sms, null, "09:00", null, null)));

    public async Task<IResult> TermsAsync(HttpRequest request) => Page(await pages.TermsAsync());

    public async Task<IResult> PrivacyAsync(HttpRequest request) => Page(await pages.PrivacyAsync());

    /// <summary>
    /// POST /api/subscribe, as a form (the page) or JSON (an API client). Valid sign-ups answer 202 whether or not the
    /// person was already subscribed, so the answer reveals nothing.
    /// </summary>
    public async Task<IResult> SubscribeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var isForm = RequestReading.IsForm(request);
        if (!isForm && !RequestReading.IsJson(request))
        {
            return Results.Problem(title: "Unsupported content type", detail: "Send a form or JSON.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }
        // A browser posting from another site's page (a hidden form that signs up numbers) is refused.
        if (!RequestOrigin.IsSameSite(request, options.Value.PublicBaseUrl))
        {
            return isForm
                ? Page(await pages.ErrorAsync(PageRenderer.OtherSiteTitle, PageRenderer.OtherSiteMessage), StatusCodes.Status403Forbidden)
                : Results.Problem(title: "Cross-site request", detail: "Sign-ups are accepted only from this site's own page or from an API client.", statusCode: StatusCodes.Status403Forbidden);
        }
        IReadOnlyDictionary<string, string?> fields;
        if (isForm)
        {
            var form = await RequestReading.ReadFormAsync(request, cancellationToken);
            fields = form.ToDictionary(kv => kv.Key, kv => (string?)kv.Value, StringComparer.OrdinalIgnoreCase);
        }
        else
        {
            fields = await RequestReading.ReadJsonObjectAsync(request, cancellationToken);
        }
        string? F(string name) => fields.TryGetValue(name, out var v) ? v : null;
        var subscribe = new SubscribeRequest(F("firstName"), F("phone"), F("email"), F("channel"), F("timeZone"), F("sendTime"), F("startDate"), F("pronoun"));
        var (valid, errors) = validator.Validate(subscribe);
        if (!string.IsNullOrEmpty(F(SignupForm.HoneypotField)))
        {
            valid = null;
            errors = new Dictionary<string, string>(errors) { [""] = PageRenderer.HoneypotError };
        }
        // The form has no preselected pronoun, so a form without one is a choice left out (API clients may omit it).
        if (isForm && string.IsNullOrWhiteSpace(subscribe.Pronoun))
        {
            errors = new Dictionary<string, string>(errors) { ["pronoun"] = "Please choose him, her or them: how we should refer to the person you're letting go of." };
            valid = null;
        }
        if (valid is null)
        {
            if (isForm)
            {
                var form = new SignupForm(subscribe.FirstName, subscribe.Phone, subscribe.Email, subscribe.Channel, subscribe.TimeZone, subscribe.SendTime, subscribe.StartDate, subscribe.Pronoun);
                return Page(await pages.SignupAsync(form, errors), StatusCodes.Status400BadRequest);
            }
            return Results.ValidationProblem(errors.ToDictionary(kv => kv.Key, kv => new[] { kv.Value }),
                title: "Some details need another look.");
        }

        var hit = await limits.TryTakeAsync(limits.ClientAddress(request.HttpContext), valid.Phone, valid.Email, cancellationToken);
        if (hit is { Silent: false })
        {
            request.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(hit.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return isForm
                ? Page(await pages.TooManyRequestsAsync(hit.RetryAfter), StatusCodes.Status429TooManyRequests)
                : Results.Problem(title: "Too many sign-ups", detail: "We've had a lot of sign-ups from here in the last hour. Please try again later.", statusCode: StatusCodes.Status429TooManyRequests);
        }

        // Over the contact's own limit: answered like any sign-up, and nothing more is sent to that contact this hour.
        if (hit is null) await lifecycle.SubscribeAsync(valid, sendConfirmation: true, cancellationToken);
        var sms = valid.Channels.HasFlag(Channels.Sms);
        var email = valid.Channels.HasFlag(Channels.Email);
        if (isForm) return Page(await pages.SignupReceivedAsync(sms, email), StatusCodes.Status202Accepted);
        return Results.Json(new
        {
            status = "pending",
            message = sms
                ? "Thanks. Check your phone: reply YES to the text we just sent to start."
                : "Thanks. Check your inbox: open the link we just sent to start.",
        }, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>GET shows a button; only POST confirms (mail scanners and link previews do GETs).</summary>
    public async Task<IResult> ConfirmAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var token = await TokenAsync(request, cancellationToken);
        var claim = tokens.Read(token, LinkPurpose.Confirm);
        if (claim is null) return Page(await pages.BadLinkAsync(), StatusCodes.Status400BadRequest);
        if (HttpMethods.IsGet(request.Method))
        {
            var profile = await store.GetAsync(claim.SubscriberId, cancellationToken);
            var standing = profile is null ? LinkStanding.Older : tokens.Standing(claim, profile);
            return standing switch
            {
                LinkStanding.Current => Page(await pages.ConfirmPromptAsync(token!, claim.Channel)),
                LinkStanding.Expired => Page(await pages.LinkExpiredAsync(), StatusCodes.Status400BadRequest),
                _ => Page(await pages.OlderLinkAsync(), StatusCodes.Status400BadRequest),
            };
        }
        var outcome = await lifecycle.ConfirmAsync(claim.SubscriberId, claim.Channel, cancellationToken, claim);
        return outcome switch
        {
            LifecycleOutcome.Expired => Page(await pages.LinkExpiredAsync(), StatusCodes.Status400BadRequest),
            LifecycleOutcome.NotFound or LifecycleOutcome.OlderLink => Page(await pages.OlderLinkAsync(), StatusCodes.Status400BadRequest),
            _ => Page(await pages.ConfirmedAsync()),
        };
    }

    /// <summary>
    /// GET shows which channel will stop and a button; POST (the button, or RFC 8058's one-click body
    /// "List-Unsubscribe=One-Click") unsubscribes at once and idempotently.
    /// </summary>
    public async Task<IResult> UnsubscribeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, string> form = new Dictionary<string, string>();
        if (HttpMethods.IsPost(request.Method) && RequestReading.IsForm(request))
        {
            form = await RequestReading.ReadFormAsync(request, cancellationToken);
        }
        var token = request.Query["token"].Count == 1 ? request.Query["token"][0] : form.GetValueOrDefault("token");
        var claim = tokens.Read(token, LinkPurpose.Unsubscribe);
        if (claim is null) return Page(await pages.BadLinkAsync(), StatusCodes.Status400BadRequest);
        // A link outlives nothing it was not made for: once the profile was signed up again or holds another
        // contact, the link is refused (a profile that is gone has nothing left to stop, and says so kindly).
        var profile = await store.GetAsync(claim.SubscriberId, cancellationToken);
        var erase = string.Equals(form.GetValueOrDefault("erase"), "yes", StringComparison.OrdinalIgnoreCase);
        if (profile is not null && tokens.Standing(claim, profile) != LinkStanding.Current)
        {
            // The same one-click POST again after the stop (mail clients retry): the same kind answer, and nothing done.
            // Anything else (a look, an erasure) needs a link from after the stop.
            if (HttpMethods.IsPost(request.Method) && !erase && tokens.StoppedSince(claim, profile))
            {
                return Page(await pages.UnsubscribedAsync(claim.Channel, Channels.None, erased: false));
            }
            return Page(await pages.OlderLinkAsync(), StatusCodes.Status400BadRequest);
        }
        // Which channels are live decides what the page says carries on ("Emails have stopped. Your texts carry on.").
        var before = Live(profile);
        if (HttpMethods.IsGet(request.Method)) return Page(await pages.UnsubscribePromptAsync(token!, claim.Channel, before));

        // Erasing through a link acts only on that link's contact, never on the other channel's owner.
        var outcome = erase
            ? await lifecycle.EraseContactAsync(claim.SubscriberId, claim.Channel, cancellationToken, claim)
            : await lifecycle.StopChannelAsync(claim.SubscriberId, claim.Channel, "unsubscribe-link", cancellationToken, claim);
        if (outcome == LifecycleOutcome.OlderLink) return Page(await pages.OlderLinkAsync(), StatusCodes.Status400BadRequest);
        var goingOn = erase ? Channels.None : Live(await store.GetAsync(claim.SubscriberId, cancellationToken));
        return Page(await pages.UnsubscribedAsync((claim.Channel | before) & ~goingOn, goingOn, erase));
    }

    /// <summary>The channels messages still go to (none once stopped, graduated or gone).</summary>
    private static Channels Live(Subscriber? p) =>
        p is { Status: SubscriberStatus.Active or SubscriberStatus.Paused }
            ? p.Channel & ~((p.SmsStopped ? Channels.Sms : Channels.None) | (p.EmailStopped ? Channels.Email : Channels.None))
            : Channels.None;

    private static async Task<string?> TokenAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.Query["token"].Count == 1) return request.Query["token"][0];
        if (HttpMethods.IsPost(request.Method) && RequestReading.IsForm(request))
        {
            return (await RequestReading.ReadFormAsync(request, cancellationToken)).GetValueOrDefault("token");
        }
        return null;
    }

    public static IResult Page(string html, int status = StatusCodes.Status200OK) => PageRenderer.Result(html, status);
}
