using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using Encourage.Replies;

namespace Encourage.Core.Tests.Replies;

/// <summary>
/// ReDoS: every reply pattern is linear (the non-backtracking engine) or bounded, and a pattern that fails never
/// loses a STOP. The inputs repeat the words that alternations list twice or as parts of longer entries ("now",
/// "ok ok", "i just", "has been", "again today"): on a backtracking engine they take 2^n steps.
/// </summary>
public sealed class ReplyPatternBoundsTests
{
    // The patterns that need a lookaround (so cannot use the non-backtracking engine); each is bounded because its
    // word lists are unambiguous (no entry is a sequence of other entries) and its free gaps are counted ({0,4}).
    private static readonly HashSet<string> Backtracking = ["HeReachedOutPhrase", "UrgePhrase", "RepliedPhrase", "AskedPhrase", "TextedPhrase", "GenericSlipPhrase"];

    public static TheoryData<string> Adversarial()
    {
        var data = new TheoryData<string>();
        string[] units =
        [
            "now", "ok", "ok ok", "please", "thank you", "stop", "no more", "i did not", "did not", "i just", "has been", "keeps on",
            "again today", "just now", "i", "i have", "he has been", "so", "just", "please now", "stayed strong", "i am fine",
            "called him again today", "he just", "i texted", "pause", "hi hey", "my ex", "asked", "went",
        ];
        foreach (var unit in units)
        {
            var repeated = string.Join(' ', Enumerable.Repeat(unit, 900 / (unit.Length + 1)));
            data.Add(repeated + " x");
            data.Add(repeated + " x. please stop texting me");
            data.Add("x " + repeated + "!");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Adversarial))]
    public void Adversarial_repetitions_are_read_quickly(string text)
    {
        KeywordParser.Parse("warm up");
        var watch = Stopwatch.StartNew();
        var parsed = KeywordParser.Parse(text);
        watch.Stop();
        Assert.True(watch.ElapsedMilliseconds < 300, $"{watch.ElapsedMilliseconds} ms for '{text[..Math.Min(60, text.Length)]}...'");
        if (text.EndsWith("please stop texting me", StringComparison.Ordinal)) Assert.Equal(Intent.Stop, parsed.Intent);
    }

    [Fact]
    public void The_issue_text_with_a_slow_clause_is_still_a_stop()
    {
        var text = string.Join(' ', Enumerable.Repeat("now", 40)) + " x, please stop texting me";
        Assert.Equal(Intent.Stop, KeywordParser.Parse(text).Intent);
    }

    [Fact]
    public void Every_reply_pattern_is_non_backtracking_or_listed_as_bounded()
    {
        var assembly = typeof(KeywordParser).Assembly;
        var patterns = assembly.GetTypes()
            .Where(t => t.Namespace == "Encourage.Replies")
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly))
            .Where(m => m.ReturnType == typeof(Regex) && m.GetParameters().Length == 0 && m.GetCustomAttribute<GeneratedRegexAttribute>() is not null)
            .ToList();
        Assert.NotEmpty(patterns);
        foreach (var method in patterns)
        {
            var regex = (Regex)method.Invoke(null, null)!;
            Assert.True(regex.Options.HasFlag(RegexOptions.NonBacktracking) || Backtracking.Contains(method.Name),
                $"{method.DeclaringType!.Name}.{method.Name} backtracks: use KeywordParser.Linear, or make its lists unambiguous and list it here");
            Assert.True(regex.MatchTimeout > TimeSpan.Zero && regex.MatchTimeout != Regex.InfiniteMatchTimeout, $"{method.Name} has no timeout");
        }
    }

    [Theory]
    [InlineData("... please stop texting me")]
    [InlineData("I said STOP")]
    [InlineData("opt out")]
    [InlineData("just leave me alone")]
    [InlineData("Don't text me, unsubscribe")]
    public void A_pattern_that_times_out_fails_towards_stop(string text)
    {
        var parsed = KeywordParser.Parse(text, _ => throw new RegexMatchTimeoutException(text, "x", TimeSpan.FromSeconds(1)));
        Assert.Equal(Intent.Stop, parsed.Intent);
    }

    [Fact]
    public void A_pattern_that_times_out_on_anything_else_answers_help_not_unknown()
    {
        var parsed = KeywordParser.Parse("how do I change my time", _ => throw new RegexMatchTimeoutException("x", "x", TimeSpan.FromSeconds(1)));
        Assert.Equal(Intent.Help, parsed.Intent);
    }

    [Fact]
    public void A_pattern_that_times_out_keeps_the_safety_check()
    {
        var parsed = KeywordParser.Parse("I want to kill myself", _ => throw new RegexMatchTimeoutException("x", "x", TimeSpan.FromSeconds(1)));
        Assert.True(parsed.SafetyConcern);
    }
}
