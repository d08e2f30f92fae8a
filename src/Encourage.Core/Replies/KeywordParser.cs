using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Encourage.Replies;

/// <summary>Reads one inbound text into a <see cref="ParsedReply"/>: keywords, slips, urges, his contact and safety.</summary>
/// <remarks>
/// Order matters and is deliberate: safety is flagged on every text whatever else it says; STOP wins
/// over everything else so an opt-out is never missed; then a time zone, the whole-message keywords,
/// and last the free-text reading, where what the subscriber did outranks what he did, which outranks
/// what she wants to do. Negated and wished-for actions ("I didn't text him", "I want to text him")
/// are never slips.
/// </remarks>
public static partial class KeywordParser
{
    public const int MaxPauseDays = 30, DefaultPauseDays = 7;

    /// <summary>Only this much of a body is read: replies are short, and a pasted essay must not cost more.</summary>
    internal const int MaxChars = 1000;

    // Regexes here run on at most MaxChars of normalised text and take microseconds; the timeout is a
    // backstop against a future pattern that backtracks badly, set wide so a busy, cold host never trips it.
    private const int RegexTimeoutMs = 2000;

    /// <summary>Classifies a reply. Never throws, for any string; empty or unreadable text is <see cref="Intent.Unknown"/>.</summary>
    public static ParsedReply Parse(string? body)
    {
        try
        {
            return ParseCore(body);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A parser bug must not lose the reply, nor the safety check, which has its own guard.
            return new ParsedReply(Intent.Unknown, SafetyConcern: SafeSafetyCheck(body));
        }
    }

    private static bool SafeSafetyCheck(string? body)
    {
        try
        {
            return body is not null && SafetyWords.Matches(body);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return false;
        }
    }

    private static ParsedReply ParseCore(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return new ParsedReply(Intent.Unknown);
        }

        var text = Read(body);
        var safety = SafetyWords.MatchesNormalized(text.Words);
        ParsedReply Reply(Intent intent, SlipKind? slip = null, ContactKind? contact = null, int? pauseDays = null, string? zone = null) =>
            new(intent, slip, contact, pauseDays, zone, safety);

        if (text.Words.Length == 0)
        {
            // Only punctuation and emoji are left: a bare "?" asks what this is; "😢😢" says nothing we can act on.
            return Reply(body.AsSpan(0, Math.Min(body.Length, MaxChars)).Contains('?') ? Intent.Help : Intent.Unknown);
        }

        if (IsStop(text))
        {
            return Reply(Intent.Stop);
        }

        if (FindTimeZone(body) is { } zone)
        {
            return Reply(Intent.TimeZone, zone: zone);
        }

        var core = Filler().Replace(text.Words, "").Trim();
        if (core.Length == 0)
        {
            core = text.Words;
        }

        if (WholeMessage(core) is { } keyword)
        {
            return Reply(keyword.Intent, keyword.Slip, keyword.Contact, keyword.PauseDays);
        }

