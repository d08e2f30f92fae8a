namespace Encourage.Web.Pages;

/// <summary>
/// What the manage page shows for one subscription: what is live now and the choices that make sense. Built from the
/// profile by <see cref="For"/> (pure), so the page itself only lays it out.
/// </summary>
public sealed record ManageView(
    string Token,
    bool Receiving,
    Channels Live,
    string Summary,
    bool Paused,
    string SendTime,
    string TimeZone,
    string QuietHours,
    FormErrors Errors,
    string Days = "7",
    Channels Own = Channels.Sms)
{
    /// <summary>The view for the contact on <paramref name="own"/>: it shows (and its link stops) only that contact's messages.</summary>
    public static ManageView For(string token, Subscriber profile, string pausedUntil, string quietHours, FormErrors? errors = null, string? days = null,
        Channels? own = null)
    {
        var live = profile.LiveChannels & (own ?? Channels.Both);
        var receiving = profile.Status is SubscriberStatus.Active or SubscriberStatus.Paused && live != Channels.None;
        var zone = profile.TimeZone.Replace('_', ' ');
        var summary = !receiving
            ? profile.Status == SubscriberStatus.Pending
                ? "Your messages haven't started yet: please confirm first, by replying YES to our text or tapping the link in our email."
                : "Your messages have already stopped. Nothing more will be sent."
            : profile.Status == SubscriberStatus.Paused
                ? $"Your {ChannelNews.Label(live)} are paused until {pausedUntil}."
                : $"You get {ChannelNews.Label(live)} each day at {profile.SendTime} ({zone} time).";
        return new ManageView(token, receiving, live, summary, profile.Status == SubscriberStatus.Paused, profile.SendTime, zone,
            quietHours, errors ?? FormErrors.None, days ?? "7", own ?? (live == Channels.Email ? Channels.Email : Channels.Sms));
    }
}
