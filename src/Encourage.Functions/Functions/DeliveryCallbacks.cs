using Encourage.Feedback;
using Encourage.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Encourage.Functions.Functions;

/// <summary>POST /api/twilio/status: Twilio's status callback (signature-checked).</summary>
public sealed class TwilioStatus(DeliveryFeedback feedback, EndpointGuard guard)
{
    [Function(nameof(TwilioStatus))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "twilio/status")] HttpRequest request, CancellationToken cancellationToken) =>
        guard.RunAsync(request, () => feedback.TwilioStatusAsync(request, cancellationToken)).AsAction();
}

/// <summary>POST /api/sendgrid/events: SendGrid's signed Event Webhook.</summary>
public sealed class SendGridEvents(DeliveryFeedback feedback, EndpointGuard guard)
{
    [Function(nameof(SendGridEvents))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "sendgrid/events")] HttpRequest request, CancellationToken cancellationToken) =>
        guard.RunAsync(request, () => feedback.SendGridEventsAsync(request, cancellationToken)).AsAction();
}
