using System.Net;
using Encourage.TestSupport;

namespace Encourage.Hosts.Tests.Trust;

/// <summary>
/// Issue 20, finding 10: the local host has none of the Functions app's key or sign-in, so outside Development it
/// refuses the dashboard to everyone, loopback included, while the public pages still answer.
/// </summary>
public sealed class AdminOutsideDevelopmentTests
{
    [Fact]
    public async Task In_Production_the_local_host_refuses_every_admin_route_and_serves_the_sign_up_page()
    {
        await using var host = await LocalHostProcess.StartAsync(environment: "Production");

        foreach (var path in new[] { "/api/admin/dashboard", "/api/admin/dashboard?days=7", "/api/admin/anything" })
        {
            using var response = await host.Client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"GET {path} answered {(int)response.StatusCode}");
            Assert.DoesNotContain("subscri", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }
        using (var dev = await host.Client.GetAsync("/dev/outbox")) Assert.Equal(HttpStatusCode.NotFound, dev.StatusCode);
        using var signup = await host.Client.GetAsync("/api/signup");
        Assert.Equal(HttpStatusCode.OK, signup.StatusCode);
    }
}
