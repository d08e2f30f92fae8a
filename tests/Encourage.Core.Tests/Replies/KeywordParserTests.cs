using Encourage.Replies;

namespace Encourage.Core.Tests.Replies;

public sealed class KeywordParserTests
{
    public static TheoryData<string, Intent, SlipKind?, ContactKind?> Phrasings => new()
    {
        // Stop: keywords as the whole message, politeness and punctuation around them.
        { "STOP", Intent.Stop, null, null },
        { "Stop please", Intent.Stop, null, null },
        { "STOP!!", Intent.Stop, null, null },
        { "pls stop", Intent.Stop, null, null },
        { "please stop", Intent.Stop, null, null },
        { "stop 🛑", Intent.Stop, null, null },
        { "STOPALL", Intent.Stop, null, null },
        { "unsubscribe", Intent.Stop, null, null },
        { "Unsubscibe", Intent.Stop, null, null },
        { "CANCEL", Intent.Stop, null, null },
        { "end", Intent.Stop, null, null },
        { "QUIT", Intent.Stop, null, null },
        { "revoke", Intent.Stop, null, null },
        { "OPTOUT", Intent.Stop, null, null },
        { "opt out", Intent.Stop, null, null },
        { "stpo", Intent.Stop, null, null },
        { "stop texting me", Intent.Stop, null, null },
        { "Please stop texting me.", Intent.Stop, null, null },
        { "leave me alone", Intent.Stop, null, null },
        { "stop messaging me", Intent.Stop, null, null },
        { "dont text me anymore", Intent.Stop, null, null },
        { "don’t text me anymore", Intent.Stop, null, null },
        { "unsubscribe me", Intent.Stop, null, null },
        { "This isn't helping. STOP.", Intent.Stop, null, null },

        // Not Stop.
        { "I want to stop texting him", Intent.Urge, null, null },
        { "how do I stop thinking about him", Intent.Unknown, null, null },
        { "at the end of the day i know it's right", Intent.Unknown, null, null },
        { "he won't stop texting me", Intent.HeReachedOut, null, ContactKind.HeTexted },
        { "stop texting him, I tell myself", Intent.Urge, null, null },

        // Start, Join, Help, Status, Resume.
        { "START", Intent.Start, null, null },
        { "unstop", Intent.Start, null, null },
        { "YES", Intent.Start, null, null },
        { "yes please", Intent.Start, null, null },
        { "y", Intent.Start, null, null },
        { "JOIN", Intent.Join, null, null },
        { "join please", Intent.Join, null, null },
        { "HELP", Intent.Help, null, null },
        { "info", Intent.Help, null, null },
        { "?", Intent.Help, null, null },
        { "what is this", Intent.Help, null, null },
        { "What is this??", Intent.Help, null, null },
        { "STATUS", Intent.Status, null, null },
        { "stats", Intent.Status, null, null },
        { "my streak", Intent.Status, null, null },
        { "stauts", Intent.Status, null, null },
        { "what's my streak?", Intent.Status, null, null },
        { "RESUME", Intent.Resume, null, null },
        { "resume please", Intent.Resume, null, null },
        { "unpause", Intent.Resume, null, null },

        // Done: together again or moved on; wishing is not done.
        { "DONE", Intent.Done, null, null },
        { "back together", Intent.Done, null, null },
        { "we got back together", Intent.Done, null, null },
        { "We got back together!! thank you for everything", Intent.Done, null, null },
        { "moved on", Intent.Done, null, null },
        { "i've moved on", Intent.Done, null, null },
        { "MOVED ON", Intent.Done, null, null },
        { "I think I've finally moved on", Intent.Done, null, null },
        { "i haven't moved on", Intent.Unknown, null, null },
        { "i wish we were back together", Intent.Urge, null, null },
        { "he moved on so fast", Intent.Unknown, null, null },

        // Ok: the answer to a check-back; not doing it is good news (Progress).
        { "OK", Intent.Ok, null, null },
        { "okay", Intent.Ok, null, null },
        { "ok i'm fine", Intent.Ok, null, null },
        { "i didn't", Intent.Progress, null, null },
        { "I didn’t", Intent.Progress, null, null },
        { "I didn't text him", Intent.Progress, null, null },
        { "I did not call him", Intent.Progress, null, null },
        { "never texted him, stayed strong", Intent.Progress, null, null },
        { "i don't want to text him anymore", Intent.Progress, null, null },

        // Urge: wanting is not doing.
        { "URGE", Intent.Urge, null, null },
        { "I want to text him", Intent.Urge, null, null },
        { "i really want to call her", Intent.Urge, null, null },
        { "so tempted to text him", Intent.Urge, null, null },
        { "i miss him so much i want to call", Intent.Urge, null, null },
        { "i wanna text him so bad", Intent.Urge, null, null },
        { "should i text him?", Intent.Urge, null, null },
        { "I almost texted him", Intent.Urge, null, null },
        { "trying so hard not to text him", Intent.Urge, null, null },
        { "i miss her", Intent.Urge, null, null },

        // He reached out.
        { "HETEXTED", Intent.HeReachedOut, null, ContactKind.HeTexted },
        { "HECALLED", Intent.HeReachedOut, null, ContactKind.HeCalled },
        { "he texted me", Intent.HeReachedOut, null, ContactKind.HeTexted },
        { "he called me", Intent.HeReachedOut, null, ContactKind.HeCalled },
        { "she messaged me", Intent.HeReachedOut, null, ContactKind.HeTexted },
        { "they reached out", Intent.HeReachedOut, null, ContactKind.HeTexted },
        { "my ex called", Intent.HeReachedOut, null, ContactKind.HeCalled },
        { "He just texted me out of nowhere 😭", Intent.HeReachedOut, null, ContactKind.HeTexted },
        { "he rang me last night", Intent.HeReachedOut, null, ContactKind.HeCalled },
        { "she facetimed me", Intent.HeReachedOut, null, ContactKind.HeCalled },
        { "got a text from him", Intent.HeReachedOut, null, ContactKind.HeTexted },
        { "missed call from my ex", Intent.HeReachedOut, null, ContactKind.HeCalled },
        { "he's been texting me all day", Intent.HeReachedOut, null, ContactKind.HeTexted },
        { "he texted me but i didn't reply", Intent.HeReachedOut, null, ContactKind.HeTexted },

        // Texted.
        { "texted him :(", Intent.Slip, SlipKind.Texted, null },
        { "i txted him", Intent.Slip, SlipKind.Texted, null },
        { "sent him a message", Intent.Slip, SlipKind.Texted, null },
        { "messaged her", Intent.Slip, SlipKind.Texted, null },
        { "i text him again", Intent.Slip, SlipKind.Texted, null },
        { "TEXTED", Intent.Slip, SlipKind.Texted, null },
        { "i texted my ex last night", Intent.Slip, SlipKind.Texted, null },
        { "ugh I textd him", Intent.Slip, SlipKind.Texted, null },
        { "I feel so stupid, I texted him", Intent.Slip, SlipKind.Texted, null },
        { "i shouldn't have texted him", Intent.Slip, SlipKind.Texted, null },
        { "I didn't want to text him but I did", Intent.Slip, SlipKind.Texted, null },

        // Called.
        { "called him", Intent.Slip, SlipKind.Called, null },
        { "i rang him", Intent.Slip, SlipKind.Called, null },
        { "phoned her", Intent.Slip, SlipKind.Called, null },
        { "facetimed him", Intent.Slip, SlipKind.Called, null },
        { "CALLED", Intent.Slip, SlipKind.Called, null },
        { "i calld him at 2am", Intent.Slip, SlipKind.Called, null },
        { "I tried to call him", Intent.Slip, SlipKind.Called, null },
        { "i didn't text him, i called him", Intent.Slip, SlipKind.Called, null },

        // Drove by.
        { "i drove past his place last night", Intent.Slip, SlipKind.DroveBy, null },
        { "drove by his work", Intent.Slip, SlipKind.DroveBy, null },
        { "went past her house", Intent.Slip, SlipKind.DroveBy, null },
        { "DROVEBY", Intent.Slip, SlipKind.DroveBy, null },
        { "drive by", Intent.Slip, SlipKind.DroveBy, null },
        { "I drove by again", Intent.Slip, SlipKind.DroveBy, null },
        { "walked past his building on purpose", Intent.Slip, SlipKind.DroveBy, null },

        // Checked.
        { "looked at his instagram", Intent.Slip, SlipKind.Checked, null },
        { "liked his post", Intent.Slip, SlipKind.Checked, null },
        { "opened his snap", Intent.Slip, SlipKind.Checked, null },
        { "watched his story", Intent.Slip, SlipKind.Checked, null },
        { "checked his facebook", Intent.Slip, SlipKind.Checked, null },
        { "stalked his profile", Intent.Slip, SlipKind.Checked, null },
        { "CHECKED", Intent.Slip, SlipKind.Checked, null },
        { "I googled him", Intent.Slip, SlipKind.Checked, null },

        // Asked.
        { "asked his friends about him", Intent.Slip, SlipKind.Asked, null },
        { "asked his sister how he is", Intent.Slip, SlipKind.Asked, null },
        { "ASKED", Intent.Slip, SlipKind.Asked, null },
        { "I asked our mutual friend about her", Intent.Slip, SlipKind.Asked, null },
        { "texted his mom", Intent.Slip, SlipKind.Asked, null },
        { "asked around about him", Intent.Slip, SlipKind.Asked, null },

        // Showed up.
        { "went to his gym hoping to see him", Intent.Slip, SlipKind.ShowedUp, null },
        { "showed up at his work", Intent.Slip, SlipKind.ShowedUp, null },
        { "tried to bump into him", Intent.Slip, SlipKind.ShowedUp, null },
        { "went where he'd be", Intent.Slip, SlipKind.ShowedUp, null },
        { "SHOWEDUP", Intent.Slip, SlipKind.ShowedUp, null },
        { "showed up", Intent.Slip, SlipKind.ShowedUp, null },
        { "waited outside his office", Intent.Slip, SlipKind.ShowedUp, null },

        // Replied.
        { "replied to him right away", Intent.Slip, SlipKind.Replied, null },
        { "answered his text", Intent.Slip, SlipKind.Replied, null },
        { "texted him back", Intent.Slip, SlipKind.Replied, null },
        { "REPLIED", Intent.Slip, SlipKind.Replied, null },
        { "he texted me and i replied", Intent.Slip, SlipKind.Replied, null },
        { "she called and I picked up", Intent.Slip, SlipKind.Replied, null },

        // Slip, no detail.
        { "i slipped", Intent.Slip, SlipKind.Slip, null },
        { "I messed up", Intent.Slip, SlipKind.Slip, null },
        { "SLIP", Intent.Slip, SlipKind.Slip, null },
        { "relapsed", Intent.Slip, SlipKind.Slip, null },
        { "I caved 😔", Intent.Slip, SlipKind.Slip, null },
        { "broke no contact", Intent.Slip, SlipKind.Slip, null },
        { "i slipped and texted him", Intent.Slip, SlipKind.Texted, null },

        // Unknown.
        { "", Intent.Unknown, null, null },
        { "   ", Intent.Unknown, null, null },
        { "😢😢", Intent.Unknown, null, null },
        { "他给我发短信了", Intent.Unknown, null, null },
        { "today was a really hard day", Intent.Unknown, null, null },
        { "I could kill for a coffee", Intent.Unknown, null, null },
        { "i texted my mom", Intent.Unknown, null, null },
        { "I ran into him at the store", Intent.Unknown, null, null },
        { "he texted her", Intent.Unknown, null, null },
    };

