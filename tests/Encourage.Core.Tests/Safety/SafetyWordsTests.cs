using System.Text;
using Encourage.Replies;
using Encourage.Safety;

namespace Encourage.Core.Tests.Safety;

public sealed class SafetyWordsTests
{
    public static TheoryData<string> ListedPhrases => new(SafetyWords.Phrases);

    public static TheoryData<string> BenignPhrases => new(SafetyWords.Benign);

    [Fact]
    public void The_list_ships_with_both_kinds_of_concern()
    {
        Assert.Contains(SafetyWords.Phrases, p => p.StartsWith("(suic*|", StringComparison.Ordinal));
        Assert.Contains(SafetyWords.Phrases, p => p.StartsWith("{he} (hit|", StringComparison.Ordinal));
        Assert.True(SafetyWords.Phrases.Count >= 40, $"only {SafetyWords.Phrases.Count} phrases loaded");
    }

    [Theory]
    [MemberData(nameof(ListedPhrases))]
    public void Every_way_of_writing_a_listed_phrase_matches_inside_a_sentence(string phrase)
    {
        var examples = Expand(phrase);
        Assert.NotEmpty(examples);

        // A line ending in $ (the end of the text) is tried at the end of the text.
        var missed = examples.Where(e => !SafetyWords.Matches(e.Contains('$') ? $"honestly {e[..e.IndexOf('$')]}" : $"honestly {e} tonight.")).ToList();

        Assert.True(missed.Count == 0, $"{phrase}: no match for {string.Join(" / ", missed.Take(5))}");
    }

