using System.CommandLine;
using Encourage.Cli;
using Encourage.Web;

var root = new RootCommand("Encourage's operator commands. Reads the same settings as the hosts (local.settings.json, environment).");
root.Subcommands.Add(SubscriberCommands.Build());
root.Subcommands.Add(ContentCommands.Build());
root.Subcommands.Add(SlipCommands.Build());
root.Subcommands.Add(PoisonCommands.Build());
root.Subcommands.Add(SimulateCommand.Build());
root.Subcommands.Add(StatsCommand.Build());

// Exceptions reach this handler rather than System.CommandLine's, which prints a stack trace: an operator whose
// storage is down is told so in one line, for every command.
try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (EndpointGuard.IsStorageOutage(e))
{
    await Console.Error.WriteLineAsync("Storage is not reachable, so nothing was read or changed. Locally, start Azurite with scripts/dev.sh and try again.");
    return 1;
}
catch (Microsoft.Extensions.Options.OptionsValidationException e)
{
    await Console.Error.WriteLineAsync("The settings are not valid, so nothing was read or changed: " + string.Join(" ", e.Failures));
    await Console.Error.WriteLineAsync("The CLI reads local.settings.json from this folder or the ones above it (scripts/dev.sh creates it from the sample), then the environment.");
    return 1;
}
catch (OperationCanceledException)
{
    await Console.Error.WriteLineAsync("Cancelled.");
    return 130;
}
