using System.Text.RegularExpressions;

namespace Encourage.Replies;

/// <summary>Free-text reading: slips, the partner reaching out, urges, status and progress in ordinary words.</summary>
internal static partial class FreeTextReader
{
    internal delegate ParsedReply ReplyFactory(Intent intent, SlipKind? slip = null, ContactKind? contact = null, int? pauseDays = null, string? zone = null);

    /// <summary>Reads a text that is not a keyword: what the subscriber did outranks what the partner did, which outranks what she wants to do.</summary>
    internal static ParsedReply Read(ReplyText text, ReplyFactory reply)
    {
        // Getting back together or moving on ends the programme; that outranks any slip in the same text.
        foreach (var clause in text.Clauses)
        {
            foreach (Match m in DonePhrase().Matches(clause))
            {
                if (ClauseMood.MoodBefore(clause, m.Index) == ClauseMood.Mood.Did)
                {
                    return reply(Intent.Done);
                }
            }
        }

        SlipKind? generic = null, undone = null;
        var did = new List<SlipKind>();
        var wanted = false;
        foreach (var clause in text.Clauses)
        {
            if (ButIDid().IsMatch(clause) && undone is { } earlier)
            {
                // "I didn't want to text him but I did": the earlier action happened after all.
                if (earlier == SlipKind.Slip) generic ??= earlier;
                else if (!did.Contains(earlier)) did.Add(earlier);
                continue;
            }

            // One act per clause, the most specific reading; every clause that reports an act counts.
            SlipKind? inClause = null;
            foreach (var (kind, pattern) in SlipPhrases.Rules)
            {
                foreach (Match m in pattern.Matches(clause))
                {
                    if (ClauseMood.IsSomeoneElse(clause, m.Index))
                    {
                        continue;
                    }

                    switch (ClauseMood.MoodBefore(clause, m.Index))
                    {
                        case ClauseMood.Mood.Did when kind == SlipKind.Slip:
                            generic ??= kind;
                            break;
                        case ClauseMood.Mood.Did:
                            inClause ??= kind;
                            break;
                        case ClauseMood.Mood.Wanted:
                            wanted = true;
                            undone ??= kind;
                            break;
                        default:
                            undone ??= kind;
                            break;
                    }
                }
            }

            if (inClause is { } act && !did.Contains(act))
            {
                did.Add(act);
            }
        }

        if (did.Count == 0 && generic is { } g)
        {
            did.Add(g);
        }

        if (MaybeDonePhrase().IsMatch(text.Words))
        {
            // Despair or an ending: a check-in first, whatever else the text says; its slips are still logged.
            return reply(Intent.MaybeDone) with { Slips = did };
        }

        if (did.Count > 0)
        {
            return reply(Intent.Slip, did[0]) with { Slips = did };
        }

        foreach (var clause in text.Clauses)
        {
            if (HeReachedOutPhrase().Match(clause) is { Success: true } contact && ClauseMood.MoodBefore(clause, contact.Index) == ClauseMood.Mood.Did)
            {
                return reply(Intent.HeReachedOut, contact: contact.Groups["call"].Success ? ContactKind.HeCalled : ContactKind.HeTexted);
            }
        }

        var urgeDenied = false;
        foreach (var clause in text.Clauses)
        {
            foreach (Match m in UrgePhrase().Matches(clause))
            {
                if (ClauseMood.MoodBefore(clause, m.Index) == ClauseMood.Mood.Didnt)
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

        if (ProgressPhrase().Match(text.Words) is { Success: true } progress)
        {
            return reply(Intent.Progress) with { Progress = progress.Groups["feel"].Success ? ProgressKind.Stronger : ProgressKind.Milestone };
        }

        if (undone is not null || urgeDenied)
        {
            return reply(Intent.Progress) with
            {
                Progress = undone switch { SlipKind.Texted or SlipKind.Replied => ProgressKind.NotTexted, SlipKind.Called => ProgressKind.NotCalled, _ => ProgressKind.HeldBack },
            };
        }

        if (OkPhrase().Match(text.Words) is { Success: true } ok)
        {
            return ok.Value is "ok" or "i am fine" or "i am ok" or "all good" ? reply(Intent.Ok) : reply(Intent.Progress) with { Progress = ProgressKind.HeldBack };
        }

        return reply(Intent.Unknown);
    }

    [GeneratedRegex(@"\b(?:my (?:streak|stats|status|progress)|how many days (?:has it been|have i|since|no contact|of no contact)|how long (?:has it been|have i gone|since))\b", KeywordParser.Linear, KeywordParser.LinearTimeoutMs)]
    private static partial Regex StatusPhrase();

    [GeneratedRegex(@"^(?:ok|i am fine|i am ok|all good|stayed strong|i stayed strong|staying strong|still strong|no contact today|(?:(?:no|nope|nah) )?i (?:did not|have not|never|will not) (?:text|call|message|reply|respond|answer|check|look|drive|go|ask|contact|reach out|stalk|show up|slip))\b", KeywordParser.Linear, KeywordParser.LinearTimeoutMs)]
    private static partial Regex OkPhrase();

    [GeneratedRegex(
        @"\b(?:(?:we|i) (?:(?:are|have|just|finally|officially|actually|totally|got|re) )*(?:got|are|have gotten|gotten|getting|am getting) back together" +
        @"|were back together|we are together again|i (?:got|am getting) back with " + PartnerWords.Object +
        @"|i (?:(?:have|finally|really|think|honestly|truly|officially|actually|completely|totally) )*moved on" +
        @"|i am (?:(?:so|finally|totally|completely|officially|really) )*over " + PartnerWords.Object + @"$)\b",
        KeywordParser.Linear, KeywordParser.LinearTimeoutMs)]
    private static partial Regex DonePhrase();

    [GeneratedRegex(@"^(?:i )?(?:(?:still|actually|ended up|just) )?(?:did|did it|did anyway|did it anyway|still did|caved|gave in|went ahead)$", KeywordParser.Linear, KeywordParser.LinearTimeoutMs)]
    private static partial Regex ButIDid();

    // -- The partner reached out --

    [GeneratedRegex(
        @"\b(?:" + PartnerWords.Subject + PartnerWords.SubjectAdverbs +
        @" (?:(?<call>called|calls|calling|call|rang|rings|ringing|phoned|phones|phoning|facetimed|facetime|facetiming|face timed|video called|left (?:me )?a (?:voicemail|voice mail|voice message)|tried to call|tried calling)" +
        @"|texted|text|texts|texting|messaged|message|messages|messaging|dmed|dm|dms|snapped|snapchatted|whatsapped|emailed|wrote|wrote to|reached out|reaching out|reaches out|contacted|contacts|sent|sends|sending|replied|responded|answered|wrote back|texted back|slid into my dms|hit me up|hmu|liked my|commented on my|followed me|added me|requested)" +
        @"(?! (?:him|her|them|his|their)\b)" +
        @"|(?:got|get|getting|received|had|have|saw|see|woke up to) (?:a |an |another |two |three |some |\w+ )?(?:(?<call>call|calls|missed call|missed calls|voicemail|voice mail|voice message|facetime|video call|phone call)|text|texts|message|messages|msg|dm|dms|snap|snaps|email|letter|like|follow request|request) from " + PartnerWords.Object +
        @"|(?:heard|hear) from " + PartnerWords.Object +
        @"|(?<call>missed (?:a )?call) from " + PartnerWords.Object +
        @")\b",
        RegexOptions.CultureInvariant, KeywordParser.RegexTimeoutMs)]
    private static partial Regex HeReachedOutPhrase();

    // -- Urges --

    [GeneratedRegex(
        @"\b(?:(?:want|wanted|wanting|wants|need|needed|tempted|tempting|urge|urges|itching|dying|desperate|craving|close|almost|nearly|about|going|thinking about|thought about|considering|planning|feel like|feeling like|wish i could|so close|how do i stop|keep myself from|stop myself from)" +
        @"(?: \w+){0,2}? (?:to )?(?:text|texting|call|calling|message|messaging|see|seeing|reach out|reaching out|contact|contacting|talk to|talking to|speak to|hear from|hear (?:his|her|their) voice|drive by|driving by|drive past|check|checking|look at|looking at|stalk|stalking|reply|replying|answer|answering|respond|responding|facetime|snap|dm|write to|go to (?:his|her|their)|go see|unblock|unblocking|get back together|get " + PartnerWords.Object + @" back|be with " + PartnerWords.Object + @"|beg|show up|run into|bump into)" +
        @"|(?<!no )(?<!not any )(?<!zero )(?:urge|urges|temptation|tempted|craving)" +
        @"|(?:i )?(?:miss|missing|missed) " + PartnerWords.Object +
        @"|(?:want|wanted|need) " + PartnerWords.Object + @" back" +
        @"|(?:wish|wished|hope|hoping|pray|praying|want|wanted)(?: \w+){0,3}? back together" +
        @")\b",
        RegexOptions.CultureInvariant, KeywordParser.RegexTimeoutMs)]
    private static partial Regex UrgePhrase();

    // Good news in plain words: a milestone ("made it a whole week", "two weeks no contact") or a feeling ("feeling stronger").
    [GeneratedRegex(
        @"\b(?:(?:made it|got through|survived|lasted|managed) (?:a|one|two|three|four|five|six|\d+) (?:whole |full |entire )?(?:day|days|week|weeks|month|months)" +
        @"|(?:a|one|two|three|four|five|six|\d+) (?:whole |full )?(?:day|days|week|weeks|month|months) (?:of )?(?:no contact|nc|without (?:texting|calling|contacting|talking to|reaching out))" +
        @"|(?<feel>(?:i am |i m |im )?(?:feeling|feel|felt) (?:so |a lot |much |really |a bit |a little )?(?:stronger|better|lighter|proud|freer|more like myself|good today|great today|hopeful)))\b",
        KeywordParser.Linear, KeywordParser.LinearTimeoutMs)]
    private static partial Regex ProgressPhrase();

    [GeneratedRegex(@"\b(?:i (?:just |really )?give up(?: on (?:this|it|everything))?|i can not (?:do this|do it|go on|keep going)(?: (?:any more|anymore|no more))|i am (?:so )?done with (?:everything|it all|all of this))\b", KeywordParser.Linear, KeywordParser.LinearTimeoutMs)]
    private static partial Regex MaybeDonePhrase();
}
