using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Encourage.TestSupport;

/// <summary>What the fake Twilio did with one POST.</summary>
public enum TwilioFault { None, Error500, Error500Accepted, TooMany429, SlowAccepted, AlwaysFail }

/// <summary>A message the fake Twilio accepted (stored), as real Twilio would list it.</summary>
public sealed record TwilioMessage(string Sid, string To, string From, string Body, DateTimeOffset DateCreated, DateTimeOffset ArrivedUtc);

/// <summary>
/// A stateful Twilio on loopback (Kestrel): creates messages, lists them back (what the product's "ask Twilio before
/// resending" path reads), and injects faults with a seeded Random. Messages answered 500 or too slowly may still have
/// been accepted, as with the real Twilio, so the product cannot tell from the answer alone.
/// </summary>
public sealed class FakeTwilio : IAsyncDisposable
{
    public const string AccountSid = TestSettings.TwilioAccountSid;
    public const string FromNumber = "+12125550199";
    private readonly WebApplication _app;
    private readonly object _gate = new();
    private readonly List<TwilioMessage> _accepted = [];
    private readonly List<(string To, TwilioFault Fault, DateTimeOffset At)> _posts = [];
    private Random _random = new(1);
    private int _sids;
    private int _slowBudget;

    private FakeTwilio(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The "now" Twilio stamps on messages (date_created, date_sent); tests with a manual clock pass it here.</summary>
    public Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>Share of POSTs that fail (0 to 1).</summary>
    public double FailureRate { get; private set; }

    /// <summary>How long a "slow" answer takes: past the product's 15 s per-attempt timeout.</summary>
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(16);

    /// <summary>Numbers every POST for which is answered 500 and never stored.</summary>
    public ConcurrentDictionary<string, bool> AlwaysFail { get; } = new();

    /// <summary>Numbers whose POSTs are held this long before being accepted (the arrival time is recorded first).</summary>
    public ConcurrentDictionary<string, TimeSpan> Delay { get; } = new();

    /// <summary>Numbers whose POSTs are held (after the arrival is recorded) until the test completes the task.</summary>
    public ConcurrentDictionary<string, TaskCompletionSource> Hold { get; } = new();

    public IReadOnlyList<TwilioMessage> Accepted { get { lock (_gate) return _accepted.ToList(); } }
    public IReadOnlyList<(string To, TwilioFault Fault, DateTimeOffset At)> Posts { get { lock (_gate) return _posts.ToList(); } }
    public int ListRequests;

    /// <summary>Every POST's number and the moment it arrived, before any delay or fault.</summary>
    public IReadOnlyList<(string To, DateTimeOffset At)> Arrivals { get { lock (_gate) return _arrivals.ToList(); } }
    private readonly List<(string To, DateTimeOffset At)> _arrivals = [];

    /// <summary>Turns on random faults: <paramref name="rate"/> of POSTs answer 500 (half of them after storing the
    /// message), 429 with Retry-After: 1, or (at most <paramref name="slowCalls"/> times) a slow answer past the
    /// client's timeout, after storing.</summary>
    public void InjectFaults(double rate, int seed, int slowCalls)
    {
        lock (_gate)
        {
            FailureRate = rate;
            _random = new Random(seed);
            _slowBudget = slowCalls;
        }
    }

    public static async Task<FakeTwilio> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeTwilio(app);
        app.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", fake.CreateAsync);
        app.MapGet("/2010-04-01/Accounts/{sid}/Messages.json", fake.List);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseAddress = new Uri(address);
        return fake;
    }

    public List<TwilioMessage> To(string phone) => Accepted.Where(m => m.To == phone).ToList();

