using System.Text;
using Encourage.Replies;

namespace Encourage.Core.Tests.Replies;

public sealed class SafetyWordsTests
{
    public static TheoryData<string> ListedPhrases => new(SafetyWords.Phrases);

    public static TheoryData<string> BenignPhrases => new(SafetyWords.Benign);

    [Fact]
    public void The_list_ships_with_both_kinds_of_concern()
    {
        Assert.Contains("suicide", SafetyWords.Phrases);
        Assert.Contains(SafetyWords.Phrases, p => p.StartsWith("{he} (hit|", StringComparison.Ordinal));
        Assert.True(SafetyWords.Phrases.Count >= 40, $"only {SafetyWords.Phrases.Count} phrases loaded");
    }

    [Theory]
    [MemberData(nameof(ListedPhrases))]
    public void Every_way_of_writing_a_listed_phrase_matches_inside_a_sentence(string phrase)
    {
        var examples = Expand(phrase);
        Assert.NotEmpty(examples);

        var missed = examples.Where(e => !SafetyWords.Matches($"honestly {e} tonight.")).ToList();

        Assert.True(missed.Count == 0, $"{phrase}: no match for {string.Join(" / ", missed.Take(5))}");
    }

    [Theory]
    [MemberData(nameof(BenignPhrases))]
    public void Every_figure_of_speech_is_ignored(string phrase)
    {
        foreach (var example in Expand(phrase))
        {
            Assert.False(SafetyWords.Matches($"lol {example} today"), $"{phrase}: matched {example}");
        }
    }

    [Theory]
    // Self-harm and suicide, as people write them.
    [InlineData("I want to kill myself")]
    [InlineData("i wanna kms")]
    [InlineData("sometimes i just want to end it all")]
    [InlineData("I want to die")]
    [InlineData("I don't want to be here anymore")]
    [InlineData("i dont wanna be here anymore")]
    [InlineData("I’ve been thinking about hurting myself")]
    [InlineData("thinking about suicide")]
    [InlineData("I'm suicidal")]
    [InlineData("self harm again")]
    [InlineData("self-harming")]
    [InlineData("there's no reason to live")]
    [InlineData("everyone would be better off without me")]
    [InlineData("I can't go on")]
    [InlineData("I can't live without him")]
    [InlineData("killmyself")]
    [InlineData("KILL MYSELF")]
    [InlineData("kil myself")]
    [InlineData("i wish i was dead")]
    [InlineData("I just want to go to sleep and never wake up")]
    [InlineData("nothing left to live for")]
    // Abuse and danger.
    [InlineData("he hit me")]
    [InlineData("He hits me when he drinks")]
    [InlineData("he hurts me")]
    [InlineData("he threatened me")]
    [InlineData("she threatened to post my photos")]
    [InlineData("i'm scared of him")]
    [InlineData("I am so scared of my ex")]
    [InlineData("he won't let me leave")]
    [InlineData("he wont let me leave the house")]
    [InlineData("it was abuse")]
    [InlineData("he was abusive")]
    [InlineData("my ex just hit me")]
    [InlineData("my husband choked me")]
    [InlineData("he said he'd kill me")]
    [InlineData("he is going to kill me")]
    [InlineData("i dont feel safe at home")]
    [InlineData("he's outside my house and won't leave")]
    [InlineData("he broke into my apartment")]
    [InlineData("i need a restraining order")]
    public void Matches_what_people_write(string text)
    {
        Assert.True(SafetyWords.Matches(text));
        Assert.True(KeywordParser.Parse(text).SafetyConcern);
    }

    [Theory]
    [InlineData("I could kill for a coffee")]
    // Our choice: figurative "killing me" is not flagged (see safety-words.txt).
    [InlineData("this song is killing me")]
    [InlineData("my feet are killing me")]
    [InlineData("i'm dying to see him")]
    [InlineData("i want to end things with him for good")]
    [InlineData("I'm going to end it with him")]
    [InlineData("at the end of the day it's for the best")]
    [InlineData("I can't do this anymore, I miss him")]
    [InlineData("ran 5 kms this morning instead of texting him")]
    [InlineData("i want to die my hair red")]
    [InlineData("watching suicide squad tonight")]
    [InlineData("killing myself laughing at this")]
    [InlineData("the hit song made me cry")]
    [InlineData("it hit me that he's really gone")]
    [InlineData("reality hit me hard today")]
    [InlineData("the dead end job")]
    [InlineData("i feel safe now")]
    [InlineData("texted him :(")]
    [InlineData("he texted me")]
    [InlineData("I'm scared I'll text him")]
    [InlineData("")]
    public void Leaves_ordinary_sadness_and_figures_of_speech_alone(string text)
    {
        Assert.False(SafetyWords.Matches(text));
    }

    [Fact]
    public void Null_is_not_a_concern()
    {
        Assert.False(SafetyWords.Matches(null!));
    }

    /// <summary>Every concrete phrase a list line can stand for (placeholders given two typical fillings).</summary>
    private static List<string> Expand(string line)
    {
        var position = 0;
        var results = Sequence(line, ref position);
        return results.Select(r => string.Join(' ', r.Split(' ', StringSplitOptions.RemoveEmptyEntries))).Distinct().Take(2000).ToList();
    }

    private static List<string> Sequence(string line, ref int i)
    {
        var results = new List<string> { "" };
        var literal = new StringBuilder();

        void Append(IReadOnlyList<string> options)
        {
            var next = new List<string>();
            foreach (var r in results)
            {
                foreach (var o in options)
                {
                    next.Add(r + o);
                    if (next.Count > 5000)
                    {
                        break;
                    }
                }
            }

            results = next;
        }

        void Flush()
        {
            if (literal.Length > 0)
            {
                Append([literal.ToString()]);
                literal.Clear();
            }
        }

        while (i < line.Length)
        {
            var c = line[i];
            if (c is ')' or '|')
            {
                break;
            }

            i++;
            switch (c)
            {
                case '(':
                    Flush();
                    var options = new List<string>();
                    while (true)
                    {
                        options.AddRange(Sequence(line, ref i));
                        if (i >= line.Length || line[i++] == ')')
                        {
                            break;
                        }
                    }

                    Append(options);
                    break;
                case '{':
                    Flush();
                    var close = line.IndexOf('}', i);
                    var name = line[i..close];
                    i = close + 1;
                    Append(name switch
                    {
                        "he" => ["he", "my ex"],
                        "him" => ["him", "my partner"],
                        "num" => ["12"],
                        _ => throw new InvalidOperationException($"unknown placeholder {name}"),
                    });
                    break;
                default:
                    literal.Append(c);
                    break;
            }
        }

        Flush();
        return results;
    }
}
