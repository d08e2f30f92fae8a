using System.Net;
using System.Net.Http.Json;
using Encourage.TestSupport;

namespace Encourage.Faults.Tests;

internal static class HostSupport
{
    public static async Task SubscribeAsync(this LocalHostProcess host, string phone)
    {
        using var response = await host.Client.PostAsJsonAsync("/api/subscribe", new Dictionary<string, string>
        {
            ["firstName"] = "Ana", ["phone"] = phone, ["channel"] = "sms", ["timeZone"] = FaultSteps.Zone, ["sendTime"] = "09:00", ["pronoun"] = "him",
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    public static async Task<T> WaitAsync<T>(Func<T> read, Func<T, bool> done, string what, double seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) Assert.Fail("Timed out waiting for " + what);
            await Task.Delay(20);
        }
    }
}
