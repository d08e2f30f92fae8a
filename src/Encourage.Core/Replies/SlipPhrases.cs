using System.Text.RegularExpressions;

namespace Encourage.Replies;

/// <summary>What a subscriber may report having done, one pattern per <see cref="SlipKind"/>, over normalised clauses.</summary>
internal static partial class SlipPhrases
{
    // Checked in this order within a clause: the more specific reading first, so "texted him back" is a
    // reply and not a text, "texted his sister" is asking about him, "drove past" is not showing up.
    internal static readonly (SlipKind Kind, Regex Pattern)[] Rules =
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

    // Pre and Tail run in the backtracking patterns too: no entry may be a sequence of other entries ("i just" is
    // "i" then "just"), or a run of them has exponentially many readings.
    private const string Tail = @"(?: (?:again|today|yesterday|last night|tonight|this morning|this afternoon|this evening|earlier|first|lol|oops|sorry|i am sorry|ugh|anyway|anyways|smh|omg|too|already|just now|now|whoops|fml|damn|dammit|argh|sigh|oh no|haha|lmao|once|twice|a lot|drunk|late|at night|i know|last week|this week))*$";
    private const string Pre = @"^(?:(?:ok|so|well|um|ugh|yeah|yes|omg|oh no|sorry|lol|damn|welp|oops|honestly|update|confession|i have to confess|i confess|guess what|also|i|i finally|i literally|i actually|i totally|i kinda|i stupidly|just|accidentally|and|i have|i already|i went and|i went ahead and) )*";

    [GeneratedRegex(
        @"\b(?:(?:texted|text|texting|messaged|message|messaging|called|call|calling|rang|phoned|facetimed|wrote|dmed|snapped|emailed|hit) " + PartnerWords.Object + @" back" +
        @"|(?:texted|text|messaged|wrote|called|rang|hit) back" +
        @"|(?<!(?:no|a|his|her|their|the|any) )(?:replied|responded|answered|reacted|picked up)(?: (?:to )?(?:" + PartnerWords.Object + "|" + PartnerWords.Possessive + @" \w+|it|right away|immediately|straight away|back))?" +
        @"|(?:reply|replying|respond|responding|answer|answering) (?:to )?(?:" + PartnerWords.Object + "|" + PartnerWords.Possessive + @" \w+|it)" +
        @")\b",
        RegexOptions.CultureInvariant, KeywordParser.RegexTimeoutMs)]
    private static partial Regex RepliedPhrase();

    private const string Relation = @"(?:(?:mutual|best|old|close|good|former) )?(?:friend|friends|mate|mates|bestie|bff|buddy|sister|sis|brother|bro|mom|mum|mother|dad|father|parents|family|cousin|roommate|flatmate|coworker|co worker|colleague|colleagues|aunt|uncle|mutuals|sibling|siblings|grandma|boss|friend group)";

    [GeneratedRegex(
        @"\b(?:(?:asked|ask|asking|texted|text|messaged|message|called|call|rang|dmed|emailed|talked to|spoke to|spoke with|talked with|chatted with|quizzed|grilled|pumped) " +
        @"(?:" + PartnerWords.Possessive + @" |our |a |one of (?:his|her|their|our) )" + Relation +
        @"|(?:asked|ask|asking|asked around|quizzed)(?: (?!" + PartnerWords.Object + @"\b)\w+){0,4}? (?:about " + PartnerWords.Object + @"|how (?:he|she|they) (?:is|was|are|were|has|have|is doing)|if (?:he|she|they)|whether (?:he|she|they)|what (?:he|she|they)|where (?:he|she|they)|who (?:he|she|they)|after " + PartnerWords.Object + @")" +
        @"|asked about " + PartnerWords.Object + @"|asked around" +
        @"|" + Pre + @"asked" + Tail +
        @")\b",
        RegexOptions.CultureInvariant, KeywordParser.RegexTimeoutMs)]
    private static partial Regex AskedPhrase();