    private async Task<IResult> CreateAsync(HttpContext context, string sid)
    {
        var arrived = DateTimeOffset.UtcNow;
        var form = await context.Request.ReadFormAsync();
        var to = form["To"].ToString();
        var body = form["Body"].ToString();
        var from = form["From"].ToString() is { Length: > 0 } f ? f : form["MessagingServiceSid"].ToString();
        if (string.IsNullOrEmpty(to) || string.IsNullOrEmpty(body)) return Error(400, 21604, "A 'To' phone number and a 'Body' are required.");
        lock (_gate) _arrivals.Add((to, arrived));

        if (Delay.TryGetValue(to, out var delay)) await Task.Delay(delay);
        if (Hold.TryGetValue(to, out var hold)) await hold.Task;

        TwilioFault fault;
        if (AlwaysFail.ContainsKey(to))
        {
            fault = TwilioFault.AlwaysFail;
        }
        else
        {
            lock (_gate)
            {
                fault = TwilioFault.None;
                if (_random.NextDouble() < FailureRate)
                {
                    var kind = _random.Next(3);
                    fault = kind switch
                    {
                        0 => TwilioFault.TooMany429,
                        1 => _random.Next(2) == 0 ? TwilioFault.Error500 : TwilioFault.Error500Accepted,
                        _ when _slowBudget > 0 => TwilioFault.SlowAccepted,
                        _ => TwilioFault.Error500Accepted,
                    };
                    if (fault == TwilioFault.SlowAccepted) _slowBudget--;
                }
            }
        }
        lock (_gate) _posts.Add((to, fault, arrived));

        switch (fault)
        {
            case TwilioFault.TooMany429:
                context.Response.Headers.RetryAfter = "1";
                return Error(429, 20429, "Too Many Requests");
            case TwilioFault.Error500 or TwilioFault.AlwaysFail:
                return Error(500, 20500, "Internal Server Error");
        }

        var message = new TwilioMessage("SM" + Interlocked.Increment(ref _sids).ToString("D32", CultureInfo.InvariantCulture), to, from, body, Now(), arrived);
        lock (_gate) _accepted.Add(message);
        switch (fault)
        {
            case TwilioFault.Error500Accepted:
                return Error(500, 20500, "Internal Server Error");
            case TwilioFault.SlowAccepted:
                // Stored, then answered after the client has given up.
                try { await Task.Delay(SlowDelay, context.RequestAborted); } catch (OperationCanceledException) { }
                return Results.StatusCode(504);
        }
        return Results.Json(Json(message, sid, "queued"), statusCode: 201);
    }

    private IResult List(HttpContext context, string sid)
    {
        Interlocked.Increment(ref ListRequests);
        var query = context.Request.Query;
        var to = query["To"].ToString();
        DateTimeOffset? after = null;
        foreach (var (key, value) in query)
        {
            if (key.StartsWith("DateSent>", StringComparison.Ordinal) && DateTimeOffset.TryParse(value.ToString(), CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal, out var d)) after = d;
        }
        var pageSize = int.TryParse(query["PageSize"], out var ps) ? ps : 50;
        var found = Accepted.Where(m => (to.Length == 0 || m.To == to) && (after is null || m.DateCreated >= after.Value))
            .OrderByDescending(m => m.DateCreated).Take(pageSize)
            .Select(m => Json(m, sid, "delivered")).ToList();
        var uri = $"/2010-04-01/Accounts/{sid}/Messages.json?PageSize={pageSize}&Page=0";
        return Results.Json(new Dictionary<string, object?>
        {
            ["messages"] = found,
            ["uri"] = uri,
            ["first_page_uri"] = uri,
            ["next_page_uri"] = null,
            ["previous_page_uri"] = null,
            ["page"] = 0,
            ["page_size"] = pageSize,
            ["start"] = 0,
            ["end"] = Math.Max(0, found.Count - 1),
        });
    }

    private static Dictionary<string, object?> Json(TwilioMessage m, string accountSid, string status) => new()
    {
        ["sid"] = m.Sid,
        ["account_sid"] = accountSid,
        ["api_version"] = "2010-04-01",
        ["body"] = m.Body,
        ["to"] = m.To,
        ["from"] = m.From,
        ["status"] = status,
        ["direction"] = "outbound-api",
        ["num_segments"] = "1",
        ["num_media"] = "0",
        ["price"] = null,
        ["price_unit"] = "USD",
        ["error_code"] = null,
        ["error_message"] = null,
        ["messaging_service_sid"] = null,
        ["date_created"] = m.DateCreated.ToString("r", CultureInfo.InvariantCulture),
        ["date_updated"] = m.DateCreated.ToString("r", CultureInfo.InvariantCulture),
        ["date_sent"] = m.DateCreated.ToString("r", CultureInfo.InvariantCulture),
        ["uri"] = $"/2010-04-01/Accounts/{accountSid}/Messages/{m.Sid}.json",
        ["subresource_uris"] = new Dictionary<string, string> { ["media"] = $"/2010-04-01/Accounts/{accountSid}/Messages/{m.Sid}/Media.json" },
    };

    private static IResult Error(int status, int code, string message) => Results.Json(new
    {
        code,
        message,
        more_info = $"https://www.twilio.com/docs/errors/{code}",
        status,
    }, statusCode: status);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
