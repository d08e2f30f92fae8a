using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Encourage.Functions;

/// <summary>Runs the shared handlers' IResult inside the Functions ASP.NET Core integration.</summary>
internal sealed class HttpResultAction(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
}

internal static class HttpResultExtensions
{
    public static async Task<IActionResult> AsAction(this Task<IResult> result) => new HttpResultAction(await result);
}
