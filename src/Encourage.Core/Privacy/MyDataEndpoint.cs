using System.Text;
using System.Text.Json;
using Encourage.Subscriptions;
using Encourage.Web;
using Encourage.Web.Pages;
using Microsoft.AspNetCore.Http;

namespace Encourage.Privacy;

/// <summary>
/// /api/my-data?token=: "Download my data" from the unsubscribe page. It needs the person's own current unsubscribe
/// token (read through <see cref="LinkToken"/>, whatever that token binds). GET shows a button; only POST answers
/// with the data, so link scanners and previews that fetch every URL never receive it, and the token stays out of the
/// URL of the request that does.
/// </summary>
public sealed class MyDataEndpoint(LinkToken tokens, PersonalDataExport export)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, string> form = new Dictionary<string, string>();
        if (HttpMethods.IsPost(request.Method) && RequestReading.IsForm(request))
        {
            form = await RequestReading.ReadFormAsync(request, cancellationToken);
        }
        var token = request.Query["token"].Count == 1 ? request.Query["token"][0] : form.GetValueOrDefault("token");
        var claim = tokens.Read(token, LinkPurpose.Unsubscribe);
        if (claim is null) return SubscriptionEndpoints.Page(Html.BadLink(), StatusCodes.Status400BadRequest);
        if (HttpMethods.IsGet(request.Method)) return SubscriptionEndpoints.Page(Prompt(token!));

        var data = await export.ForSubscriberAsync(claim.SubscriberId, cancellationToken);
        if (data is null) return SubscriptionEndpoints.Page(NothingHeld());
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        request.HttpContext.Response.Headers.ContentDisposition = "attachment; filename=\"encourage-my-data.json\"";
        return Results.Text(data.ToJsonString(Indented), "application/json", Encoding.UTF8);
    }

    public static string Prompt(string token)
    {
        var body = new StringBuilder();
        body.Append(PageLayout.Heading("Download your data"))
            .Append("<p class=\"lead\">A copy of everything we hold about you, as a file you can keep.</p>\n")
            .Append("<p>It holds your details, the messages we sent you and what you told us by text while we still keep it.</p>\n")
            .Append("<form method=\"post\" action=\"").Append(PageLayout.Encode(Routes.MyData)).Append("\">\n")
            .Append("<input type=\"hidden\" name=\"token\" value=\"").Append(PageLayout.Encode(token)).Append("\">\n")
            .Append("<button type=\"submit\">Download my data</button>\n")
            .Append("</form>\n");
        return PageLayout.Document("Download your data", body.ToString());
    }

    private static string NothingHeld() =>
        PageLayout.Document("Nothing to download",
            PageLayout.Heading("Nothing to download") + "<p class=\"lead\">We no longer hold your details. There's nothing left to send you.</p>\n");
}