    [Theory]
    [MemberData(nameof(Phrasings))]
    public void Reads_each_phrasing(string body, Intent intent, SlipKind? slip, ContactKind? contact)
    {
        var reply = KeywordParser.Parse(body);

        Assert.Equal((intent, slip, contact), (reply.Intent, reply.Slip, reply.Contact));
    }

    [Theory]
    [InlineData("PAUSE", null)]
    [InlineData("pause please", null)]
    [InlineData("pause 10", 10)]
    [InlineData("Pause for 3 days", 3)]
    [InlineData("pause 1", 1)]
    [InlineData("pause 30", 30)]
    [InlineData("pause 31", 30)]
    [InlineData("pause 100", 30)]
    [InlineData("pause 99999999999999999999999", 30)]
    [InlineData("pause 0", 1)]
    [InlineData("pause -5", 5)]
    [InlineData("pause for a week", 7)]
    [InlineData("pause 2 weeks", 14)]
    [InlineData("pause five days", 5)]
    [InlineData("PAUSE 7!", 7)]
    public void Pause_days_are_clamped_to_the_allowed_range(string body, int? days)
    {
        var reply = KeywordParser.Parse(body);

        Assert.Equal(Intent.Pause, reply.Intent);
        Assert.Equal(days, reply.PauseDays);
        Assert.True(reply.PauseDays is null or >= 1 and <= KeywordParser.MaxPauseDays);
    }

