using Encourage.Web.Components;
using Encourage.Web.Pages;

namespace Encourage.Core.Tests.Web;

/// <summary>The one page renderer the page tests share, over the same ComponentRenderer the hosts use.</summary>
internal static class TestPages
{
    public static PageRenderer Renderer { get; } = new(new ComponentRenderer());

    /// <summary>A subscriber as the manage page sees it.</summary>
    public static Subscriber Subscriber(string channel = "both", SubscriberStatus status = SubscriberStatus.Active) => new()
    {
        Id = "sub-1",
        Channel = ChannelNames.TryParse(channel, out var c) ? c : Channels.None,
        Phone = "+12125550100",
        Email = "sam@example.org",
        SmsConfirmed = true,
        EmailConfirmed = true,
        Status = status,
        SendTime = "09:00",
        TimeZone = "America/New_York",
    };

    public static ManageView Manage(Subscriber? profile = null, FormErrors? errors = null) =>
        ManageView.For("tok.en", profile ?? Subscriber(), "Monday 7 December", "08:00 and 21:00", errors);
}