    [Theory]
    [MemberData(nameof(BenignPhrases))]
    public void Every_figure_of_speech_is_ignored(string phrase)
    {
        foreach (var example in Expand(phrase))
        {
            var text = example.Contains('$') ? $"lol {example[..example.IndexOf('$')]}" : $"lol {example} today";
            Assert.False(SafetyWords.Matches(text), $"{phrase}: matched {text}");
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

    // Issue 12, item 4: every miss it names, and their family, with the kind each must get.
    [Theory]
    [InlineData("I'm gonna kill my self", SafetyKind.SelfHarm)]
    [InlineData("kill my self", SafetyKind.SelfHarm)]
    [InlineData("I'd rather be dead", SafetyKind.SelfHarm)]
    [InlineData("nobody would even miss me", SafetyKind.SelfHarm)]
    [InlineData("I took a bunch of pills", SafetyKind.SelfHarm)]
    [InlineData("I've been cutting again", SafetyKind.SelfHarm)]
    [InlineData("sucidal", SafetyKind.SelfHarm)]
    [InlineData("feeling suicidle", SafetyKind.SelfHarm)]
    [InlineData("I just want to never wake up", SafetyKind.SelfHarm)]
    [InlineData("I hope I never wake up", SafetyKind.SelfHarm)]
    [InlineData("wrote my goodbye letter", SafetyKind.SelfHarm)]
    [InlineData("i took 30 tylenol", SafetyKind.SelfHarm)]
    [InlineData("he put his hands on me", SafetyKind.Abuse)]
    [InlineData("he keeps showing up at my house", SafetyKind.Abuse)]
    [InlineData("he threatened to kill me if I leave", SafetyKind.Abuse)]
    [InlineData("he said he'd hurt me", SafetyKind.Abuse)]
    [InlineData("he keeps texting me threats", SafetyKind.Abuse)]
    [InlineData("he choked me", SafetyKind.Abuse)]
    [InlineData("he had his hands around my neck", SafetyKind.Abuse)]
    [InlineData("my ex won't stop following me around", SafetyKind.Abuse)]
    [InlineData("he was waiting outside my work", SafetyKind.Abuse)]
    [InlineData("he put a tracker on my car", SafetyKind.Abuse)]
    [InlineData("he hit me up against the wall", SafetyKind.Abuse)]
    [InlineData("she hit me with a bottle", SafetyKind.Abuse)]
    public void Catches_the_misses_named_in_the_issue_with_their_kind(string text, SafetyKind kind)
    {
        Assert.Equal(kind, SafetyWords.Classify(text));
        Assert.True(KeywordParser.Parse(text).SafetyConcern);
        Assert.False(SafetyWords.IsAmbiguousEnding(text));
    }

    // Issue 12, item 4: every false alarm it names, and their family.
    [Theory]
    [InlineData("he hit me up last night")]
    [InlineData("he hit me up")]
    [InlineData("my ex hit me up on insta")]
    [InlineData("he hit me with a \"hey stranger\" text lol")]
    [InlineData("life is worth living again")]
    [InlineData("he pushed me away")]
    [InlineData("shooting myself in the foot")]
    [InlineData("burning myself out")]
    [InlineData("I cut myself off from his friends")]
    [InlineData("killing it")]
    [InlineData("dead tired")]
    [InlineData("I could die of embarrassment")]
    [InlineData("i'm going to die of embarrassment")]
    [InlineData("he grabbed me a coffee")]
    [InlineData("he beat me to it")]
    [InlineData("cut myself shaving")]
    [InlineData("drowning myself in work")]
    [InlineData("I took my pills this morning")]
    [InlineData("took 2 advil")]
    [InlineData("i never wake up on time")]
    [InlineData("I wrote a goodbye letter to him that I won't send")]
    [InlineData("i'd rather die than text him first")]
    [InlineData("he came to my place to get his stuff")]
    [InlineData("he followed me on instagram")]
    public void Leaves_the_false_alarms_named_in_the_issue_alone(string text)
    {
        Assert.Null(SafetyWords.Classify(text));
        Assert.False(KeywordParser.Parse(text).SafetyConcern);
    }

    [Theory]
    [InlineData("I'm done")]
    [InlineData("i am so done")]
    [InlineData("honestly I'm done now")]
    [InlineData("i give up")]
    [InlineData("I give up on everything")]
    [InlineData("I can't do this anymore")]
    [InlineData("i cant do this anymore, I miss him")]
    [InlineData("what's the point")]
    [InlineData("Texted him again. I'm done.")]
    public void Ambiguous_endings_are_not_matches_but_are_recognised(string text)
    {
        Assert.Null(SafetyWords.Classify(text));
        Assert.True(SafetyWords.IsAmbiguousEnding(text));
    }

    [Theory]
    [InlineData("DONE")]
    [InlineData("done")]
    [InlineData("I'm done texting him for good")]
    [InlineData("i'm so done with him")]
    [InlineData("gave up on him finally")]
    [InlineData("I'm done, I want to die")] // a safety match: the safety reply, not a check-in
    [InlineData("texted him")]
    [InlineData("")]
    public void Other_texts_are_not_ambiguous_endings(string text)
    {
        Assert.False(SafetyWords.IsAmbiguousEnding(text));
    }

    [Fact]
    public void A_text_with_both_kinds_leads_with_self_harm_and_still_says_it_mentions_abuse()
    {
        const string text = "he hit me and now i want to kill myself";
        Assert.Equal(SafetyKind.SelfHarm, SafetyWords.Classify(text));
        Assert.True(SafetyWords.MentionsAbuse(text));
        Assert.False(SafetyWords.MentionsAbuse("i want to kill myself"));
    }

    [Fact]
    public void Every_phrase_has_a_kind_and_both_kinds_are_listed()
    {
        Assert.Equal(SafetyWords.Phrases.Count, SafetyWords.Kinds.Count);
        Assert.Contains(SafetyKind.SelfHarm, SafetyWords.Kinds);
        Assert.Contains(SafetyKind.Abuse, SafetyWords.Kinds);
        Assert.NotEmpty(SafetyWords.Ambiguous);
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
                        "many" => ["20"],
                        "word" => ["big"],
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
