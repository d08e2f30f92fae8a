using System.Text.Json;
using Encourage.Bench;

const string usage =
    "usage: dotnet run -c Release --project bench/Encourage.Bench -- <bench> [options]\n" +
    "  " + DispatchBench.Usage + "\n" +
    "  " + InboundBench.Usage + "\n" +
    "  " + RetentionBench.Usage + "\n" +
    "Progress goes to stderr; stdout ends with one JSON line of results.";

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.Error.WriteLine(usage);
    return args.Length == 0 ? 2 : 0;
}

Machine.Start();
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C: stop and clean up (private tables are deleted in finally blocks); a second one kills.
    if (cancel.IsCancellationRequested) return;
    e.Cancel = true;
    Console.Error.WriteLine("Cancelling: cleaning up private tables...");
    cancel.Cancel();
};

try
{
    var options = new BenchArgs(args.Skip(1));
    var result = args[0] switch
    {
        "dispatch" => await DispatchBench.RunAsync(options, cancel.Token),
        "inbound" => await InboundBench.RunAsync(options, cancel.Token),
        "retention" => await RetentionBench.RunAsync(options, cancel.Token),
        _ => throw new ArgumentException($"Unknown bench '{args[0]}'."),
    };
    Console.Out.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
    return 0;
}
catch (ArgumentException e)
{
    Console.Error.WriteLine("error: " + e.Message);
    Console.Error.WriteLine(usage);
    return 2;
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled.");
    return 130;
}
catch (Exception e)
{
    Console.Error.WriteLine("error: " + e);
    return 1;
}