    private const string Place = @"(?:place|house|home|apartment|apt|flat|work|office|job|building|street|road|dorm|gym|school|parents|parents house|moms|mums|bar|work place|workplace|store|shop|cafe|restaurant|spot|neighborhood|neighbourhood|town|block|driveway|car|window)";

    [GeneratedRegex(
        @"\b(?:(?:drove|drive|driving|driven|drives|walked|walk|walking|went|go|going|biked|cycled|rode|ran|jogged|passed|swung|cruised|circled|drove right|went right) (?:by|past|passed|pass|round|around)(?: (?:" + PartnerWords.Possessive + "|" + PartnerWords.Object + @"|where (?:he|she|they)|our|the|his old|her old)\b| " + Place + @"\b)" +
        @"|passed " + PartnerWords.Possessive + @"(?: \w+)? " + Place +
        @"|" + Pre + @"(?:drove|drive|driving|drives) (?:by|past|passed)" + Tail +
        @")",
        KeywordParser.Linear, KeywordParser.LinearTimeoutMs)]
    private static partial Regex DroveByPhrase();

    [GeneratedRegex(
        @"\b(?:(?:showed|show|showing|shows|turned|turn|turning|popped|pop|rocked) up" +
        @"|(?:went|go|going|drove|walked|biked|headed|stopped|swung|came|flew|dropped|stopped by|popped by|popped over|went over|went round|went around) (?:to|by|over to|round to|around to|in at|at) (?:" + PartnerWords.Possessive + "|" + PartnerWords.Object + @")\b" +
        @"|(?:went|walked|drove|headed) into " + PartnerWords.Possessive + @"\b" +
        @"|(?:tried|try|trying|attempted) to (?:bump|run) into " + PartnerWords.Object +
        @"|(?:bumped|bump|ran|run) into " + PartnerWords.Object + @" on purpose" +
        @"|went (?:to )?where (?:he|she|they) (?:would|will|d|usually|always|might|works|lives|goes|hangs|trains|plays|is|was|hed|shed|theyd)" +
        @"|went where (?:hed|shed|theyd)" +
        @"|went (?:\w+ ){0,6}?hoping (?:to (?:see|run into|bump into|catch) " + PartnerWords.Object + @"|(?:he|she|they) (?:would|might|d) be there|hed be there|shed be there|theyd be there|to see (?:him|her|them))" +
        @"|(?:waited|wait|waiting|sat|hung around|lurked|parked) (?:outside|near|by|around|at|across from|across the street from) " + PartnerWords.Possessive +
        @"|(?:visited|went to see|go see|went and saw|met up with|meet up with|met with|hung out with|hang out with|hooked up with|hook up with|slept with|went over to) " + PartnerWords.Object +
        @")\b",
        KeywordParser.Linear, KeywordParser.LinearTimeoutMs)]
    private static partial Regex ShowedUpPhrase();

    private const string Social = @"(?:instagram|insta|ig|facebook|fb|snap|snapchat|snaps|story|stories|post|posts|profile|page|pics|pictures|photos|photo|pic|tiktok|tiktoks|twitter|tweets|x|socials|social media|social|linkedin|status|whatsapp|last seen|location|spotify|playlist|playlists|account|feed|reels|reel|grid|highlights|online status|venmo|strava|bereal|threads|followers|following|likes|comments|new girlfriend|new boyfriend|new gf|new bf|old texts|old messages|old chats|selfie|selfies|videos|video|youtube|snap map|map)";