    [Theory]
    [InlineData("America/Chicago", "America/Chicago")]
    [InlineData("europe/london", "Europe/London")]
    [InlineData("TZ Asia/Kathmandu", "Asia/Kathmandu")]
    [InlineData("time zone: america/new_york", "America/New_York")]
    [InlineData("my zone is Australia/Sydney please", "Australia/Sydney")]
    [InlineData("tz utc", "UTC")]
    [InlineData("America/Argentina/Buenos_Aires.", "America/Argentina/Buenos_Aires")]
    public void Reads_a_time_zone(string body, string zone)
    {
        var reply = KeywordParser.Parse(body);

        Assert.Equal(Intent.TimeZone, reply.Intent);
        Assert.Equal(zone, reply.TimeZoneId);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("TZ ../../etc/passwd")]
    [InlineData("utc")]
    [InlineData("tz Eastern Standard Time")]
    public void Rejects_what_is_not_a_time_zone(string body)
    {
        var reply = KeywordParser.Parse(body);

        Assert.NotEqual(Intent.TimeZone, reply.Intent);
        Assert.Null(reply.TimeZoneId);
    }

    [Fact]
    public void Safety_is_flagged_whatever_else_the_text_says()
    {
        var reply = KeywordParser.Parse("texted him and i want to die");

        Assert.Equal(Intent.Slip, reply.Intent);
        Assert.Equal(SlipKind.Texted, reply.Slip);
        Assert.True(reply.SafetyConcern);
    }

