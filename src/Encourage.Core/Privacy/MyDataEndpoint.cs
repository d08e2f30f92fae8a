using System.Text.Json;
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
public sealed class MyDataEndpoint(LinkToken tokens, PersonalDataExport export, SubscriberStore store, PageRenderer pages)
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
        if (claim is null) return SubscriptionEndpoints.Page(await pages.BadLinkAsync(), StatusCodes.Status400BadRequest);
        // Only the person's current link: one kept from before a new sign-up or for another contact is refused.
        if (await store.GetAsync(claim.SubscriberId, cancellationToken) is { } profile && tokens.Standing(claim, profile) != LinkStanding.Current)
        {
            return SubscriptionEndpoints.Page(await pages.OlderLinkAsync(), StatusCodes.Status400BadRequest);
        }
        if (HttpMethods.IsGet(request.Method)) return SubscriptionEndpoints.Page(await pages.MyDataAsync(token!, held: true));

        var data = await export.ForSubscriberAsync(claim.SubscriberId, cancellationToken);
        if (data is null) return SubscriptionEndpoints.Page(await pages.MyDataAsync(token!, held: false));
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        request.HttpContext.Response.Headers.ContentDisposition = "attachment; filename=\"encourage-my-data.json\"";
        return Results.Text(data.ToJsonString(Indented), "application/json", System.Text.Encoding.UTF8);
    }
}
