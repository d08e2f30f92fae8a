using Encourage.Delivery;
using Encourage.Web;
using Microsoft.AspNetCore.Http;
using Twilio.TwiML;

namespace Encourage.Replies;

/// <summary>
/// Twilio's SMS webhook: takes the form <see cref="EndpointGuard"/> has signature-checked (<see cref="TwilioRequest"/>),
/// hands the text to <see cref="InboundReplies"/> (read, decide, apply) and answers in TwiML.
/// </summary>
public sealed class InboundSmsHandler(ContactKeys keys, InboundReplies inbound)
{
    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var sms = TwilioRequest.Of(request);
        var sid = sms.MessageSid;
        if (DeliveryLog.ProviderKey(sid) != sid || sid.Length is < 10 or > 64 || !SubscribeValidator.TryNormalizePhone(sms.From, out var phone))
        {
            return Results.BadRequest("MessageSid and From are required.");
        }
        var reply = await ReplyAsync(sid, phone, sms.Body, cancellationToken);
        return TwiML(reply);
    }

    public static IResult TwiML(IReadOnlyList<string> messages)
    {
        var response = new MessagingResponse();
        foreach (var m in messages) response.Message(m);
        return Results.Text(response.ToString(), "application/xml", System.Text.Encoding.UTF8);
    }

    /// <summary>Handles one text and returns the replies to send back (none, one, or the safety text alone).</summary>
    public async Task<IReadOnlyList<string>> ReplyAsync(string sid, string phone, string body, CancellationToken cancellationToken) =>
        (await inbound.ReplyAsync(new InboundMessage(Channels.Sms, sid, keys.ForPhone(phone), phone, null, body), cancellationToken)).Replies;
}
