using System.CommandLine;
using Encourage.Safety;

namespace Encourage.Cli;

/// <summary>
/// `content embed` (the examples' vectors and the thresholds chosen on them by k-fold cross-validation, written into
/// src/Encourage.Core/Safety) and `content safety-report` (the rules' own corpus, then rules alone against rules and the
/// semantic layer on the held-out texts).
/// </summary>
internal static class SemanticCommands
{
    public static Command Embed()
    {
        var dir = new Option<DirectoryInfo>("--dir") { Description = "Where the safety data live.", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("src", "Encourage.Core", "Safety")) };
        var embed = new Command("embed", "Encode the semantic layer's labelled examples with the model, choose its thresholds by k-fold cross-validation, and write both files.") { dir };
        embed.SetAction(async (parse, cancellationToken) =>
        {
            var target = parse.GetValue(dir)!;
            if (!target.Exists)
            {
                Console.Error.WriteLine($"{target.FullName} does not exist: run this from the repository's root, or pass --dir.");
                return 1;
            }
            var examples = SafetyCorpus.LoadExamples();
            var (embedder, load) = await new SentenceModel().Loading;
            Console.Error.WriteLine($"model loaded in {load.Wall.TotalMilliseconds:F0} ms ({load.Cpu.TotalMilliseconds:F0} ms CPU, working set {load.WorkingSetBytes / (1024 * 1024)} MB)");
            var vectors = SemanticVectors.Embed(examples, embedder, cancellationToken);
            await File.WriteAllBytesAsync(Path.Combine(target.FullName, SemanticVectors.FileName), vectors.ToBytes(), cancellationToken);
            // The thresholds are chosen on the vectors as stored (float16), as the running service reads them.
            var stored = SemanticVectors.Read(vectors.ToBytes(), examples);
            var calibration = SemanticCalibration.Run(stored);
            await File.WriteAllTextAsync(Path.Combine(target.FullName, Calibration.FileName), calibration.ToJson(), cancellationToken);
            Console.WriteLine($"{examples.Count} examples embedded; k = {calibration.K}, check at {calibration.CheckMargin}, danger at {calibration.DangerMargin}");
            foreach (var cv in calibration.ByK)
            {
                Console.WriteLine($"  k={cv.K}: help recall {cv.HelpRecall:P1} (semantic caught {cv.SemanticRecall:P1} of the {cv.RulesMissed} the rules missed), crisis {cv.CrisisRecall:P1}, abuse {cv.AbuseRecall:P1}, danger precision {cv.DangerPrecision:P1}, idioms {cv.IdiomFalseAlarm:P1}, everyday {cv.NoneFalseAlarm:P1}");
            }
            Console.WriteLine("rebuild for the new files to ship inside the assembly");
            return 0;
        });
        return embed;
    }

    public static Command SafetyReport()
    {
        var format = new Option<string>("--format") { Description = "text, or json for one machine-readable last line.", DefaultValueFactory = _ => "text" };
        var report = new Command("safety-report", "Print the safety words' figures on their own corpus, then precision and recall per label on the held-out texts for the rules alone and the rules with the semantic layer.") { format };
        report.SetAction(async (parse, cancellationToken) =>
        {
            var json = parse.GetValue(format) switch
            {
                "text" => false,
                "json" => true,
                _ => (bool?)null,
            };
            if (json is null)
            {
                Console.Error.WriteLine("--format must be text or json.");
                return 1;
            }

            var rulesCorpus = SafetyCorpus.Evaluate(SafetyCorpus.LoadEmbedded());
            Console.WriteLine("The safety words on their own corpus (safety-corpus.tsv, written with the list: not a measure of the next person)");
            Console.Write(rulesCorpus.Format());
            Console.WriteLine();

            if (SemanticSafety.DataProblem is { } problem)
            {
                Console.Error.WriteLine("semantic layer unavailable: " + problem);
                return 1;
            }
            var (embedder, _) = await new SentenceModel().Loading;
            var calibration = SemanticSafety.ShippedCalibration!;
            var examples = SafetyCorpus.LoadExamples();
            var vectors = SemanticVectors.LoadEmbedded(examples);
            var index = new SemanticIndex(examples.Select((e, i) => (e.Label, vectors.Vectors[i])));
            var heldOut = SafetyCorpus.LoadHeldOut();
            var rules = SafetyEvaluation.Figures("rules", heldOut, [.. heldOut.Select(t => SafetyEvaluation.Rules(t.Text))]);
            var combined = SafetyEvaluation.Figures("rules + semantic", heldOut, [.. heldOut.Select(t => SafetyEvaluation.Combined(t.Text,
                s => SemanticSafety.Read(embedder, index, calibration.Thresholds, SemanticSafety.Segments(s), cancellationToken)))]);
            Console.Write(SafetyEvaluation.Format([rules, combined], calibration));
            if (json == true) Console.WriteLine(SafetyEvaluation.JsonLine([rules, combined], calibration));
            return rulesCorpus.For(SafetyCorpus.Crisis).Recall < 1 || rulesCorpus.For(SafetyCorpus.Abuse).Recall < 1 ? 1 : 0;
        });
        return report;
    }
}
