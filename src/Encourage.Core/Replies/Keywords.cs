using System.Globalization;
using System.Text.RegularExpressions;

namespace Encourage.Replies;

/// <summary>Whole-message keywords (STOP, START, HELP, PAUSE 3...) and the plain-words opt-outs, over normalised text.</summary>
internal static partial class Keywords
{
    /// <summary>The words without the politeness and filler around them ("hi, STOP please" reads "stop").</summary>
    internal static string WithoutFiller(string words)
    {
        var core = Filler().Replace(words, "").Trim();
        return core.Length == 0 ? words : core;
    }

    /// <summary>The intent of a message that is only a keyword (after filler words are taken off), or null.</summary>
    internal static ParsedReply? WholeMessage(string core)
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

        if (MaybeDoneKeyword().IsMatch(core))
        {
            return new ParsedReply(Intent.MaybeDone);
        }

        if (PrivateKeyword().IsMatch(core))
        {
            return new ParsedReply(Intent.Private);
        }

        if (UrgeKeyword().IsMatch(core))
        {
            return new ParsedReply(Intent.Urge);
        }

        if (OkKeyword().IsMatch(core))
        {
            // "ok" answers; "i did not", "stayed strong", "no contact" are good news worth hearing.
            return HeldBackWords().IsMatch(core)
                ? new ParsedReply(Intent.Progress) { Progress = core.Contains("text", StringComparison.Ordinal) ? ProgressKind.NotTexted : ProgressKind.HeldBack }
                : new ParsedReply(Intent.Ok);
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
        var days = value > KeywordParser.MaxPauseDays ? value : value * multiplier;
        return (int)Math.Clamp(days, 1, KeywordParser.MaxPauseDays);
    }

    /// <summary>Whether the text says this is the wrong number ("wrong number", "I never signed up for this").</summary>
    internal static bool IsWrongNumber(ReplyText text) => WrongNumber().IsMatch(text.Words);

    /// <summary>Whether the text asks to stop: as a keyword, a sentence of its own, or in plain words.</summary>
    internal static bool IsStop(ReplyText text)
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

    private const string FillerWords = @"please|thanks|thank you|thankyou|now|hi|hey|hello|yo|um|uh|hmm|hm|so|just|lol|haha|hehe|omg|ugh|oh|well|again|i said|seriously|kindly";

    [GeneratedRegex(@"^(?:(?:" + FillerWords + @") )+|(?: (?:" + FillerWords + @"))+$", KeywordParser.Linear, KeywordParser.LinearTimeoutMs)]
    private static partial Regex Filler();

    private const string StopWord = @"stop|stop all|unsubscribe|cancel|end|quit|revoke|opt out";

    [GeneratedRegex(@"^(?:(?:" + FillerWords + @"|ok|no more) )*(?:" + StopWord + @")(?: (?:" + StopWord + "|" + FillerWords + @"|ok|now|it|all))*$", KeywordParser.Linear, KeywordParser.LinearTimeoutMs)]
    private static partial Regex StopKeyword();

