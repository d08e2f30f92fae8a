using System.CommandLine;
using Encourage.Arc;
using Encourage.Replies;
using Encourage.Safety;
using Encourage.Subscriptions;

namespace Encourage.Cli;

internal static class ContentCommands
{
    public static Command Build()
    {
        var command = new Command("content", "Check or read the programme's content.");

        var file = new Option<FileInfo?>("--programme") { Description = "A programme YAML file to lint instead of the built-in one." };
        var repliesFile = new Option<FileInfo?>("--replies") { Description = "A replies YAML file to lint instead of the built-in one." };
        var lint = new Command("lint", "Fail on an SMS over one segment, a non-GSM-7 character, a missing day, a phase out of order, an unknown placeholder or an empty email.") { file, repliesFile };
        lint.SetAction(parse =>
        {
            var programmeYaml = parse.GetValue(file) is { } f ? File.ReadAllText(f.FullName) : EmbeddedText("Encourage.Arc.programme.yaml");
            var repliesYaml = parse.GetValue(repliesFile) is { } r ? File.ReadAllText(r.FullName) : EmbeddedText("Encourage.Replies.replies.yaml");
            var problems = ContentLint.CheckYaml(programmeYaml, repliesYaml).Concat(SafetyLint.Check()).ToList();
            foreach (var p in problems) Console.Error.WriteLine("content: " + p);
            if (problems.Count > 0) return 1;
            var programme = Programme.Parse(programmeYaml);
            Console.WriteLine($"content lint: ok ({programme.Entries.Count} entries in {programme.Phases.Count} phases)");
            return 0;
        });

        var pronoun = new Option<string>("--pronoun") { Description = "him, her or them.", DefaultValueFactory = _ => "him" };
        var name = new Option<string>("--name") { Description = "The first name to fill in.", DefaultValueFactory = _ => "Ana" };
        var preview = new Command("preview", "Print the whole programme as a subscriber would read it.") { pronoun, name };
        preview.SetAction(parse =>
        {
            if (!Enum.TryParse<Pronoun>(parse.GetValue(pronoun), true, out var p) || !Enum.IsDefined(p))
            {
                Console.Error.WriteLine("--pronoun must be him, her or them.");
                return 1;
            }
            ProgrammePreview.Write(Console.Out, Programme.LoadEmbedded(), ReplyBook.LoadEmbedded(), parse.GetValue(name) ?? "Ana", p);
            return 0;
        });

        command.Subcommands.Add(lint);
        command.Subcommands.Add(SemanticCommands.SafetyReport());
        command.Subcommands.Add(SemanticCommands.Embed());
        command.Subcommands.Add(preview);
        return command;
    }

    private static string EmbeddedText(string name)
    {
        using var stream = typeof(Programme).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Missing embedded resource {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
