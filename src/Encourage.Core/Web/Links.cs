using Encourage.Hosting;
using Encourage.Subscriptions;
using Microsoft.Extensions.Options;

namespace Encourage.Web;

/// <summary>The public URLs that go into messages, all built from <c>Encourage__PublicBaseUrl</c>.</summary>
public sealed class Links(IOptions<EncourageOptions> options, LinkToken tokens)
{
    private readonly string _base = options.Value.PublicBaseUrl.TrimEnd('/');

    public string BaseUrl => _base;

    public string Unsubscribe(string subscriberId, Channels channel) =>
        $"{_base}{Routes.Unsubscribe}?token={tokens.Create(LinkPurpose.Unsubscribe, subscriberId, channel)}";

    public string Confirm(string subscriberId, Channels channel) =>
        $"{_base}{Routes.Confirm}?token={tokens.Create(LinkPurpose.Confirm, subscriberId, channel)}";

    /// <summary>The page HELP links to: pause, change the time, stop one channel or all.</summary>
    public string Manage(string subscriberId, Channels channel) =>
        $"{_base}{Routes.Manage}?token={tokens.Create(LinkPurpose.Manage, subscriberId, channel)}";

    public string TwilioStatusCallback => _base + Routes.TwilioStatus;

    public string Signup => _base + Routes.Signup;
}
