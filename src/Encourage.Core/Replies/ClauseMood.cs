using System.Text.RegularExpressions;

namespace Encourage.Replies;

/// <summary>
/// Reads the few words before an action in a clause: did the subscriber do it, not do it, or only want to, and is the
/// subject someone else? "I didn't text him" is not a slip; "I want to text him" is an urge; "he texted her" is neither.
/// </summary>
internal static partial class ClauseMood
{
    internal enum Mood { Did, Didnt, Wanted }

    /// <summary>Reads the few words before an action: did she do it, not do it, or only want to?</summary>
    internal static Mood MoodBefore(string clause, int index)
    {
        var before = LastWords(clause, index, 4);
        var joined = string.Join(' ', before);

        // "shouldn't have texted him", "couldn't stop myself": the negation is regret, the act happened.
        if (Regret().IsMatch(joined))
        {
            return Mood.Did;
        }

        // "trying not to text him" is an urge being fought, which is exactly when to answer one.
        if (Struggle().IsMatch(joined))
        {
            return Mood.Wanted;
        }

        // Only the words after the last "I" count: in "I feel bad I texted him" the "feel" is not
        // about the texting. An inverted question ("should I text him?") is still only a wish.
        var pronoun = Array.FindLastIndex(before, w => w is "i" or "we");
        if (pronoun > 0 && (QuestionWords.Contains(before[pronoun - 1]) || WishWords.Contains(before[pronoun - 1])))
        {
            return Mood.Wanted;
        }

        before = before[(pronoun + 1)..];
        foreach (var word in before)
        {
            if (Negators.Contains(word))
            {
                return Mood.Didnt;
            }
        }

        foreach (var word in before)
        {
            if (UrgeWords.Contains(word))
            {
                return Mood.Wanted;
            }
        }

        // An infinitive ("to text him") has not happened yet, unless it was attempted: "tried to call him".
        if (before.Length > 0 && before[^1] == "to" && (before.Length < 2 || !AttemptWords.Contains(before[^2])))
        {
            return Mood.Wanted;
        }

        return Mood.Did;
    }

    /// <summary>Whether the action's subject is someone other than the subscriber: "he texted her", "my friend called him".</summary>
    internal static bool IsSomeoneElse(string clause, int index)
    {
        var before = LastWords(clause, index, 4);
        for (var i = before.Length - 1; i >= 0; i--)
        {
            if (SubjectAdverbs.Contains(before[i]))
            {
                continue;
            }

            return ThirdParties.Contains(before[i]);
        }

        return false;
    }

    private static string[] LastWords(string clause, int index, int count)
    {
        // Walk back from the match rather than split the whole prefix: a long clause with many
        // matches would otherwise cost time in the square of its length.
        var words = new List<string>(count);
        var end = index;
        while (words.Count < count && end > 0)
        {
            while (end > 0 && clause[end - 1] == ' ')
            {
                end--;
            }

            var start = end;
            while (start > 0 && clause[start - 1] != ' ')
            {
                start--;
            }

            if (start == end)
            {
                break;
            }

            words.Add(clause[start..end]);
            end = start;
        }

        words.Reverse();
        return [.. words];
    }

    private static readonly HashSet<string> Negators =
        ["not", "never", "without", "resisted", "resist", "avoided", "refrained", "stopped"];

    private static readonly HashSet<string> UrgeWords =
    [
        "want", "wanted", "wanting", "wants", "need", "needed", "tempted", "tempting", "urge", "itching", "dying",
        "desperate", "craving", "about", "going", "might", "could", "should", "would", "shall", "thinking", "thought",
        "considering", "planning", "plan", "feel", "wish", "if", "hope", "hoping", "stop", "stopping", "how", "whether",
        "maybe", "may", "can", "close", "temptation", "lets", "let", "almost", "nearly",
    ];

    private static readonly HashSet<string> QuestionWords = ["should", "can", "could", "would", "shall", "may", "might", "if", "must", "do"];

    // "I wish we were back together", "I hope he calls": the wish governs the clause after it.
    private static readonly HashSet<string> WishWords = ["wish", "wished", "hope", "hoping", "hoped", "pray", "praying", "imagine", "dream", "dreaming", "unless"];

    private static readonly HashSet<string> AttemptWords = ["tried", "managed", "had", "went", "drove", "ended", "forced"];

    private static readonly HashSet<string> ThirdParties =
    [
        "he", "she", "they", "ex", "bf", "gf", "boyfriend", "girlfriend", "husband", "hubby", "wife", "partner",
        "fiance", "fiancee", "spouse", "friend", "friends", "sister", "brother", "mom", "mum", "mother", "dad",
        "father", "someone", "somebody", "everyone", "who", "mutual", "mutuals", "cousin", "roommate",
    ];

    private static readonly HashSet<string> SubjectAdverbs =
    [
        "just", "also", "then", "finally", "literally", "actually", "even", "already", "again", "has", "had", "have",
        "kept", "keeps", "still", "accidentally", "randomly", "really", "totally", "kinda", "stupidly", "drunk", "is", "am",
    ];

    [GeneratedRegex(@"\b(?:should not have|should have not|shouldve not|wish i had not|wish i did not|wish i never|why did i|regret|can not stop|could not stop|could not help|can not help|could not resist|can not resist|ended up|i did not mean to|did not mean to)\b", KeywordParser.Linear, KeywordParser.LinearTimeoutMs)]
    private static partial Regex Regret();

    [GeneratedRegex(@"\b(?:trying|try|tried|hard|hardest|struggling|fighting|so hard|working) not to\b", KeywordParser.Linear, KeywordParser.LinearTimeoutMs)]
    private static partial Regex Struggle();
}
