using Encourage.Delivery;
using Encourage.Web;
using Microsoft.AspNetCore.Http;
using Twilio.TwiML;

namespace Encourage.Replies;

/// <summary>
/// Twilio's SMS webhook: checks the signature and reads the form, then hands the text to <see cref="InboundReplies"/>
/// (read, decide, apply) and answers in TwiML.
/// </summary>
public sealed partial class InboundSmsHandler(
    TwilioSignature signature,
    ContactKeys keys,
    InboundReplies inbound,
    ILogger<InboundSmsHandler> logger)
{
    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var form = await RequestReading.ReadFormAsync(request, cancellationToken);
        if (!signature.IsValid(request, form))
        {
            Log.BadSignature(logger);
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        var sid = form.GetValueOrDefault("MessageSid") ?? form.GetValueOrDefault("SmsSid") ?? "";
        var from = form.GetValueOrDefault("From") ?? "";
        if (DeliveryLog.ProviderKey(sid) != sid || sid.Length is < 10 or > 64 || !SubscribeValidator.TryNormalizePhone(from, out var phone))
        {
            return Results.BadRequest("MessageSid and From are required.");
        }
        var body = form.GetValueOrDefault("Body") ?? "";
        var reply = await ReplyAsync(sid, phone, body, cancellationToken);
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

    private static partial class Log
    {
        [LoggerMessage(4001, LogLevel.Warning, "Refused an inbound webhook with a missing or wrong Twilio signature")]
        public static partial void BadSignature(ILogger logger);
    }
}
