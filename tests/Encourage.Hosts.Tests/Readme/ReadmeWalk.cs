using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Encourage.Hosts.Tests.Readme;

/// <summary>
/// The README as a newcomer reads it: its shell commands (every line of its <c>```bash</c> blocks) and its
/// <c>http://localhost:7071/...</c> addresses, and a fresh copy of the repository to run them in.
/// </summary>
internal static partial class ReadmeWalk
{
    public const int DevPort = 7071;

    /// <summary>Commands not run by the walk (by how they start), with the reason.</summary>
    public static readonly IReadOnlyDictionary<string, string> NotWalked = new Dictionary<string, string>
    {
        ["scripts/dev.sh"] = "the walk runs against the scripts/dev.sh it started",
        ["scripts/test.sh"] = "the walk is part of scripts/test.sh",
        ["dotnet run -c Release --project bench/"] = "a benchmark runs for minutes on a quiet machine; its figures are taken by hand",
        ["azd "] = "deploys to Azure, which this machine cannot reach",
    };

    public static bool IsWalked(string command) =>
        !NotWalked.Keys.Any(start => Program(command).StartsWith(start, StringComparison.Ordinal));

    /// <summary>The README and every page under docs/: what a newcomer is told to run.</summary>
    public static IEnumerable<string> Pages(string root) =>
        new[] { Path.Combine(root, "README.md") }
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md").Order(StringComparer.Ordinal));

    /// <summary>Each command of the README's bash blocks, in order, continuation lines joined.</summary>
    public static IReadOnlyList<string> Commands(string readme)
    {
        var commands = new List<string>();
        foreach (Match block in BashBlock().Matches(readme))
        {
            var pending = new StringBuilder();
            foreach (var raw in block.Groups[1].Value.Split('\n'))
            {
                var line = raw.TrimEnd();
                if (pending.Length == 0 && (line.Length == 0 || line.TrimStart().StartsWith('#'))) continue;
                if (line.EndsWith('\\'))
                {
                    pending.Append(line[..^1]).Append(' ');
                    continue;
                }
                pending.Append(line);
                commands.Add(pending.ToString().Trim());
                pending.Clear();
            }
        }
        return commands;
    }

    /// <summary>The command itself, without a trailing comment (for matching against <see cref="NotWalked"/>).</summary>
    public static string Program(string command) => command.Split('#', 2)[0].Trim();

    /// <summary>Every distinct http://localhost:7071/... address the README names.</summary>
    public static IReadOnlyList<string> Urls(string readme) =>
        [.. LocalUrl().Matches(readme).Select(m => m.Value.TrimEnd('.', ',', ';', ':', ')')).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// Copies what git tracks (and new files it does not ignore) to a new folder: a fresh clone, with the working
    /// tree's changes. No build output, no local.settings.json, no node_modules.
    /// </summary>
    public static async Task<string> FreshCopyAsync()
    {
        var target = Path.Combine(Path.GetTempPath(), "encourage-readme-" + Guid.NewGuid().ToString("N")[..8]);
        var info = new ProcessStartInfo("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"])
        {
            WorkingDirectory = Repo.Root,
            RedirectStandardOutput = true,
        };
        using var git = Process.Start(info)!;
        var files = (await git.StandardOutput.ReadToEndAsync()).Split('\0', StringSplitOptions.RemoveEmptyEntries);
        await git.WaitForExitAsync();
        Assert.Equal(0, git.ExitCode);
        foreach (var file in files)
        {
            var from = Path.Combine(Repo.Root, file);
            if (!File.Exists(from)) continue; // deleted in the working tree
            var to = Path.Combine(target, file);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(from, to);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(to, File.GetUnixFileMode(from)); // dev.sh keeps its run bit
        }
        return target;
    }

    /// <summary>
    /// A process started as a newcomer's shell would: nothing in the environment but PATH and HOME (and the .NET
    /// folders those imply), in <paramref name="folder"/>.
    /// </summary>
    public static ProcessStartInfo Shell(string folder, string script)
    {
        var info = new ProcessStartInfo("bash", ["-c", script])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment.Clear();
        foreach (var name in new[] { "PATH", "HOME" })
        {
            if (Environment.GetEnvironmentVariable(name) is { } value) info.Environment[name] = value;
        }
        return info;
    }

    /// <summary>Runs one README command in the copy; curl fails on an HTTP error, as a person reading the answer would.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string folder, string command, TimeSpan timeout)
    {
        const string preamble = "curl() { command curl --fail-with-body --max-time 60 \"$@\"; }\n";
        var info = Shell(folder, preamble + command);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {timeout}:\n{await stdout}\n{await stderr}");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"^```bash\n(.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex BashBlock();

    [GeneratedRegex(@"http://localhost:7071/[^\s`'""<>)]*")]
    private static partial Regex LocalUrl();
}
