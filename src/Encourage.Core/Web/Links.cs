using Encourage.Hosting;

namespace Encourage.Web;

/// <summary>The public URLs that go into messages, all built from <c>Encourage__PublicBaseUrl</c>.</summary>
public sealed class Links(IOptions<EncourageOptions> options, LinkToken tokens)
{
    private readonly string _base = options.Value.PublicBaseUrl.TrimEnd('/');

    public string BaseUrl => _base;

    /// <summary>An unsubscribe link for the profile's contact on <paramref name="channel"/>, bound to its generation.</summary>
    public string Unsubscribe(Subscriber profile, Channels channel) =>
        $"{_base}{Routes.Unsubscribe}?token={tokens.Create(LinkPurpose.Unsubscribe, profile, channel)}";

    /// <summary>A confirmation link for the profile's contact on <paramref name="channel"/>; it expires after Encourage__ConfirmLinkDays.</summary>
    public string Confirm(Subscriber profile, Channels channel) =>
        $"{_base}{Routes.Confirm}?token={tokens.Create(LinkPurpose.Confirm, profile, channel)}";

    /// <summary>The page HELP links to: pause, change the time, stop, get one's data. It works for 7 days.</summary>
    public string Manage(Subscriber profile, Channels channel) =>
        $"{_base}{Routes.Manage}?token={tokens.Create(LinkPurpose.Manage, profile, channel, tokens.Now)}";

    /// <summary>A "download my data" link for that contact: it works once, for an hour from <paramref name="issuedUtc"/>.</summary>
    public string Export(Subscriber profile, Channels channel, DateTimeOffset issuedUtc) =>
        $"{_base}{Routes.MyData}?token={tokens.Create(LinkPurpose.Export, profile, channel, issuedUtc)}";

    public string TwilioStatusCallback => _base + Routes.TwilioStatus;

    public string Signup => _base + Routes.Signup;
}
