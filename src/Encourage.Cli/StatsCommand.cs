using System.CommandLine;
using System.Text.Json;
using Encourage.Insights;
using Microsoft.Extensions.DependencyInjection;

namespace Encourage.Cli;

/// <summary>
/// `encourage stats`: the dashboard's figures as JSON, printed with the dashboard's own serializer so an operator
/// (or a test) can check the two agree.
/// </summary>
internal static class StatsCommand
{
    public static Command Build()
    {
        var days = new Option<string>("--days") { Description = $"How many UTC days, 1 to {DashboardQuery.MaxDays}.", DefaultValueFactory = _ => "30" };
        var to = new Option<string?>("--to") { Description = "The last UTC day shown, yyyy-MM-dd (default today, on the local host's dev clock when it was moved)." };
        var command = new Command("stats", "Print the dashboard's figures as JSON (counters only; nothing is scanned).") { days, to };
        command.SetAction(async (parse, ct) =>
        {
            // The same checks as the dashboard's query string, so both refuse the same input.
            if (!DashboardQuery.TryParseDays(parse.GetValue(days) ?? "", out var dayCount, out var error))
            {
                Console.Error.WriteLine(error);
                return 2;
            }
            DateOnly? last = null;
            if (parse.GetValue(to) is { } toText)
            {
                if (!DashboardQuery.TryParseDay(toText, out var day, out error))
                {
                    Console.Error.WriteLine(error);
                    return 2;
                }
                last = day;
            }
            await using var sp = await CliHost.StartAsync(cancellationToken: ct);
            // "Today" as the dashboard sees it: on a local store whose dev clock was moved, the moved day.
            last ??= DateOnly.FromDateTime((DateTimeOffset.UtcNow + await Encourage.Simulation.DevClockOffset.LoadAsync(
                sp.GetRequiredService<Encourage.Storage.EncourageStorage>(), ct)).UtcDateTime);
            var figures = await sp.GetRequiredService<Dashboard>().FiguresAsync(dayCount, last, ct);
            Console.WriteLine(JsonSerializer.Serialize(figures, DashboardFigures.Json));
            return 0;
        });
        return command;
    }
}
