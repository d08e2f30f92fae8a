using System.Globalization;
using Encourage.Hosting;
using Encourage.Scheduling;
using Encourage.Web;
using Encourage.Web.Pages;
using Microsoft.AspNetCore.Http;

namespace Encourage.Subscriptions;

/// <summary>
/// GET|POST /api/manage?token=: the page HELP links to. GET shows what is live and the choices; POST acts on one
/// (pause 1..30 days, resume, a new send time, stop one channel or all) through <see cref="SubscriptionLifecycle"/>.
/// Bad input re-shows the page with a kind error and changes nothing.
/// </summary>
public sealed class ManageEndpoints(
    LinkToken tokens,
    SubscriberStore store,
    SubscriptionLifecycle lifecycle,
    Delivery.SendJobQueue queue,
    PageRenderer pages,
    IOptions<EncourageOptions> options)
{
    public const int MaxPauseDays = 30;

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, string> form = new Dictionary<string, string>();
        if (HttpMethods.IsPost(request.Method) && RequestReading.IsForm(request))
        {
            form = await RequestReading.ReadFormAsync(request, cancellationToken);
        }
        var token = request.Query["token"].Count == 1 ? request.Query["token"][0] : form.GetValueOrDefault("token");
        var claim = tokens.Read(token, LinkPurpose.Manage);
        var profile = claim is null ? null : await store.GetAsync(claim.SubscriberId, cancellationToken);
        if (claim is null || profile is null) return PageRenderer.Result(await pages.BadLinkAsync(), StatusCodes.Status400BadRequest);
        // Like every link: it speaks only for the profile and contact it was sent to.
        if (tokens.Standing(claim, profile) != LinkStanding.Current) return PageRenderer.Result(await pages.OlderLinkAsync(), StatusCodes.Status400BadRequest);

        if (HttpMethods.IsGet(request.Method)) return PageRenderer.Result(await pages.ManageAsync(View(token!, profile, claim.Channel)));
        var view = View(token!, profile, claim.Channel);
        if (!view.Receiving) return PageRenderer.Result(await pages.ManageAsync(view), StatusCodes.Status409Conflict);

        var action = form.GetValueOrDefault("do");
        // A link acts for its own contact only: on a profile that also holds another contact (from before each contact
        // had its own), it can stop its own messages and send its own data link, and change nothing the other receives.
        if (profile.Channel != claim.Channel && action is "pause" or "resume" or "time")
        {
            return await ReshowAsync(token!, profile, claim.Channel, "", $"From this link you can stop your {ChannelNews.Label(claim.Channel)} or get a copy of your data. Pauses and times are changed from the phone that gets the texts.");
        }
        switch (action)
        {
            case "data":
                // A fresh single-use link, to this contact itself: whoever holds this page learns nothing they did not have.
                await queue.EnqueueAsync(new Delivery.SendJob(Delivery.SendJobKind.DataLink, profile.Id, Channel: claim.Channel,
                    Ref: tokens.Now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)), null, cancellationToken);
                return PageRenderer.Result(await pages.ManagedAsync("We've sent you a link",
                    $"Look in your {(claim.Channel == Channels.Sms ? "texts" : "inbox")} for a link to download your data. It works once, for the next hour."));

            case "pause":
                if (!int.TryParse(form.GetValueOrDefault("days"), NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days is < 1 or > MaxPauseDays)
                {
                    return await ReshowAsync(token!, profile, claim.Channel, "days", $"Please choose from 1 to {MaxPauseDays} days.");
                }
                await lifecycle.PauseAsync(profile.Id, days, cancellationToken);
                return await DoneAsync("Your messages are paused",
                    p => $"Your {ChannelNews.Label(p.LiveChannels)} are paused until {PausedUntil(p)}. They'll start again by themselves then.",
                    profile.Id, cancellationToken);

            case "resume":
                await lifecycle.ResumeAsync(profile.Id, cancellationToken);
                return await DoneAsync("Your messages are back on",
                    p => $"Your {ChannelNews.Label(p.LiveChannels)} will start again at {p.SendTime}, your time.", profile.Id, cancellationToken);

            case "time":
                if (!SendSchedule.TryParseTime(form.GetValueOrDefault("sendTime")?.Trim(), out var wanted))
                {
                    return await ReshowAsync(token!, profile, claim.Channel, "sendTime", "Please give a time like 09:00.");
                }
                var window = options.Value;
                var sendTime = SendSchedule.Normalize(wanted, SendSchedule.ToLocalTime(window.QuietHoursStart), SendSchedule.ToLocalTime(window.QuietHoursEnd));
                await lifecycle.ChangeSendTimeAsync(profile.Id, sendTime, cancellationToken);
                var moved = sendTime != wanted
                    ? $" Texts only go between {QuietHours()}, so we've set the nearest time we can."
                    : "";
                return await DoneAsync("Your time has changed",
                    p => $"Your messages will now arrive at {p.SendTime}, your time.{moved}", profile.Id, cancellationToken);

            case "stop":
                var stop = form.GetValueOrDefault("stop") is "all" ? Channels.Both
                    : ChannelNames.TryParse(form.GetValueOrDefault("stop"), out var one) && one != Channels.Both ? one : Channels.None;
                var live = profile.LiveChannels & claim.Channel;
                if ((stop & live) == Channels.None)
                {
                    return await ReshowAsync(token!, profile, claim.Channel, "stop", "Please choose what should stop.");
                }
                await lifecycle.StopChannelAsync(profile.Id, stop & live, "manage-page", cancellationToken);
                var after = await store.GetAsync(profile.Id, cancellationToken);
                var goingOn = after is { Status: SubscriberStatus.Active or SubscriberStatus.Paused } ? after.LiveChannels & claim.Channel : Channels.None;
                return PageRenderer.Result(await pages.UnsubscribedAsync(live & ~goingOn, goingOn, erased: false));

            default:
                return PageRenderer.Result(await pages.ManageAsync(View(token!, profile, claim.Channel,
                    new FormErrors(new Dictionary<string, string> { [""] = "Please choose one of the options below." }))), StatusCodes.Status400BadRequest);
        }
    }

    private async Task<IResult> ReshowAsync(string token, Subscriber profile, Channels own, string field, string message)
    {
        var errors = new FormErrors(new Dictionary<string, string> { [field] = message });
        return PageRenderer.Result(await pages.ManageAsync(View(token, profile, own, errors)), StatusCodes.Status400BadRequest);
    }

    private async Task<IResult> DoneAsync(string heading, Func<Subscriber, string> message, string id, CancellationToken cancellationToken)
    {
        var after = await store.GetAsync(id, cancellationToken);
        if (after is null) return PageRenderer.Result(await pages.BadLinkAsync(), StatusCodes.Status400BadRequest);
        return PageRenderer.Result(await pages.ManagedAsync(heading, message(after)));
    }

    private ManageView View(string token, Subscriber profile, Channels own, FormErrors? errors = null) =>
        ManageView.For(token, profile, PausedUntil(profile), QuietHours(), errors, own: own);

    private string PausedUntil(Subscriber p)
    {
        if (p.PausedUntilUtc is not { } until) return "further notice";
        var local = SendSchedule.LocalOf(until, SendSchedule.Zone(p.TimeZone));
        return local.ToString("dddd d MMMM", CultureInfo.InvariantCulture);
    }

    private string QuietHours() =>
        options.Value.QuietHoursStart.ToString("HH:mm", CultureInfo.InvariantCulture) + " and " +
        options.Value.QuietHoursEnd.ToString("HH:mm", CultureInfo.InvariantCulture);
}
