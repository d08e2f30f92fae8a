using Encourage.Web.Pages;
using Microsoft.AspNetCore.Http;

namespace Encourage.Web;

/// <summary>
/// Wraps every HTTP handler the same way in both hosts: a Twilio route's signature is checked before its handler
/// runs (<see cref="TwilioRequest"/>), bad input is a 400, a storage outage is a 503 with Retry-After (Twilio retries
/// those), and nothing surfaces as a bare 500.
/// </summary>
public sealed partial class EndpointGuard(ILogger<EndpointGuard> logger, PageRenderer pages, Replies.TwilioSignature twilioSignature)
{
    public async Task<IResult> RunAsync(HttpRequest request, Func<Task<IResult>> handler)
    {
        SecurityHeaders.Apply(request.HttpContext.Response);
        try
        {
            if (TwilioRequest.Covers(request) && !await TwilioRequest.TryAcceptAsync(request, twilioSignature, request.HttpContext.RequestAborted))
            {
                Log.BadTwilioSignature(logger, request.Path.Value ?? "");
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }
            return await handler();
        }
        catch (BadRequestException e)
        {
            return Results.Problem(title: "Bad request", detail: e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        catch (Exception e) when (IsStorageOutage(e))
        {
            Log.StorageDown(logger, request.Path.Value ?? "", e.GetType().Name);
            request.HttpContext.Response.Headers.RetryAfter = "30";
            return WantsHtml(request)
                ? PageRenderer.Result(await pages.ErrorAsync("We'll be right back", "We're having trouble right now. Please try again in a few minutes."),
                    StatusCodes.Status503ServiceUnavailable)
                : Results.Problem(title: "Service unavailable", detail: "Storage is unavailable; try again shortly.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    /// <summary>Storage that cannot be reached (connection refused, timeouts, 5xx), as opposed to a bug.</summary>
    public static bool IsStorageOutage(Exception e) => e switch
    {
        RequestFailedException r => r.Status is 0 or >= 500,
        HttpRequestException => true,
        // A pattern that ran out of time is not storage: a 503 would make SendGrid retry the same post for days.
        System.Text.RegularExpressions.RegexMatchTimeoutException => false,
        TaskCanceledException or TimeoutException => true,
        AggregateException a => a.InnerExceptions.All(IsStorageOutage),
        System.Net.Sockets.SocketException => true,
        _ => e.InnerException is { } inner && IsStorageOutage(inner),
    };

    private static bool WantsHtml(HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && a.Contains("text/html", StringComparison.OrdinalIgnoreCase));

    private static partial class Log
    {
        [LoggerMessage(4001, LogLevel.Warning, "Refused a Twilio webhook to {Path} with a missing or wrong signature")]
        public static partial void BadTwilioSignature(ILogger logger, string path);

        [LoggerMessage(5001, LogLevel.Error, "Storage unavailable while handling {Path} ({Error}); answered 503")]
        public static partial void StorageDown(ILogger logger, string path, string error);
    }
}