    [GeneratedRegex(
        @"\b(?:(?:(?:look|looked|looking|looks) (?:at|through)|(?:check|checked|checking|checks)(?: out| up on| on)?|stalk|stalked|stalking|view|viewed|viewing|watch|watched|watching|open|opened|opening|like|liked|liking|scroll|scrolled|scrolling(?: through| on)?|scrolled through|went (?:through|on|onto|to)|go (?:through|on|onto)|going (?:through|on)|search|searched|searching(?: for)?|searched for|google|googled|visit|visited|visiting|lurk|lurked|lurking|creep|creeped|creeping|saw|read|reread|re read|zoomed in on|screenshotted|commented on|comment on|replayed|rewatched|saved)" +
        @" (?:(?:all|every|each) (?:of )?)?(?:" + PartnerWords.Possessive + @"|our)(?: \w+){0,2}? " + Social +
        @"|(?:googled|stalked|stalk|stalking|google|searched|looked up|creeped on|lurked on|checked up on|checked on) " + PartnerWords.Object +
        @"|(?:looked|look) " + PartnerWords.Object + @" up" +
        @"|(?:check|checked|checking) (?:if|whether|to see if|to see whether) (?:he|she|they) (?:was|is|were|are|had|has|read|saw|seen|viewed|watched|posted|online|active|dating|single|with|looked|opened)" +
        @"|(?:looked|look|looking) at (?:old )?(?:photos|pictures|pics|videos) of (?:" + PartnerWords.Object + @"|us)" +
        @"|" + Pre + @"(?:checked|stalked|checked up on|lurked|looked)" + Tail +
        @")\b",
        KeywordParser.Linear, KeywordParser.LinearTimeoutMs)]
    private static partial Regex CheckedPhrase();

    [GeneratedRegex(
        @"\b(?:(?:called|calling|call|calls|rang|ring|rung|phoned|phone|phoning|facetimed|facetime|facetiming|face timed|video called|videocalled|dialed|dialled|dial|voice called|butt dialed|pocket dialed|drunk dialed|drunk called) " + PartnerWords.Object +
        @"|(?:called|rang|dialed|dialled|phoned|call|dial) " + PartnerWords.Possessive + @" (?:number|phone|cell|mobile|line)" +
        @"|left " + PartnerWords.Object + @" a (?:voicemail|voice mail|voice message|voice note|vm)" +
        @"|" + Pre + @"(?:called|rang|phoned|facetimed|dialed|dialled|drunk dialed|butt dialed)" + Tail +
        @")\b",
        KeywordParser.Linear, KeywordParser.LinearTimeoutMs)]
    private static partial Regex CalledPhrase();

    [GeneratedRegex(
        @"\b(?:(?:texted|texting|text|texts|messaged|messaging|message|dmed|dm|whatsapped|snapped|snapchatted|emailed|email|wrote to|write to|writing to|reached out to|reach out to|reaching out to|contacted|contact|contacting|wrote|sent|send|sending|tagged|tweeted at|mailed) " + PartnerWords.Object + @"(?! back)" +
        @"|(?:sent|send|sending) (?:\w+ ){0,3}?to " + PartnerWords.Object +
        @"|" + Pre + @"(?:texted|messaged|dmed|sent (?:a|him a|her a|them a) (?:text|message|msg|dm|snap)|sent a text|sent a message|reached out|contacted|broke down and texted)" + Tail +
        @")\b",
        RegexOptions.CultureInvariant, KeywordParser.RegexTimeoutMs)]
    private static partial Regex TextedPhrase();

    [GeneratedRegex(
        @"\b(?:(?:slipped|slip|slipping)(?: up)?(?! on)|messed up|screwed up|fucked up|effed up|f ed up|caved|caving|relapsed|relapse|relapsing|failed again|gave in|give in|gave into|fell off the wagon" +
        @"|broke (?:no contact|nc|my streak|the streak|my no contact|my promise|my rule)|unblocked " + PartnerWords.Object + @"|unblock " + PartnerWords.Object + @"|asked " + PartnerWords.Object + @")\b" +
        @"|^(?:i )?failed$",
        RegexOptions.CultureInvariant, KeywordParser.RegexTimeoutMs)]
    private static partial Regex GenericSlipPhrase();
}