    [Theory]
    [InlineData("STOP. he hit me", Intent.Stop)]
    [InlineData("he called me and said he'd kill me", Intent.HeReachedOut)]
    [InlineData("i don't want to be here anymore", Intent.Unknown)]
    [InlineData("I want to text him. I want to die", Intent.Urge)]
    public void Safety_rides_along_with_any_intent(string body, Intent intent)
    {
        var reply = KeywordParser.Parse(body);

        Assert.Equal(intent, reply.Intent);
        Assert.True(reply.SafetyConcern);
    }

    [Fact]
    public void Ordinary_replies_carry_no_safety_concern()
    {
        Assert.False(KeywordParser.Parse("texted him :(").SafetyConcern);
        Assert.False(KeywordParser.Parse("STOP").SafetyConcern);
    }

    [Fact]
    public void A_long_body_is_read_quickly_and_still_classified()
    {
        var body = "i drove past his place last night " + new string('x', 10) + " " + string.Concat(Enumerable.Repeat("and i just feel so lost ", 70));
        Assert.True(body.Length >= 1600);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var reply = KeywordParser.Parse(body);
        watch.Stop();

        Assert.Equal(Intent.Slip, reply.Intent);
        Assert.Equal(SlipKind.DroveBy, reply.Slip);
        Assert.True(watch.ElapsedMilliseconds < 1000, $"took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Only_the_first_thousand_characters_are_read()
    {
        var reply = KeywordParser.Parse(new string(' ', KeywordParser.MaxChars) + "STOP");

        Assert.Equal(Intent.Unknown, reply.Intent);
    }

    [Theory]
    [InlineData("他给我发短信了")]
    [InlineData("😢😢")]
    [InlineData("\u200F\u202Estop\u202C")]
    [InlineData("\uD83D")]
    [InlineData("\uDE00 texted him \uD83D")]
    [InlineData("\0\u0001\u001B[31m")]
    [InlineData("ﬁ ℌ𝐞 𝐭𝐞𝐱𝐭𝐞𝐝 𝐦𝐞")]
    [InlineData("أرسل لي رسالة")]
    [InlineData("\uFDFA\uFDFA\uFDFA")]
    [InlineData("👩‍❤️‍👨 🏳️‍🌈")]
    [InlineData(null)]
    public void Odd_text_gets_a_defined_result(string? body)
    {
        var reply = KeywordParser.Parse(body);

        Assert.True(Enum.IsDefined(reply.Intent));
    }

    [Fact]
    public void Direction_marks_and_styled_letters_do_not_hide_a_keyword()
    {
        Assert.Equal(Intent.Stop, KeywordParser.Parse("\u200Fstop\u200F").Intent);
        Assert.Equal(Intent.Stop, KeywordParser.Parse("ＳＴＯＰ").Intent);
        Assert.Equal(Intent.HeReachedOut, KeywordParser.Parse("𝐡𝐞 𝐭𝐞𝐱𝐭𝐞𝐝 𝐦𝐞").Intent);
    }

    [Fact]
    public void A_lone_surrogate_inside_a_word_does_not_throw_and_the_rest_still_reads()
    {
        var reply = KeywordParser.Parse("texted him \uD800 :(");

        Assert.Equal(Intent.Slip, reply.Intent);
        Assert.Equal(SlipKind.Texted, reply.Slip);
    }

    [Theory]
    [InlineData("Didn’t text him", "did not text him")]
    [InlineData("  STOP!!!  please ", "stop please")]
    [InlineData("i'm scared", "i am scared")]
    [InlineData("pleaseeee stoppp", "please stop")]
    [InlineData("st\u00ADop", "stop")]
    [InlineData("self-harm", "self harm")]
    public void Normalises_text(string raw, string expected)
    {
        Assert.Equal(expected, KeywordParser.Normalize(raw));
        Assert.Equal(expected, KeywordParser.Normalize(expected));
    }
}
