using System.Collections.Concurrent;
using System.Xml.Linq;
using Azure;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Encourage.TestSupport;

/// <summary>
/// A pass-through proxy in front of Azurite's queue service that remembers the pop receipt of every message received
/// and not yet deleted. The product's drainer leaves a failed job invisible for 30 s of real time, as the Functions
/// runtime does; between drains a test calls <see cref="ReleaseFailedAsync"/> to make those jobs visible at once, so
/// five failures and the poison queue take seconds, not minutes. Requests are forwarded unchanged (signatures hold);
/// only the waiting is skipped, and only while no drain is running.
/// </summary>
public sealed class QueueFastForward : IAsyncDisposable
{
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly HashSet<string> Hop = new(StringComparer.OrdinalIgnoreCase) { "Host", "Transfer-Encoding", "Connection", "Keep-Alive" };
    private readonly WebApplication _app;
    private readonly HttpClient _http = new();
    private readonly Uri _upstream;
    private readonly ConcurrentDictionary<string, (string Queue, string PopReceipt)> _received = new();

    private readonly string _tableEndpoint;
    private readonly string _blobEndpoint;

    private QueueFastForward(WebApplication app, Uri upstream, string blobEndpoint, string tableEndpoint)
    {
        _blobEndpoint = blobEndpoint;
        _tableEndpoint = tableEndpoint;
        _app = app;
        _upstream = upstream;
    }

    public Uri Address { get; private set; } = null!;

    /// <summary>A connection string for Azurite's blob and table services with the queue service behind this proxy.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint={_blobEndpoint};QueueEndpoint={Address.ToString().TrimEnd('/')}/devstoreaccount1;TableEndpoint={_tableEndpoint};";

    /// <summary>In front of a private Azurite (its own node process: the shared one is busy with everyone's tests).</summary>
    public static async Task<QueueFastForward> StartAsync(PrivateAzurite azurite)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var proxy = new QueueFastForward(app, new Uri($"http://127.0.0.1:{azurite.QueuePort}"),
            $"http://127.0.0.1:{azurite.BlobPort}/devstoreaccount1", $"http://127.0.0.1:{azurite.TablePort}/devstoreaccount1");
        app.Run(proxy.ForwardAsync);
        await app.StartAsync();
        proxy.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return proxy;
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(_upstream, path + context.Request.QueryString.Value));
        var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        if (body.Length > 0 || context.Request.ContentLength is not null)
        {
            request.Content = new ByteArrayContent(body.ToArray());
        }
        foreach (var (name, values) in context.Request.Headers)
        {
            if (Hop.Contains(name)) continue;
            if (!request.Headers.TryAddWithoutValidation(name, values.ToArray())) request.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
        }
        using var response = await _http.SendAsync(request, context.RequestAborted);
        var bytes = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
        Track(context.Request.Method, path, context.Request.Query, response, bytes);

        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (Hop.Contains(name)) continue;
            context.Response.Headers[name] = values.ToArray();
        }
        if (bytes.Length > 0) await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private void Track(string method, string path, IQueryCollection query, HttpResponseMessage response, byte[] bytes)
    {
        // /devstoreaccount1/{queue}/messages[/{id}]
        var parts = path.Trim('/').Split('/');
        if (parts.Length < 3 || parts[2] != "messages" || !response.IsSuccessStatusCode) return;
        var queue = parts[1];
        if (parts.Length == 3 && method == "GET" && !string.Equals(query["peekonly"], "true", StringComparison.OrdinalIgnoreCase) && bytes.Length > 0)
        {
            foreach (var m in XDocument.Parse(System.Text.Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF')).Descendants("QueueMessage"))
            {
                var id = m.Element("MessageId")?.Value;
                var receipt = m.Element("PopReceipt")?.Value;
                if (id is not null && receipt is not null) _received[id] = (queue, receipt);
            }
        }
        else if (parts.Length == 4 && method == "DELETE")
        {
            _received.TryRemove(parts[3], out _);
        }
        else if (parts.Length == 4 && method == "PUT" && response.Headers.TryGetValues("x-ms-popreceipt", out var receipts))
        {
            _received[parts[3]] = (queue, receipts.First());
        }
    }

    /// <summary>
    /// Makes every received, undeleted message visible now: the jobs whose handler failed. Call only between drains
    /// (a job still being handled would otherwise be picked up twice). Returns how many were released.
    /// </summary>
    public async Task<int> ReleaseFailedAsync()
    {
        var released = 0;
        foreach (var (id, (queue, receipt)) in _received.ToArray())
        {
            var client = new QueueClient($"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};QueueEndpoint={_upstream.ToString().TrimEnd('/')}/devstoreaccount1;", queue);
            try
            {
                await client.UpdateMessageAsync(id, receipt, (BinaryData?)null, TimeSpan.Zero);
                released++;
            }
            catch (RequestFailedException e) when (e.Status is 400 or 404)
            {
                // Deleted or received again meanwhile.
            }
            _received.TryRemove(new KeyValuePair<string, (string, string)>(id, (queue, receipt)));
        }
        return released;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
