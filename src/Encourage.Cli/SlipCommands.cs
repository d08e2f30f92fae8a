using System.CommandLine;
using Encourage.Replies;
using Microsoft.Extensions.DependencyInjection;

namespace Encourage.Cli;

internal static class SlipCommands
{
    public static Command Build()
    {
        var phone = new Option<string?>("--phone") { Description = "One subscriber's slips." };
        var summary = new Option<bool>("--summary") { Description = "Counts by kind and phase across everyone." };
        var format = new Option<string>("--format") { Description = "csv (the only format).", DefaultValueFactory = _ => "csv" };
        var command = new Command("slips", "Print slips logged in Table Storage.") { phone, summary, format };
        command.SetAction(async (parse, ct) =>
        {
            await using var sp = await CliHost.StartAsync(cancellationToken: ct);
            var log = sp.GetRequiredService<SlipLog>();
            if (parse.GetValue(summary))
            {
                var counts = new Dictionary<(string Kind, string Phase), int>();
                await foreach (var row in log.AllAsync(ct)) counts[(row.Kind, row.Phase)] = counts.GetValueOrDefault((row.Kind, row.Phase)) + 1;
                Console.WriteLine("kind,phase,count");
                foreach (var ((kind, phase), n) in counts.OrderBy(c => c.Key.Kind).ThenBy(c => c.Key.Phase)) Console.WriteLine($"{kind},{phase},{n}");
                return 0;
            }
            var subscriber = await SubscriberCommands.FindAsync(sp, parse.GetValue(phone), null, ct);
            if (subscriber is null) return 2;
            Console.Write(SlipLog.Csv(await log.ForSubscriberAsync(subscriber.Id, ct)));
            return 0;
        });
        return command;
    }
}