        return ReadFreeText(text, Reply);
    }

    // ---- Whole-message keywords -------------------------------------------------------------

    private static ParsedReply? WholeMessage(string core)
    {
        if (StartKeyword().IsMatch(core))
        {
            return new ParsedReply(Intent.Start);
        }

        if (JoinKeyword().IsMatch(core))
        {
            return new ParsedReply(Intent.Join);
        }

        if (HelpKeyword().IsMatch(core))
        {
            return new ParsedReply(Intent.Help);
        }

        if (StatusKeyword().IsMatch(core))
        {
            return new ParsedReply(Intent.Status);
        }

        if (PauseKeyword().Match(core) is { Success: true } pause)
        {
            return new ParsedReply(Intent.Pause, PauseDays: PauseDaysFrom(pause));
        }

        if (ResumeKeyword().IsMatch(core))
        {
            return new ParsedReply(Intent.Resume);
        }

        if (DoneKeyword().IsMatch(core))
        {
            return new ParsedReply(Intent.Done);
        }

        if (UrgeKeyword().IsMatch(core))
        {
            return new ParsedReply(Intent.Urge);
        }

        if (OkKeyword().IsMatch(core))
        {
            return new ParsedReply(Intent.Ok);
        }

        return null;
    }

    private static int? PauseDaysFrom(Match pause)
    {
        var amount = pause.Groups["n"];
        if (!amount.Success)
        {
            return null;
        }

        var value = amount.Value switch
        {
            "a" or "an" or "one" => 1,
            "two" => 2,
            "three" => 3,
            "four" => 4,
            "five" => 5,
            "six" => 6,
            "seven" => 7,
            "eight" => 8,
            "nine" => 9,
            "ten" => 10,
            "fourteen" => 14,
            "fifteen" => 15,
            "twenty" => 20,
            "thirty" => 30,
            // Too many digits to parse is still a request for a long pause.
            var digits => long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : long.MaxValue,
        };

        var unit = pause.Groups["unit"].Value;
        var multiplier = unit.StartsWith('w') ? 7 : unit.StartsWith('m') ? 30 : 1;
        var days = value > MaxPauseDays ? value : value * multiplier;
        return (int)Math.Clamp(days, 1, MaxPauseDays);
    }

    // ---- Stop ---------------------------------------------------------------------------------

    private static bool IsStop(ReplyText text)
    {
        // The whole message is a stop keyword, with politeness around it: "Stop please", "STOP!!", "pls stop".
        if (StopKeyword().IsMatch(text.Words))
        {
            return true;
        }

        // A sentence of its own that is only STOP: "This isn't helping. STOP." An opt-out is confirmed
        // and undone with START, so answering one we half-guessed costs far less than ignoring one.
        foreach (var sentence in text.Sentences)
        {
            if (StopSentence().IsMatch(sentence))
            {
                return true;
            }
        }

        // Plain-language opt-outs start their clause ("please stop texting me"), which keeps out
        // "he won't stop texting me" and "I want to stop texting him".
        foreach (var clause in text.Clauses)
        {
            if (PlainStop().IsMatch(clause))
            {
                return true;
            }
        }

        return false;
    }

    // ---- Time zones ---------------------------------------------------------------------------

    private static readonly Lazy<Dictionary<string, string>> Zones = new(LoadZones, LazyThreadSafetyMode.ExecutionAndPublication);

    // Links not in the system list ("US/Eastern", "Asia/Calcutta") are looked up once each and remembered.
    private static readonly ConcurrentDictionary<string, string?> ZoneLookups = new(StringComparer.OrdinalIgnoreCase);

    private static Dictionary<string, string> LoadZones()
    {
        var zones = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var zone in TimeZoneInfo.GetSystemTimeZones(skipSorting: true))
        {
            zones.TryAdd(zone.Id, zone.Id);
        }

        return zones;
    }

    internal static string? ResolveTimeZone(string candidate)
    {
        if (!ZoneId().IsMatch(candidate))
        {
            return null;
        }

        if (Zones.Value.TryGetValue(candidate, out var id))
        {
            return id;
        }

        // Only IANA-shaped ids reach the system lookup (ZoneId excludes "..", spaces and Windows names).
        return ZoneLookups.GetOrAdd(candidate, static c =>
            c.Contains('/') && TimeZoneInfo.TryFindSystemTimeZoneById(c, out var zone) && zone.Id.Contains('/') ? zone.Id : null);
    }

    private static string? FindTimeZone(string body)
    {
        // Zone ids need '/', '_' and '+', which the word normalisation removes, so this reads the raw text.
        var raw = body.Length > MaxChars ? body[..MaxChars] : body;
        var tokens = raw.Split(ZoneSeparators, StringSplitOptions.RemoveEmptyEntries);
        var afterZoneWord = false;
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i].Trim(ZoneTrim);
            var lower = token.ToLowerInvariant();
            if (lower is "tz" or "zone" or "timezone")
            {
                afterZoneWord = true;
                continue;
            }

            // A slash makes it unmistakably a zone id anywhere in the text ("I'm in Europe/Berlin now");
            // a bare one ("UTC") only counts after TZ or zone, so "Japan" alone stays an ordinary word.
            if ((token.Contains('/') || afterZoneWord) && ResolveTimeZone(token) is { } zone)
            {
                return zone;
            }
        }

        return null;
    }

    private static readonly char[] ZoneSeparators = [' ', '\t', '\r', '\n', ',', ';', ':', '=', '(', ')', '"', '\u00a0'];
    private static readonly char[] ZoneTrim = ['.', '!', '?', '\'', '\u2019', '*', '[', ']', '<', '>'];

    // ---- Free text ----------------------------------------------------------------------------

    private delegate ParsedReply ReplyFactory(Intent intent, SlipKind? slip = null, ContactKind? contact = null, int? pauseDays = null, string? zone = null);

    private static ParsedReply ReadFreeText(ReplyText text, ReplyFactory reply)
    {
        // Getting back together or moving on ends the programme; that outranks any slip in the same text.
        foreach (var clause in text.Clauses)
        {
            foreach (Match m in DonePhrase().Matches(clause))
            {
                if (MoodBefore(clause, m.Index) == Mood.Did)
                {
                    return reply(Intent.Done);
                }
            }
        }

        SlipKind? specific = null, generic = null, undone = null;
        var wanted = false;
        foreach (var clause in text.Clauses)
        {
            if (ButIDid().IsMatch(clause) && undone is { } earlier)
            {
                // "I didn't want to text him but I did": the earlier action happened after all.
                specific ??= earlier == SlipKind.Slip ? null : earlier;
                generic ??= earlier == SlipKind.Slip ? earlier : null;
                continue;
            }

            foreach (var (kind, pattern) in SlipRules)
            {
                foreach (Match m in pattern.Matches(clause))
                {
                    if (IsSomeoneElse(clause, m.Index))
                    {
                        continue;
                    }

                    switch (MoodBefore(clause, m.Index))
                    {
                        case Mood.Did when kind == SlipKind.Slip:
                            generic ??= kind;
                            break;
                        case Mood.Did:
                            specific ??= kind;
                            break;
                        case Mood.Wanted:
                            wanted = true;
                            undone ??= kind;
                            break;
                        default:
                            undone ??= kind;
                            break;
                    }
                }
            }
        }

        if ((specific ?? generic) is { } slip)
        {
            return reply(Intent.Slip, slip);
        }

        foreach (var clause in text.Clauses)
        {
            if (HeReachedOutPhrase().Match(clause) is { Success: true } contact && MoodBefore(clause, contact.Index) == Mood.Did)
            {
                return reply(Intent.HeReachedOut, contact: contact.Groups["call"].Success ? ContactKind.HeCalled : ContactKind.HeTexted);
            }
        }

        var urgeDenied = false;
        foreach (var clause in text.Clauses)
        {
            foreach (Match m in UrgePhrase().Matches(clause))
            {
                if (MoodBefore(clause, m.Index) == Mood.Didnt)
                {
                    urgeDenied = true;
                }
                else
                {
                    wanted = true;
                }
            }
        }

        if (wanted)
        {
            return reply(Intent.Urge);
        }

        if (StatusPhrase().IsMatch(text.Words))
        {
            return reply(Intent.Status);
        }

        if (undone is not null || urgeDenied || OkPhrase().IsMatch(text.Words))
        {
            return reply(Intent.Ok);
        }

        return reply(Intent.Unknown);
    }

    private enum Mood { Did, Didnt, Wanted }

    /// <summary>Reads the few words before an action: did she do it, not do it, or only want to?</summary>
    private static Mood MoodBefore(string clause, int index)
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
    private static bool IsSomeoneElse(string clause, int index)
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

    // Checked in this order within a clause: the more specific reading first, so "texted him back" is a
    // reply and not a text, "texted his sister" is asking about him, "drove past" is not showing up.
    private static readonly (SlipKind Kind, Regex Pattern)[] SlipRules =
    [
        (SlipKind.Replied, RepliedPhrase()),
        (SlipKind.Asked, AskedPhrase()),
        (SlipKind.DroveBy, DroveByPhrase()),
        (SlipKind.ShowedUp, ShowedUpPhrase()),
        (SlipKind.Checked, CheckedPhrase()),
        (SlipKind.Called, CalledPhrase()),
        (SlipKind.Texted, TextedPhrase()),
        (SlipKind.Slip, GenericSlipPhrase()),
    ];

    // ---- Normalisation ------------------------------------------------------------------------

    /// <summary>A reply cleaned for matching: all its words, its sentences, and its clauses (sentences split at "and", "but"...).</summary>
    internal sealed record ReplyText(string Words, IReadOnlyList<string> Sentences, IReadOnlyList<string> Clauses);

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
        var length = Math.Min(text.Length, MaxChars);
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
                // string.Normalize throws on a lone surrogate (a pair cut at MaxChars is one too) and on U+FFFE.
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
        ["paus"] = "pause", ["puase"] = "pause", ["pasue"] = "pause",
    };

    // ---- Patterns -----------------------------------------------------------------------------

    // The person, as object ("texted him"), possessor ("his instagram") and subject ("he texted me").
    private const string Him = @"(?:him|her|them|ex|(?:my|the|our) (?:ex )?(?:ex|boyfriend|bf|girlfriend|gf|husband|hubby|wife|partner|fiance|fiancee|spouse|person))";
    private const string His = @"(?:his|her|their|exs|(?:my|the|our) (?:ex )?(?:exs|boyfriends|bfs|girlfriends|gfs|husbands|wifes|partners|fiances|fiancees|spouses))";
    private const string He = @"(?:he|she|they|ex|(?:my|the|our) (?:ex )?(?:ex|boyfriend|bf|girlfriend|gf|husband|hubby|wife|partner|fiance|fiancee|spouse))";
    private const string HisAdverbs = @"(?: (?:just|finally|actually|literally|also|then|randomly|suddenly|already|again|has|had|have|is|was|keeps|kept|did|still|even|been|started|out of nowhere|will not stop|would not stop|can not stop|keeps on|has been|just now))*";

    // Words that may close a bare report: "texted", "i called again last night", "drove by oops".
    private const string Tail = @"(?: (?:again|today|yesterday|last night|tonight|this morning|this afternoon|this evening|earlier|first|lol|oops|sorry|i am sorry|ugh|anyway|anyways|smh|omg|too|already|just now|now|whoops|fml|damn|dammit|argh|sigh|oh no|haha|lmao|once|twice|a lot|drunk|late|at night|i know|again today|last week|this week))*$";
    private const string Pre = @"^(?:(?:ok|so|well|um|ugh|yeah|yes|omg|oh no|sorry|lol|damn|welp|oops|honestly|update|confession|i have to confess|i confess|guess what|i|i just|i accidentally|i finally|i also|i literally|i actually|i totally|i kinda|i stupidly|just|accidentally|and|i have|i already|i went and|i went ahead and) )*";

    private const string FillerWords = @"please|thanks|thank you|thankyou|now|hi|hey|hello|yo|um|uh|hmm|hm|so|just|lol|haha|hehe|omg|ugh|oh|well|again|i said|seriously|kindly";

    [GeneratedRegex(@"^(?:(?:" + FillerWords + @") )+|(?: (?:" + FillerWords + @"))+$", RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex Filler();

    private const string StopWord = @"stop|stop all|unsubscribe|cancel|end|quit|revoke|opt out";

    [GeneratedRegex(@"^(?:(?:" + FillerWords + @"|ok|no more) )*(?:" + StopWord + @")(?: (?:" + StopWord + "|" + FillerWords + @"|ok|now|it|all))*$", RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex StopKeyword();

    [GeneratedRegex(@"^(?:please )?(?:stop|stop all|unsubscribe|opt out)(?: (?:stop|please|now|it))*$", RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex StopSentence();

    [GeneratedRegex(
        @"^(?:(?:please|can you|could you|would you|will you|just|ok|hey|hi|seriously|kindly|i said|i asked you to|you need to|i want you to|i need you to|i would like you to|omg|ugh|oh|well|yo|now|god|for the love of god|you can|now) )*" +
        @"(?:(?:stop|quit|cease) (?:texting|txting|messaging|sending|contacting|emailing|bothering|spamming|calling|writing to|sending messages to|sending texts to|sending me)(?: (?:me|this number|messages|texts|these|stuff|things))\b" +
        @"|stop sending (?:me|these|this|messages|texts|them|stuff|anything)\b" +
        @"|(?:do not|never|please do not) (?:text|message|contact|send|email|write|call|bother) (?:me|anything|this number)\b" +
        @"|leave me alone\b" +
        @"|unsubscribe(?: me)?\b" +
        @"|(?:remove|delete) (?:me|my number|my account|my data)\b" +
        @"|take me off\b" +
        @"|stop (?:it|this|these|that|them|all|now|the (?:texts|messages))\b" +
        @"|no more (?:texts|messages|msgs)\b" +
        @"|i (?:want|would like|wish|need) to (?:unsubscribe|opt out|stop (?:getting|receiving) (?:these|this|the|your|messages|texts))\b" +
        @"|cancel (?:my )?(?:subscription|this|it|messages|texts|everything)\b" +
        @"|opt (?:me )?out\b)",
        RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex PlainStop();

    [GeneratedRegex(@"^(?:start|unstop|yes|y|yes please|ya|restart|resubscribe|start again|start over|start me|start please|opt in|opt me in|optin)$", RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex StartKeyword();

    [GeneratedRegex(@"^(?:join|join me|i want to join|sign me up|sign up|subscribe|subscribe me)$", RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex JoinKeyword();

    [GeneratedRegex(@"^(?:help|info|information|help me|i need help|what is this|what is this number|who is this|what is going on|how does this work|what do i do|what can i say|what can i text|commands|menu|options|what are the commands|what are the options|what|huh|help info)$", RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex HelpKeyword();

    [GeneratedRegex(@"^(?:status|stats|stat|my stats|my status|streak|my streak|what is my streak|how long is my streak|how am i doing|progress|my progress|how many days|how many days has it been|how long has it been|days|score|my score)$", RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex StatusKeyword();

    [GeneratedRegex(@"\b(?:my (?:streak|stats|status|progress)|how many days (?:has it been|have i|since|no contact|of no contact)|how long (?:has it been|have i gone|since))\b", RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex StatusPhrase();

    [GeneratedRegex(
        @"^(?:can you |could you |please |i want to |i need to |i would like to )?(?:pause|paused|pause me)(?: (?:messages|texts|it|this|them|me|for me|the messages|the texts|everything))?(?: for)?" +
        @"(?: (?<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|fourteen|fifteen|twenty|thirty)(?: (?<unit>days|day|d|weeks|week|wks|wk|w|months|month|mo))?)?(?: please| thanks| thank you)?$",
        RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex PauseKeyword();

    [GeneratedRegex(@"^(?:resume|unpause|un pause|resume me|resume messages|i am back|back|continue|keep going|restart messages)$", RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex ResumeKeyword();

    [GeneratedRegex(@"^(?:done|i am done|all done|moved on|i have moved on|i moved on|back together|we are back together|were back together|we got back together|got back together|we are together again)$", RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex DoneKeyword();

    [GeneratedRegex(@"^(?:urge|urges|an urge|urge again|having an urge|big urge|strong urge|i have an urge|i am having an urge|tempted|so tempted|struggling)$", RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex UrgeKeyword();

    private const string OkWord = @"ok|ok ok|i am fine|fine|i am ok|all good|i am good|good|i did not|did not|i have not|have not|not today|stayed strong|i stayed strong|still strong|staying strong|no contact|nc|alright|got it|i am alright|not yet|nope did not|nope i did not|i did not text him|all good here|doing ok|doing fine|i am doing ok|i am doing fine";

    [GeneratedRegex(@"^(?:" + OkWord + @")(?: (?:" + OkWord + @"|thanks|thank you))*$", RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex OkKeyword();

    [GeneratedRegex(@"^(?:ok|i am fine|i am ok|all good|stayed strong|i stayed strong|staying strong|still strong|no contact today|(?:(?:no|nope|nah) )?i (?:did not|have not|never|will not) (?:text|call|message|reply|respond|answer|check|look|drive|go|ask|contact|reach out|stalk|show up|slip))\b", RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex OkPhrase();

    [GeneratedRegex(
        @"\b(?:(?:we|i) (?:(?:are|have|just|finally|officially|actually|totally|got|re) )*(?:got|are|have gotten|gotten|getting|am getting) back together" +
        @"|were back together|we are together again|i (?:got|am getting) back with " + Him +
        @"|i (?:(?:have|finally|really|think|honestly|truly|officially|actually|completely|totally) )*moved on" +
        @"|i am (?:(?:so|finally|totally|completely|officially|really) )*over " + Him + @"$)\b",
        RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex DonePhrase();

    [GeneratedRegex(@"^(?:i )?(?:(?:still|actually|ended up|just) )?(?:did|did it|did anyway|did it anyway|still did|caved|gave in|went ahead)$", RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex ButIDid();

    [GeneratedRegex(@"\b(?:should not have|should have not|shouldve not|wish i had not|wish i did not|wish i never|why did i|regret|can not stop|could not stop|could not help|can not help|could not resist|can not resist|ended up|i did not mean to|did not mean to)\b", RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex Regret();

    [GeneratedRegex(@"\b(?:trying|try|tried|hard|hardest|struggling|fighting|so hard|working) not to\b", RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex Struggle();

    // -- Slips, most specific first (see SlipRules) --

    [GeneratedRegex(
        @"\b(?:(?:texted|text|texting|messaged|message|messaging|called|call|calling|rang|phoned|facetimed|wrote|dmed|snapped|emailed|hit) " + Him + @" back" +
        @"|(?:texted|text|messaged|wrote|called|rang|hit) back" +
        @"|(?<!(?:no|a|his|her|their|the|any) )(?:replied|responded|answered|reacted|picked up)(?: (?:to )?(?:" + Him + "|" + His + @" \w+|it|right away|immediately|straight away|back))?" +
        @"|(?:reply|replying|respond|responding|answer|answering) (?:to )?(?:" + Him + "|" + His + @" \w+|it)" +
        @")\b",
        RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex RepliedPhrase();

    private const string Relation = @"(?:(?:mutual|best|old|close|good|former) )?(?:friend|friends|mate|mates|bestie|bff|buddy|sister|sis|brother|bro|mom|mum|mother|dad|father|parents|family|cousin|roommate|flatmate|coworker|co worker|colleague|colleagues|aunt|uncle|mutuals|sibling|siblings|grandma|boss|friend group)";

    [GeneratedRegex(
        @"\b(?:(?:asked|ask|asking|texted|text|messaged|message|called|call|rang|dmed|emailed|talked to|spoke to|spoke with|talked with|chatted with|quizzed|grilled|pumped) " +
        @"(?:" + His + @" |our |a |one of (?:his|her|their|our) )" + Relation +
        @"|(?:asked|ask|asking|asked around|quizzed)(?: (?!" + Him + @"\b)\w+){0,4}? (?:about " + Him + @"|how (?:he|she|they) (?:is|was|are|were|has|have|is doing)|if (?:he|she|they)|whether (?:he|she|they)|what (?:he|she|they)|where (?:he|she|they)|who (?:he|she|they)|after " + Him + @")" +
        @"|asked about " + Him + @"|asked around" +
        @"|" + Pre + @"asked" + Tail +
        @")\b",
        RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex AskedPhrase();

    private const string Place = @"(?:place|house|home|apartment|apt|flat|work|office|job|building|street|road|dorm|gym|school|parents|parents house|moms|mums|bar|work place|workplace|store|shop|cafe|restaurant|spot|neighborhood|neighbourhood|town|block|driveway|car|window)";

    [GeneratedRegex(
        @"\b(?:(?:drove|drive|driving|driven|drives|walked|walk|walking|went|go|going|biked|cycled|rode|ran|jogged|passed|swung|cruised|circled|drove right|went right) (?:by|past|passed|pass|round|around)(?: (?:" + His + "|" + Him + @"|where (?:he|she|they)|our|the|his old|her old)\b| " + Place + @"\b)" +
        @"|passed " + His + @"(?: \w+)? " + Place +
        @"|" + Pre + @"(?:drove|drive|driving|drives) (?:by|past|passed)" + Tail +
        @")",
        RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex DroveByPhrase();

    [GeneratedRegex(
        @"\b(?:(?:showed|show|showing|shows|turned|turn|turning|popped|pop|rocked) up" +
        @"|(?:went|go|going|drove|walked|biked|headed|stopped|swung|came|flew|dropped|stopped by|popped by|popped over|went over|went round|went around) (?:to|by|over to|round to|around to|in at|at) (?:" + His + "|" + Him + @")\b" +
        @"|(?:went|walked|drove|headed) into " + His + @"\b" +
        @"|(?:tried|try|trying|attempted) to (?:bump|run) into " + Him +
        @"|(?:bumped|bump|ran|run) into " + Him + @" on purpose" +
        @"|went (?:to )?where (?:he|she|they) (?:would|will|d|usually|always|might|works|lives|goes|hangs|trains|plays|is|was|hed|shed|theyd)" +
        @"|went where (?:hed|shed|theyd)" +
        @"|went (?:\w+ ){0,6}?hoping (?:to (?:see|run into|bump into|catch) " + Him + @"|(?:he|she|they) (?:would|might|d) be there|hed be there|shed be there|theyd be there|to see (?:him|her|them))" +
        @"|(?:waited|wait|waiting|sat|hung around|lurked|parked) (?:outside|near|by|around|at|across from|across the street from) " + His +
        @"|(?:visited|went to see|go see|went and saw|met up with|meet up with|met with|hung out with|hang out with|hooked up with|hook up with|slept with|went over to) " + Him +
        @")\b",
        RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex ShowedUpPhrase();

    private const string Social = @"(?:instagram|insta|ig|facebook|fb|snap|snapchat|snaps|story|stories|post|posts|profile|page|pics|pictures|photos|photo|pic|tiktok|tiktoks|twitter|tweets|x|socials|social media|social|linkedin|status|whatsapp|last seen|location|spotify|playlist|playlists|account|feed|reels|reel|grid|highlights|online status|venmo|strava|bereal|threads|followers|following|likes|comments|new girlfriend|new boyfriend|new gf|new bf|old texts|old messages|old chats|selfie|selfies|videos|video|youtube|snap map|map)";

    [GeneratedRegex(
        @"\b(?:(?:(?:look|looked|looking|looks) (?:at|through)|(?:check|checked|checking|checks)(?: out| up on| on)?|stalk|stalked|stalking|view|viewed|viewing|watch|watched|watching|open|opened|opening|like|liked|liking|scroll|scrolled|scrolling(?: through| on)?|scrolled through|went (?:through|on|onto|to)|go (?:through|on|onto)|going (?:through|on)|search|searched|searching(?: for)?|searched for|google|googled|visit|visited|visiting|lurk|lurked|lurking|creep|creeped|creeping|saw|read|reread|re read|zoomed in on|screenshotted|commented on|comment on|replayed|rewatched|saved)" +
        @" (?:(?:all|every|each) (?:of )?)?(?:" + His + @"|our)(?: \w+){0,2}? " + Social +
        @"|(?:googled|stalked|stalk|stalking|google|searched|looked up|creeped on|lurked on|checked up on|checked on) " + Him +
        @"|(?:looked|look) " + Him + @" up" +
        @"|(?:check|checked|checking) (?:if|whether|to see if|to see whether) (?:he|she|they) (?:was|is|were|are|had|has|read|saw|seen|viewed|watched|posted|online|active|dating|single|with|looked|opened)" +
        @"|(?:looked|look|looking) at (?:old )?(?:photos|pictures|pics|videos) of (?:" + Him + @"|us)" +
        @"|" + Pre + @"(?:checked|stalked|checked up on|lurked|looked)" + Tail +
        @")\b",
        RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex CheckedPhrase();

    [GeneratedRegex(
        @"\b(?:(?:called|calling|call|calls|rang|ring|rung|phoned|phone|phoning|facetimed|facetime|facetiming|face timed|video called|videocalled|dialed|dialled|dial|voice called|butt dialed|pocket dialed|drunk dialed|drunk called) " + Him +
        @"|(?:called|rang|dialed|dialled|phoned|call|dial) " + His + @" (?:number|phone|cell|mobile|line)" +
        @"|left " + Him + @" a (?:voicemail|voice mail|voice message|voice note|vm)" +
        @"|" + Pre + @"(?:called|rang|phoned|facetimed|dialed|dialled|drunk dialed|butt dialed)" + Tail +
        @")\b",
        RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex CalledPhrase();

    [GeneratedRegex(
        @"\b(?:(?:texted|texting|text|texts|messaged|messaging|message|dmed|dm|whatsapped|snapped|snapchatted|emailed|email|wrote to|write to|writing to|reached out to|reach out to|reaching out to|contacted|contact|contacting|wrote|sent|send|sending|tagged|tweeted at|mailed) " + Him + @"(?! back)" +
        @"|(?:sent|send|sending) (?:\w+ ){0,3}?to " + Him +
        @"|" + Pre + @"(?:texted|messaged|dmed|sent (?:a|him a|her a|them a) (?:text|message|msg|dm|snap)|sent a text|sent a message|reached out|contacted|broke down and texted)" + Tail +
        @")\b",
        RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex TextedPhrase();

    [GeneratedRegex(
        @"\b(?:(?:slipped|slip|slipping)(?: up)?(?! on)|messed up|screwed up|fucked up|effed up|f ed up|caved|caving|relapsed|relapse|relapsing|failed again|gave in|give in|gave into|fell off the wagon" +
        @"|broke (?:no contact|nc|my streak|the streak|my no contact|my promise|my rule)|unblocked " + Him + @"|unblock " + Him + @"|asked " + Him + @")\b" +
        @"|^(?:i )?failed$",
        RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex GenericSlipPhrase();

    // -- His contact --

    [GeneratedRegex(
        @"\b(?:" + He + HisAdverbs +
        @" (?:(?<call>called|calls|calling|call|rang|rings|ringing|phoned|phones|phoning|facetimed|facetime|facetiming|face timed|video called|left (?:me )?a (?:voicemail|voice mail|voice message)|tried to call|tried calling)" +
        @"|texted|text|texts|texting|messaged|message|messages|messaging|dmed|dm|dms|snapped|snapchatted|whatsapped|emailed|wrote|wrote to|reached out|reaching out|reaches out|contacted|contacts|sent|sends|sending|replied|responded|answered|wrote back|texted back|slid into my dms|liked my|commented on my|followed me|added me|requested)" +
        @"(?! (?:him|her|them|his|their)\b)" +
        @"|(?:got|get|getting|received|had|have|saw|see|woke up to) (?:a |an |another |two |three |some |\w+ )?(?:(?<call>call|calls|missed call|missed calls|voicemail|voice mail|voice message|facetime|video call|phone call)|text|texts|message|messages|msg|dm|dms|snap|snaps|email|letter|like|follow request|request) from " + Him +
        @"|(?:heard|hear) from " + Him +
        @"|(?<call>missed (?:a )?call) from " + Him +
        @")\b",
        RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex HeReachedOutPhrase();

    // -- Urges --

    [GeneratedRegex(
        @"\b(?:(?:want|wanted|wanting|wants|need|needed|tempted|tempting|urge|urges|itching|dying|desperate|craving|close|almost|nearly|about|going|thinking about|thought about|considering|planning|feel like|feeling like|wish i could|so close|how do i stop|keep myself from|stop myself from)" +
        @"(?: \w+){0,2}? (?:to )?(?:text|texting|call|calling|message|messaging|see|seeing|reach out|reaching out|contact|contacting|talk to|talking to|speak to|hear from|hear (?:his|her|their) voice|drive by|driving by|drive past|check|checking|look at|looking at|stalk|stalking|reply|replying|answer|answering|respond|responding|facetime|snap|dm|write to|go to (?:his|her|their)|go see|unblock|unblocking|get back together|get " + Him + @" back|be with " + Him + @"|beg|show up|run into|bump into)" +
        @"|(?<!no )(?<!not any )(?<!zero )(?:urge|urges|temptation|tempted|craving)" +
        @"|(?:i )?(?:miss|missing|missed) " + Him +
        @"|(?:want|wanted|need) " + Him + @" back" +
        @"|(?:wish|wished|hope|hoping|pray|praying|want|wanted)(?: \w+){0,3}? back together" +
        @")\b",
        RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex UrgePhrase();

    // -- Time zones --

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_+\-]{0,40}(?:/[A-Za-z0-9_+\-]{1,40}){0,2}$", RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex ZoneId();
}
