using System.Globalization;
using System.Text;

namespace Encourage.Replies;

/// <summary>
/// A reply cleaned for matching: all its words, its sentences, and its clauses (sentences split at "and", "but"...).
/// Shared by every reader here and by the safety matcher, so a pattern is written once against one spelling.
/// </summary>
internal sealed record ReplyText(string Words, IReadOnlyList<string> Sentences, IReadOnlyList<string> Clauses)
{

    /// <summary>The words of a text, cleaned the way every pattern here expects (idempotent).</summary>
    internal static string Normalize(string? text) => Read(text).Words;

    internal static ReplyText Read(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return new ReplyText("", [], []);
        }

        var cleaned = Sanitise(text);
        var lower = cleaned.ToLowerInvariant();

        var sentences = new List<List<string>>();
        var current = new List<string>();
        var word = new StringBuilder();

        void EndWord()
        {
            if (word.Length == 0)
            {
                return;
            }

            // Dropping an invisible character can leave a letter and its accent side by side; compose them
            // now so reading the result again gives the same words.
            foreach (var part in Canonical(Squeeze(Compose(word.ToString()))).Split(' '))
            {
                current.Add(part);
            }

            word.Clear();
        }

        void EndSentence()
        {
            EndWord();
            if (current.Count > 0)
            {
                sentences.Add(current);
                current = [];
            }
        }

        foreach (var rune in lower.EnumerateRunes())
        {
            switch (Rune.GetUnicodeCategory(rune))
            {
                case UnicodeCategory.LowercaseLetter or UnicodeCategory.UppercaseLetter or UnicodeCategory.TitlecaseLetter
                    or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                    or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                    or UnicodeCategory.DecimalDigitNumber:
                    if (IsApostrophe(rune))
                    {
                        break;
                    }

                    word.Append(rune.ToString());
                    break;
                case UnicodeCategory.Format:
                    // Direction marks, zero-width joiners, soft hyphens: invisible, so they must not split a word.
                    break;
                default:
                    if (IsApostrophe(rune))
                    {
                        // "didn't" reads as "didnt" and then "did not", whichever apostrophe the phone used.
                        break;
                    }

                    if (rune.Value == '&')
                    {
                        EndWord();
                        current.Add("and");
                    }
                    else if (IsSentenceEnd(rune))
                    {
                        EndSentence();
                    }
                    else
                    {
                        EndWord();
                    }

                    break;
            }
        }

        EndSentence();

        var sentenceTexts = sentences.Select(s => string.Join(' ', s)).ToArray();
        var clauses = new List<string>();
        foreach (var sentence in sentences)
        {
            var clause = new List<string>();
            foreach (var token in sentence)
            {
                if (Conjunctions.Contains(token))
                {
                    if (clause.Count > 0)
                    {
                        clauses.Add(string.Join(' ', clause));
                    }

                    clause = [];
                }
                else
                {
                    clause.Add(token);
                }
            }

            if (clause.Count > 0)
            {
                clauses.Add(string.Join(' ', clause));
            }
        }

