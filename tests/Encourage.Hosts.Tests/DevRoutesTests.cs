using System.Net;
using Encourage.TestSupport;

namespace Encourage.Hosts.Tests;

/// <summary>The local host's /dev routes: static dev phone files, quiet logs for routine polling, a 503 when storage is down.</summary>
public sealed class DevRoutesTests
{
    [Fact]
    public async Task With_storage_down_dev_routes_answer_503_with_a_short_message_and_no_stack_trace()
    {
        // A port nothing listens on: this host's storage is "down" while the shared Azurite keeps running for everyone.
        var port = LocalHostProcess.FreePort();
        const string key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={key};" +
                $"BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1;" +
                $"TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;",
            ["Encourage:StorageTimeout"] = "00:00:01",
        };
        await using var host = await LocalHostProcess.StartAsync(settings, alignClock: false);

        foreach (var (method, path) in new[] { (HttpMethod.Get, "/dev/outbox?to=%2B12125550100"), (HttpMethod.Post, "/dev/dispatch"), (HttpMethod.Post, "/dev/clock/advance?hours=1") })
        {
            using var response = await host.Client.SendAsync(new HttpRequestMessage(method, path));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{method} {path} answered {(int)response.StatusCode}: {body}");
            Assert.Contains("Azurite", body, StringComparison.Ordinal);
            Assert.True(body.Length < 200, body);
            Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
            Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
            Assert.NotNull(response.Headers.RetryAfter);
        }

        // The phone itself still loads, so it can say what is wrong.
        using var phone = await host.Client.GetAsync("/dev/phone");
        Assert.Equal(HttpStatusCode.OK, phone.StatusCode);
        Assert.DoesNotContain("Unhandled exception", host.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Storage is not reachable", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dev_phone_is_static_files_with_a_csp_that_allows_no_inline_script()
    {
        await using var host = await LocalHostProcess.StartAsync();
        using var page = await host.Client.GetAsync("/dev/phone");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var csp = string.Join(" ", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<script src=\"/dev/phone.js\"></script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", html, StringComparison.Ordinal);

        foreach (var (path, type) in new[] { ("/dev/phone.css", "text/css"), ("/dev/phone.js", "text/javascript"), ("/dev/tokens.css", "text/css") })
        {
            using var file = await host.Client.GetAsync(path);
            Assert.True(file.IsSuccessStatusCode, $"{path}: {(int)file.StatusCode}");
            Assert.Equal(type, file.Content.Headers.ContentType?.MediaType);
            Assert.Contains("script-src 'self'", string.Join(" ", file.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        }
        // The shared palette, not a copy: the dev phone's stylesheet names tokens and defines none.
        var tokens = await host.Client.GetStringAsync("/dev/tokens.css");
        Assert.Equal(Encourage.Web.Styles.Tokens.Css, tokens);
        var css = await host.Client.GetStringAsync("/dev/phone.css");
        Assert.Contains("var(--accent)", css, StringComparison.Ordinal);
        Assert.DoesNotContain("--accent:", css, StringComparison.Ordinal);
        // Static files are served under /dev only.
        using var outside = await host.Client.GetAsync("/phone.html");
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
    }

    [Fact]
    public async Task Routine_dev_polling_logs_nothing_at_the_default_level_while_other_requests_log_one_line()
    {
        await using var host = await LocalHostProcess.StartAsync();
        var before = host.Output.Length;
        for (var i = 0; i < 10; i++)
        {
            (await host.Client.GetAsync("/dev/outbox?to=%2B12125550100")).Dispose();
            (await host.Client.GetAsync("/dev/clock")).Dispose();
            (await host.Client.GetAsync("/dev/phone.js")).Dispose();
        }
        (await host.Client.GetAsync("/api/signup")).Dispose();
        await Task.Delay(500);
        var logged = host.Output[before..];
        Assert.DoesNotContain("/dev/", logged, StringComparison.Ordinal);
        Assert.Contains("GET /api/signup answered 200", logged, StringComparison.Ordinal);
        // One line per request, not the framework's five.
        Assert.DoesNotContain("Request starting", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("Executing endpoint", logged, StringComparison.Ordinal);
    }
}
