using System.CommandLine;
using Encourage.Cli;

var root = new RootCommand("Encourage's operator commands. Reads the same settings as the hosts (local.settings.json, environment).");
root.Subcommands.Add(SubscriberCommands.Build());
root.Subcommands.Add(ContentCommands.Build());
root.Subcommands.Add(SlipCommands.Build());
root.Subcommands.Add(PoisonCommands.Build());
root.Subcommands.Add(SimulateCommand.Build());
root.Subcommands.Add(StatsCommand.Build());
return await root.Parse(args).InvokeAsync();
