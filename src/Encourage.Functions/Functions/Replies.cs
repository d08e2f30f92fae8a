using Encourage.Replies;
using Encourage.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Encourage.Functions.Functions;

/// <summary>POST /api/twilio/inbound: Twilio's SMS webhook (signature-checked), answered in TwiML.</summary>
public sealed class TwilioInbound(InboundSmsHandler handler, EndpointGuard guard)
{
    [Function(nameof(TwilioInbound))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "twilio/inbound")] HttpRequest request, CancellationToken cancellationToken) =>
        guard.RunAsync(request, () => handler.HandleAsync(request, cancellationToken)).AsAction();
}

/// <summary>POST /api/sendgrid/inbound: SendGrid Inbound Parse (a reply to one of our emails; basic-auth secret).</summary>
public sealed class SendGridInbound(InboundEmailHandler handler, EndpointGuard guard)
{
    [Function(nameof(SendGridInbound))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "sendgrid/inbound")] HttpRequest request, CancellationToken cancellationToken) =>
        guard.RunAsync(request, () => handler.HandleAsync(request, cancellationToken)).AsAction();
}
