using System.Text.Json;
using Encourage.Web;
using Encourage.Web.Pages;
using Microsoft.AspNetCore.Http;

namespace Encourage.Privacy;

/// <summary>
/// /api/my-data?token=: "Download my data". Its token is an export link (<see cref="LinkPurpose.Export"/>), sent to the
/// contact itself from the manage page: it works once, within an hour, and only for what is that contact's. GET shows
/// a button (link scanners and previews fetch every URL); only POST answers with the data, and uses the link up. No
/// other link (an unsubscribe or manage link, however current) downloads anything.
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
        var claim = tokens.Read(token, LinkPurpose.Export);
        if (claim is null) return SubscriptionEndpoints.Page(await pages.BadLinkAsync(), StatusCodes.Status400BadRequest);
        var profile = await store.GetAsync(claim.SubscriberId, cancellationToken);
        if (profile is null) return SubscriptionEndpoints.Page(await pages.MyDataAsync(token!, held: false));
        switch (tokens.Standing(claim, profile))
        {
            case LinkStanding.Expired:
                return SubscriptionEndpoints.Page(await pages.LinkExpiredAsync(), StatusCodes.Status400BadRequest);
            case LinkStanding.Older:
                return SubscriptionEndpoints.Page(await pages.OlderLinkAsync(), StatusCodes.Status400BadRequest);
        }
        if (HttpMethods.IsGet(request.Method)) return SubscriptionEndpoints.Page(await pages.MyDataAsync(token!, held: true));

        // Used up before anything is read: a second POST of the same link (or of an older one) finds it spent.
        if (!await store.UseDataLinkAsync(claim, tokens, cancellationToken))
        {
            return SubscriptionEndpoints.Page(await pages.LinkExpiredAsync(), StatusCodes.Status400BadRequest);
        }
        var data = await export.ForContactAsync(claim.SubscriberId, claim.Channel, cancellationToken);
        if (data is null) return SubscriptionEndpoints.Page(await pages.MyDataAsync(token!, held: false));
        request.HttpContext.Response.Headers.ContentDisposition = "attachment; filename=\"encourage-my-data.json\"";
        return Results.Text(data.ToJsonString(Indented), "application/json", System.Text.Encoding.UTF8);
    }
}
