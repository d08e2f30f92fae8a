using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Encourage.Web.Components;

/// <summary>
/// Renders Razor components to HTML strings with the framework's <see cref="HtmlRenderer"/>: pages and emails are
/// markup, and every value is encoded by default. One renderer serves every host.
/// </summary>
public sealed class ComponentRenderer : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly HtmlRenderer _renderer;

    public ComponentRenderer(ILoggerFactory? loggerFactory = null)
    {
        _services = new ServiceCollection().BuildServiceProvider();
        _renderer = new HtmlRenderer(_services, loggerFactory ?? NullLoggerFactory.Instance);
    }

    /// <summary>The component's HTML, with the given parameters.</summary>
    public Task<string> RenderAsync<TComponent>(IDictionary<string, object?>? parameters = null) where TComponent : IComponent =>
        _renderer.Dispatcher.InvokeAsync(async () =>
        {
            var view = parameters is null ? ParameterView.Empty : ParameterView.FromDictionary(parameters);
            var output = await _renderer.RenderComponentAsync<TComponent>(view);
            return output.ToHtmlString();
        });

    public async ValueTask DisposeAsync()
    {
        await _renderer.DisposeAsync();
        await _services.DisposeAsync();
    }
}
