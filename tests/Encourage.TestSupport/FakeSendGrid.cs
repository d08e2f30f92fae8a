using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Encourage.TestSupport;

public enum SendGridFault { None, TooMany429, Error500, Error500Accepted }

/// <summary>An email the fake SendGrid accepted: recipient, subject and the product's custom_args.</summary>
public sealed record SendGridMail(string MessageId, string To, string Subject, IReadOnlyDictionary<string, string> CustomArgs, SendGridFault AnsweredWith);

/// <summary>
/// A stateful SendGrid on loopback: POST /v3/mail/send answers 202 with X-Message-Id; with faults on, a seeded share
/// answers 429 (Retry-After: 1) or 500, and half of the 500s come after the mail was accepted (SendGrid cannot be
/// asked afterwards, so that is the window the README documents).
/// </summary>
public sealed class FakeSendGrid : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly object _gate = new();
    private readonly List<SendGridMail> _accepted = [];
    private readonly List<(string To, SendGridFault Fault)> _posts = [];
    private Random _random = new(1);
    private double _rate;
    private int _ids;

    private FakeSendGrid(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;
    public IReadOnlyList<SendGridMail> Accepted { get { lock (_gate) return _accepted.ToList(); } }
    public IReadOnlyList<(string To, SendGridFault Fault)> Posts { get { lock (_gate) return _posts.ToList(); } }

    public void InjectFaults(double rate, int seed)
    {
        lock (_gate)
        {
            _rate = rate;
            _random = new Random(seed);
        }
    }

    public static async Task<FakeSendGrid> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSendGrid(app);
        app.MapPost("/v3/mail/send", (Delegate)fake.SendAsync);
        await app.StartAsync();
        fake.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return fake;
    }

    private async Task<IResult> SendAsync(HttpContext context)
    {
        using var doc = await JsonDocument.ParseAsync(context.Request.Body);
        var root = doc.RootElement;
        var personalization = root.GetProperty("personalizations")[0];
        var to = personalization.GetProperty("to")[0].GetProperty("email").GetString() ?? "";
        var subject = (root.TryGetProperty("subject", out var s) ? s : personalization.GetProperty("subject")).GetString() ?? "";
        var args = new Dictionary<string, string>();
        foreach (var holder in new[] { root, personalization })
        {
            if (holder.TryGetProperty("custom_args", out var ca))
            {
                foreach (var p in ca.EnumerateObject()) args[p.Name] = p.Value.GetString() ?? "";
            }
        }

        SendGridFault fault;
        lock (_gate)
        {
            fault = SendGridFault.None;
            if (_random.NextDouble() < _rate)
            {
                fault = _random.Next(3) switch
                {
                    0 => SendGridFault.TooMany429,
                    1 => SendGridFault.Error500,
                    _ => SendGridFault.Error500Accepted,
                };
            }
            _posts.Add((to, fault));
        }
        if (fault == SendGridFault.TooMany429)
        {
            context.Response.Headers.RetryAfter = "1";
            return Results.Json(new { errors = new[] { new { message = "too many requests", field = (string?)null } } }, statusCode: 429);
        }
        if (fault == SendGridFault.Error500) return Results.StatusCode(500);

        var id = "sg" + Interlocked.Increment(ref _ids).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
        lock (_gate) _accepted.Add(new SendGridMail(id, to, subject, args, fault));
        if (fault == SendGridFault.Error500Accepted) return Results.StatusCode(500);
        context.Response.Headers["X-Message-Id"] = id;
        return Results.StatusCode(202);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