    [GeneratedRegex(@"^(?:please )?(?:stop|stop all|unsubscribe|opt out)(?: (?:stop|please|now|it))*$", KeywordParser.Linear, KeywordParser.LinearTimeoutMs)]
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
        KeywordParser.Linear, KeywordParser.LinearTimeoutMs)]
    private static partial Regex PlainStop();

    [GeneratedRegex(@"^(?:start|unstop|yes|y|yes please|ya|restart|resubscribe|start again|start over|start me|start please|opt in|opt me in|optin)$", KeywordParser.Linear, KeywordParser.LinearTimeoutMs)]
    private static partial Regex StartKeyword();

    [GeneratedRegex(@"^(?:join|join me|i want to join|sign me up|sign up|subscribe|subscribe me)$", KeywordParser.Linear, KeywordParser.LinearTimeoutMs)]
    private static partial Regex JoinKeyword();

    [GeneratedRegex(@"^(?:help|info|information|help me|i need help|what is this|what is this number|who is this|what is going on|how does this work|what do i do|what can i say|what can i text|commands|menu|options|what are the commands|what are the options|what|huh|help info)$", KeywordParser.Linear, KeywordParser.LinearTimeoutMs)]
    private static partial Regex HelpKeyword();

    [GeneratedRegex(@"^(?:status|stats|stat|my stats|my status|streak|my streak|what is my streak|how long is my streak|how am i doing|progress|my progress|how many days|how many days has it been|how long has it been|days|score|my score)$", KeywordParser.Linear, KeywordParser.LinearTimeoutMs)]
    private static partial Regex StatusKeyword();

    [GeneratedRegex(
        @"^(?:can you |could you |please |i want to |i need to |i would like to )?(?:pause|paused|pause me)(?: (?:messages|texts|it|this|them|me|for me|the messages|the texts|everything))?(?: for)?" +
        @"(?: (?<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|fourteen|fifteen|twenty|thirty)(?: (?<unit>days|day|d|weeks|week|wks|wk|w|months|month|mo))?)?(?: please| thanks| thank you)?$",
        KeywordParser.Linear, KeywordParser.LinearTimeoutMs)]
    private static partial Regex PauseKeyword();

    [GeneratedRegex(@"^(?:resume|unpause|un pause|resume me|resume messages|i am back|back|continue|keep going|restart messages)$", KeywordParser.Linear, KeywordParser.LinearTimeoutMs)]
    private static partial Regex ResumeKeyword();

    [GeneratedRegex(@"^(?:done|finish|finished|all done|moved on|i have moved on|i moved on|back together|we are back together|were back together|we got back together|got back together|we are together again)$", KeywordParser.Linear, KeywordParser.LinearTimeoutMs)]
    private static partial Regex DoneKeyword();

    [GeneratedRegex(@"^(?:urge|urges|an urge|urge again|having an urge|big urge|strong urge|i have an urge|i am having an urge|tempted|so tempted|struggling)$", KeywordParser.Linear, KeywordParser.LinearTimeoutMs)]
    private static partial Regex UrgeKeyword();

    private const string OkWord = @"ok|ok ok|i am fine|fine|i am ok|all good|i am good|good|i did not|did not|i have not|have not|not today|stayed strong|i stayed strong|still strong|staying strong|no contact|nc|alright|got it|i am alright|not yet|nope did not|nope i did not|i did not text him|all good here|doing ok|doing fine|i am doing ok|i am doing fine";

    [GeneratedRegex(@"^(?:" + OkWord + @")(?: (?:" + OkWord + @"|thanks|thank you))*$", KeywordParser.Linear, KeywordParser.LinearTimeoutMs)]
    private static partial Regex OkKeyword();

    [GeneratedRegex(@"\b(?:did|have|had|stayed|staying|still|not|nc|no contact|strong)\b", KeywordParser.Linear, KeywordParser.LinearTimeoutMs)]
    private static partial Regex HeldBackWords();

    // An ending that may be despair: answered with a check-in and the crisis line, and graduation only on DONE.
    [GeneratedRegex(
        @"^(?:i am|i m) (?:so |just |really |completely )?(?:done|finished|over it)(?: with (?:this|it|everything|all of this|all this|it all))?$" +
        @"|^i (?:just |really )?give up(?: on (?:this|it|everything))?$" +
        @"|^i can not (?:do this|do it|go on|keep going|take it|take this)(?: (?:any more|anymore|no more))?$",
        KeywordParser.Linear, KeywordParser.LinearTimeoutMs)]
    private static partial Regex MaybeDoneKeyword();

    [GeneratedRegex(@"^(?:private|safety|safe|safe mode|safety mode|private mode|privacy mode)$", KeywordParser.Linear, KeywordParser.LinearTimeoutMs)]
    private static partial Regex PrivateKeyword();

    [GeneratedRegex(
        @"\b(?:wrong (?:number|person|phone|no)|(?:you have|you got|you ve got|texting) the wrong (?:number|person)|(?:this is )?not my number" +
        @"|(?:i )?(?:never|did not|do not remember) sign(?:ed)? up(?: for (?:this|these|that|anything)\b|$)|i do not know (?:who you are|what this is)|who is this (?:i never|i did not))\b",
        KeywordParser.Linear, KeywordParser.LinearTimeoutMs)]
    private static partial Regex WrongNumber();
}
