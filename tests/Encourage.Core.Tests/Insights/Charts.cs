using Encourage.Web.Components;
using Microsoft.AspNetCore.Components;

namespace Encourage.Core.Tests.Insights;

/// <summary>Renders one dashboard component alone, with the renderer the hosts use.</summary>
internal static class Charts
{
    private static readonly ComponentRenderer Renderer = new();

    public static async Task<string> RenderAsync<T>(Dictionary<string, object?> parameters) where T : IComponent =>
        (await Renderer.RenderAsync<T>(parameters)).Trim();
}
