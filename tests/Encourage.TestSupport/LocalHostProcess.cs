using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Encourage.Replies;

namespace Encourage.TestSupport;

/// <summary>
/// The real local host (src/Encourage.Local) as a separate process on a free loopback port, with its own tables and
/// queue on Azurite: end-to-end tests talk to it over real HTTP.
/// </summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    /// <summary>The host's process id (the benchmark reads its memory from /proc).</summary>
    public int ProcessId => _process.Id;

    private LocalHostProcess(Process process, Uri baseAddress, string prefix)
    {
        _process = process;
        BaseAddress = baseAddress;
        Prefix = prefix;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseAddress { get; }
    public string Prefix { get; }
    public HttpClient Client { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>
    /// Starts the local host on a fresh port. Unless <paramref name="alignClock"/> is false, its clock is then moved to
    /// 10:00 in New York (see <see cref="DevOutbox.AlignClockAsync"/>), so no test depends on the hour CI runs at:
    /// a sign-up at 03:00 would have its confirmation text held by quiet hours, by design.
    /// </summary>
    /// <param name="environment">ASPNETCORE_ENVIRONMENT; outside Development there is no /dev (and no clock to align),
    /// so the host counts as started once the sign-up page answers.</param>
    public static async Task<LocalHostProcess> StartAsync(IDictionary<string, string?>? settings = null, string? prefix = null, bool alignClock = true,
        string environment = "Development")
    {
        var development = environment == "Development";
        await Azurite.EnsureRunningAsync();
        prefix ??= TestSettings.NewPrefix();
        var port = FreePort();
        var dll = Path.Combine(Repo.Root, "src", "Encourage.Local", "bin", BuildConfiguration, "net10.0", "Encourage.Local.dll");
        var info = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        var values = TestSettings.For(prefix);
        values["Local:DispatchIntervalSeconds"] = "0";
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) values[k] = v;
        // A null value means "the product's default": the setting is left out.
        foreach (var (k, v) in values.Where(kv => kv.Value is not null)) info.Environment[k.Replace(":", "__", StringComparison.Ordinal)] = v;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        var process = Process.Start(info)!;
        var host = new LocalHostProcess(process, new Uri($"http://127.0.0.1:{port}"), prefix);
        process.OutputDataReceived += (_, e) => { lock (host._output) host._output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (host._output) host._output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException("The local host exited at start-up:\n" + host.Output);
            try
            {
                using var response = await host.Client.GetAsync(development ? "/dev/clock" : "/api/signup");
                if (response.IsSuccessStatusCode)
                {
                    if (alignClock && development) await host.AlignClockAsync();
                    return host;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("The local host did not start:\n" + host.Output);
    }

    public static string BuildConfiguration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    /// <summary>Posts Twilio's full inbound field set, signed as Twilio signs it (or with the given signature).</summary>
    public async Task<HttpResponseMessage> PostInboundAsync(string from, string body, string? messageSid = null, string? signature = null, string to = "+12125550199")
    {
        var fields = TwilioFields.Inbound(from, body, messageSid ?? TwilioFields.NewSid(), to);
        return await PostSignedFormAsync("/api/twilio/inbound", fields, signature);
    }

    public async Task<HttpResponseMessage> PostSignedFormAsync(string path, IReadOnlyDictionary<string, string> fields, string? signature = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("X-Twilio-Signature", signature ?? TwilioSignature.Sign(TestSettings.TwilioAuthToken, TestSettings.PublicBaseUrl + path, fields));
        return await Client.SendAsync(request);
    }

    public async Task<string> AdvanceAsync(double hours)
    {
        using var response = await Client.PostAsync($"/dev/clock/advance?hours={hours.ToString(System.Globalization.CultureInfo.InvariantCulture)}", null);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Twilio's real webhook field sets.</summary>
public static class TwilioFields
{
    public static string NewSid() => "SM" + Guid.NewGuid().ToString("N");

    public static Dictionary<string, string> Inbound(string from, string body, string sid, string to = "+12125550199") => new()
    {
        ["MessageSid"] = sid,
        ["SmsSid"] = sid,
        ["SmsMessageSid"] = sid,
        ["AccountSid"] = TestSettings.TwilioAccountSid,
        ["MessagingServiceSid"] = "MG11111111111111111111111111111111",
        ["From"] = from,
        ["To"] = to,
        ["Body"] = body,
        ["NumMedia"] = "0",
        ["NumSegments"] = "1",
        ["FromCity"] = "NEW YORK",
        ["FromState"] = "NY",
        ["FromZip"] = "10001",
        ["FromCountry"] = "US",
        ["ToCity"] = "NEW YORK",
        ["ToState"] = "NY",
        ["ToZip"] = "10001",
        ["ToCountry"] = "US",
        ["SmsStatus"] = "received",
        ["ApiVersion"] = "2010-04-01",
    };

    public static Dictionary<string, string> Status(string sid, string status, string? errorCode = null, string to = "+12125550100") => new()
    {
        ["MessageSid"] = sid,
        ["SmsSid"] = sid,
        ["AccountSid"] = TestSettings.TwilioAccountSid,
        ["From"] = "+12125550199",
        ["To"] = to,
        ["MessageStatus"] = status,
        ["SmsStatus"] = status,
        ["ErrorCode"] = errorCode ?? "",
        ["ApiVersion"] = "2010-04-01",
    };
}
