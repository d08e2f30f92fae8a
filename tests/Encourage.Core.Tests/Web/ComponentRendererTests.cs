using Encourage.Web.Components;
using Xunit;

namespace Encourage.Core.Tests.Web;

public sealed class ComponentRendererTests
{
    [Fact]
    public async Task Renders_a_component_and_encodes_its_values()
    {
        await using var renderer = new ComponentRenderer();
        var html = await renderer.RenderAsync<Probe>(new Dictionary<string, object?> { ["Text"] = "<script>x</script>" });
        Assert.Equal("<p>&lt;script&gt;x&lt;/script&gt;</p>", html.Trim());
    }
}