        return new ReplyText(string.Join(' ', sentenceTexts), sentenceTexts, clauses);
    }

    /// <summary>Bounds the text and makes it safe to normalise: lone surrogates become spaces, then NFKC.</summary>
    private static string Sanitise(string text)
    {
        var length = Math.Min(text.Length, KeywordParser.MaxChars);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < length && char.IsLowSurrogate(text[i + 1]))
            {
                chars[i] = c;
                chars[i + 1] = text[i + 1];
                i++;
            }
            else
            {
                // string.Normalize throws on a lone surrogate (a pair cut at KeywordParser.MaxChars is one too) and on U+FFFE.
                chars[i] = char.IsSurrogate(c) || c == '\uFFFE' ? ' ' : c;
            }
        }

        var sanitised = new string(chars);
        try
        {
            // NFKC folds full-width letters, ligatures and "𝐬𝐭𝐨𝐩" styled text into plain letters.
            return sanitised.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return sanitised;
        }
    }

    private static string Compose(string word)
    {
        try
        {
            return word.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return word;
        }
    }

    private static bool IsApostrophe(Rune rune) => rune.Value is '\'' or '\u2019' or '\u2018' or '\u02bc' or '`' or '\u00b4' or '\u2032';

    private static bool IsSentenceEnd(Rune rune) =>
        rune.Value is '.' or '!' or '?' or ';' or ',' or ':' or '\n' or '\r' or '|' or '\u2026' or '\u3002' or '\uff01' or '\uff1f' or '\u061f';

    /// <summary>"pleaseeee", "stoppp", "nooo": three or more of a letter become one.</summary>
    private static string Squeeze(string word)
    {
        if (word.Length < 3)
        {
            return word;
        }

        var sb = new StringBuilder(word.Length);
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            var run = 1;
            while (i + run < word.Length && word[i + run] == c)
            {
                run++;
            }

            sb.Append(c, run >= 3 && char.IsLetter(c) ? 1 : run);
            i += run - 1;
        }

        return sb.ToString();
    }

    private static string Canonical(string word) => Spellings.TryGetValue(word, out var canonical) ? canonical : word;

    private static readonly HashSet<string> Conjunctions =
        ["and", "but", "so", "then", "because", "cause", "cuz", "coz", "bc", "though", "although", "after", "before", "while", "plus", "yet"];

    // Misspellings and contractions, spelled one way so every pattern can be written once.
    // Ambiguous ones stay as typed: "hell" (he'll), "shed" (she'd), "were" (we're), "its".
    private static readonly Dictionary<string, string> Spellings = new(StringComparer.Ordinal)
    {
        ["dont"] = "do not", ["dnt"] = "do not", ["didnt"] = "did not", ["didint"] = "did not", ["didn"] = "did not",
        ["doesnt"] = "does not", ["cant"] = "can not", ["cannot"] = "can not", ["wont"] = "will not",
        ["isnt"] = "is not", ["arent"] = "are not", ["wasnt"] = "was not", ["werent"] = "were not",
        ["havent"] = "have not", ["hasnt"] = "has not", ["hadnt"] = "had not", ["wouldnt"] = "would not",
        ["couldnt"] = "could not", ["shouldnt"] = "should not", ["aint"] = "am not",
        ["im"] = "i am", ["ive"] = "i have", ["hes"] = "he is", ["shes"] = "she is", ["theyre"] = "they are",
        ["theyve"] = "they have", ["youre"] = "you are", ["whats"] = "what is", ["thats"] = "that is",
        ["wanna"] = "want to", ["gonna"] = "going to", ["tryna"] = "trying to", ["gotta"] = "got to",
        ["pls"] = "please", ["plz"] = "please", ["plse"] = "please", ["pleas"] = "please", ["plez"] = "please", ["pleae"] = "please",
        ["u"] = "you", ["ur"] = "your", ["thx"] = "thanks", ["thanx"] = "thanks", ["ty"] = "thanks", ["tysm"] = "thanks",
        ["okay"] = "ok", ["okey"] = "ok", ["okie"] = "ok", ["k"] = "ok", ["kk"] = "ok", ["okk"] = "ok", ["oki"] = "ok",
        ["txted"] = "texted", ["textd"] = "texted", ["texed"] = "texted", ["txtd"] = "texted", ["textted"] = "texted",
        ["textedd"] = "texted", ["tex"] = "text", ["txt"] = "text", ["txting"] = "texting", ["textin"] = "texting",
        ["msg"] = "message", ["msgd"] = "messaged", ["msged"] = "messaged", ["messeged"] = "messaged",
        ["mesaged"] = "messaged", ["massaged"] = "messaged", ["dmd"] = "dmed",
        ["calld"] = "called", ["cald"] = "called", ["caled"] = "called", ["calle"] = "called",
        ["fted"] = "facetimed", ["facetimd"] = "facetimed",
        ["stpo"] = "stop", ["stp"] = "stop", ["sotp"] = "stop", ["stopp"] = "stop", ["stoop"] = "stop", ["stahp"] = "stop",
        ["unsubscibe"] = "unsubscribe", ["unsubcribe"] = "unsubscribe", ["unsuscribe"] = "unsubscribe",
        ["unsubscrib"] = "unsubscribe", ["unsubsribe"] = "unsubscribe", ["unsubscrbe"] = "unsubscribe",
        ["unsubscribed"] = "unsubscribe", ["unsub"] = "unsubscribe", ["unsubscriibe"] = "unsubscribe",
        ["optout"] = "opt out", ["stopall"] = "stop all",
        ["stauts"] = "status", ["staus"] = "status", ["statsu"] = "status", ["satus"] = "status", ["statis"] = "status",
        ["droveby"] = "drove by", ["driveby"] = "drive by", ["drovepast"] = "drove past", ["drivepast"] = "drive past",
        ["showedup"] = "showed up", ["hetexted"] = "he texted me", ["hecalled"] = "he called me",
        ["shetexted"] = "she texted me", ["shecalled"] = "she called me", ["theytexted"] = "they texted me",
        ["theycalled"] = "they called me", ["reachedout"] = "they reached out", ["hmu"] = "hit me up",
        ["paus"] = "pause", ["puase"] = "pause", ["pasue"] = "pause",
    };
}
