using Encourage.Arc;
using Encourage.Replies;
using Encourage.Safety;

namespace Encourage.Core.Tests.Replies;

/// <summary>The reply rules as a table: no storage, no host; each row is a state, a text and what must follow.</summary>
public sealed class InboundDecisionTests
{
    private const string Sid = "SM00000000000000000000000000000001";
    private const string UrgeSid = "SM00000000000000000000000000000009";
    private static readonly DateTimeOffset Now = new(2027, 5, 20, 14, 0, 0, TimeSpan.Zero); // 10:00 in New York
    private static readonly ReplyBook Book = ReplyBook.LoadEmbedded().WithStandingValues(new Dictionary<string, string> { [ReplyKeys.SupportValue] = "help@encourage.example.net" });
    private static readonly Programme Programme = Programme.LoadEmbedded();
    private static readonly InboundContext Context = new(Sid, "+12125550180", Book, Programme, new CrisisHelp(CrisisResources.LoadEmbedded()), "US",
        new LocalTime(8, 0), new LocalTime(21, 0), "https://example.test/manage");

    private static Subscriber? State(string state)
    {
        if (state == "stranger") return null;
        var p = new Subscriber
        {
            Id = "s1",
            FirstName = state == "noname" ? "" : "Ana",
            Phone = "+12125550180",
            Channel = Channels.Sms,
            Pronoun = Pronoun.Her,
            TimeZone = "America/New_York",
            SendTime = "09:00",
            SmsConfirmed = true,
            NextEntry = 5,
            CreatedUtc = Now.AddDays(-6),
            ConfirmedUtc = Now.AddDays(-5),
            LastSentLocalDate = "2027-05-20",
        };
        p.Status = state switch
        {
            "pending" or "noname" => SubscriberStatus.Pending,
            "stopped" => SubscriberStatus.Unsubscribed,
            "paused" => SubscriberStatus.Paused,
            "graduated" => SubscriberStatus.Graduated,
            _ => SubscriberStatus.Active,
        };
        if (state == "stopped") p.SmsStopped = true;
        if (state == "urge") p.PendingUrgeSid = UrgeSid;
        if (state == "safe") p.SafetyMode = true;
        if (state == "fellback") p.LastFallbackReplyDate = "2027-05-20";
        return p;
    }

    private static Decision Decide(string state, string text) => InboundDecision.Decide(State(state), KeywordParser.Parse(text), Now, Context);

    // state, text, intent, lifecycle step ("" for none), reply keys (comma-separated), a check-back follows
    public static TheoryData<string, string, Intent, string, string, bool> Rows => new()
    {
        // Safety first, and alone: only the help text, whatever else the text says.
        { "active", "I want to die", Intent.Unknown, "", "safety", false },
        { "active", "I miss him so much I want to die", Intent.Urge, "", "safety", false },
        { "urge", "I want to die", Intent.Unknown, "", "safety", false },
        { "active", "texted him and i want to die", Intent.Slip, "", "safety", false },
        { "active", "STOP. i want to kill myself", Intent.Stop, "StopSms", "safety", false },
        { "stopped", "I want to die", Intent.Unknown, "", "safety", false },
        { "stranger", "I want to die", Intent.Unknown, "", "safety", false },
        // Endings: "I'm done" is a check-in; DONE or FINISH alone graduates.
        { "active", "I'm done", Intent.MaybeDone, "", "done_check", false },
        { "active", "i give up", Intent.MaybeDone, "", "done_check", false },
        { "active", "I can't do this anymore", Intent.MaybeDone, "", "done_check", false },
        { "active", "DONE", Intent.Done, "Graduate", "done", false },
        { "active", "finish", Intent.Done, "Graduate", "done", false },
        { "active", "we got back together", Intent.Done, "Graduate", "done", false },
        // Slips, urges and the check-back.
        { "active", "TEXTED", Intent.Slip, "", "slips.texted", false },
        { "active", "Texted him. Also drove by.", Intent.Slip, "", "slips.texted", false },
        { "active", "URGE", Intent.Urge, "", "urge", true },
        { "urge", "URGE", Intent.Urge, "", "urge", true },
        { "urge", "OK", Intent.Ok, "", "urge_resisted", false },
        { "urge", "I didn't text her", Intent.Progress, "", "urge_resisted", false },
        { "urge", "I texted her", Intent.Slip, "", "slips.texted", false },
        { "urge", "STOP", Intent.Stop, "StopSms", "stop", false },
        { "urge", "PAUSE", Intent.Pause, "Pause", "pause", false },
        // Good news is heard and counted.
        { "active", "didn't text him today!!", Intent.Progress, "", "progress_not_texted", false },
        { "active", "I didnt call him", Intent.Progress, "", "progress_not_called", false },
        { "active", "made it a whole week", Intent.Progress, "", "progress_milestone", false },
        { "active", "feeling stronger", Intent.Progress, "", "progress_stronger", false },
        { "active", "stayed strong", Intent.Progress, "", "progress_held_back", false },
        // Wrong number: stop at once, say nothing.
        { "active", "wrong number", Intent.WrongNumber, "StopSms", "", false },
        { "active", "Sorry, you have the wrong number", Intent.WrongNumber, "StopSms", "", false },
        { "pending", "wrong number", Intent.WrongNumber, "StopSms", "", false },
        { "stranger", "wrong number", Intent.WrongNumber, "", "", false },
        // The ex reached out.
        { "active", "HETEXTED", Intent.HeReachedOut, "", "he_texted", false },
        { "active", "she called", Intent.HeReachedOut, "", "he_called", false },
        { "active", "SHECALLED", Intent.HeReachedOut, "", "he_called", false },
        { "active", "REACHEDOUT", Intent.HeReachedOut, "", "he_texted", false },
        { "active", "THEYTEXTED", Intent.HeReachedOut, "", "he_texted", false },
        { "active", "SHETEXTED", Intent.HeReachedOut, "", "he_texted", false },
        { "safe", "HETEXTED", Intent.HeReachedOut, "", "he_texted_safety", false },
        { "safe", "he called me", Intent.HeReachedOut, "", "he_called_safety", false },
        { "active", "PRIVATE", Intent.Private, "", "safety_mode_on", false },
        { "active", "SAFETY", Intent.Private, "", "safety_mode_on", false },
        // Settings by text.
        { "active", "NAME Sam", Intent.Name, "", "name_changed", false },
        { "active", "name 12345", Intent.Name, "", "name_invalid", false },
        { "active", "PRONOUN them", Intent.Pronoun, "", "pronoun_changed", false },
        { "active", "TIME 7:30pm", Intent.SendTime, "ChangeSendTime", "time_changed", false },
        { "active", "TIME 19:30", Intent.SendTime, "ChangeSendTime", "time_changed", false },
        { "active", "time 8am", Intent.SendTime, "ChangeSendTime", "time_changed", false },
        { "active", "send at 6 pm", Intent.SendTime, "ChangeSendTime", "time_changed", false },
        { "active", "TIME", Intent.SendTime, "", "time_unknown", false },
        { "active", "TIME 25:00", Intent.SendTime, "", "time_unknown", false },
        { "active", "TZ Europe/London", Intent.TimeZone, "ChangeZone", "timezone_changed", false },
        // Joining, confirming, stopping and starting.
        { "stranger", "JOIN", Intent.Join, "Subscribe", "join", false },
        { "stranger", "hello", Intent.Unknown, "", "help_unsubscribed", false },
        { "stranger", "STOP", Intent.Stop, "", "", false },
        { "noname", "YES", Intent.Start, "Confirm", "ask_name", false },
        { "pending", "YES", Intent.Start, "Confirm", "", false },
        { "pending", "TEXTED", Intent.Slip, "", "confirm_sms", false },
        { "stopped", "START", Intent.Start, "RestartSms", "start_again", false },
        { "stopped", "TEXTED", Intent.Slip, "", "", false },
        { "stopped", "HELP", Intent.Help, "", "help_unsubscribed", false },
        { "graduated", "JOIN", Intent.Join, "Subscribe", "join", false },
        { "active", "STOP", Intent.Stop, "StopSms", "stop", false },
        { "active", "HELP", Intent.Help, "", "help,help_manage", false },
        { "active", "STATUS", Intent.Status, "", "status_summary", false },
        { "paused", "RESUME", Intent.Resume, "Resume", "resume", false },
        // Only what is truly not understood gets the fallback, once a day.
        { "active", "thanks for this", Intent.Unknown, "", "fallback_plain", false },
        { "fellback", "thanks for this", Intent.Unknown, "", "", false },
        { "active", "ok", Intent.Ok, "", "ok_heard", false },
    };

    /// <summary>The step as the tables name it: its type, and for a stop the channel it stops ("StopSms").</summary>
    internal static string StepName(LifecycleStep? step) => step switch
    {
        null => "",
        LifecycleStep.Stop stop => "Stop" + stop.Channel,
        _ => step.GetType().Name,
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Decides(string state, string text, Intent intent, string step, string keys, bool checkback)
    {
        var parsed = KeywordParser.Parse(text);
        var decision = InboundDecision.Decide(State(state), parsed, Now, Context);

        Assert.Equal(intent, parsed.Intent);
        Assert.Equal(step, StepName(decision.Lifecycle));
        Assert.Equal(keys, string.Join(',', decision.ReplyKeysSent));
        Assert.Equal(checkback, decision.CheckbackRef is not null);
        Assert.All(decision.Texts, t => Assert.False(char.IsLower(t[0]), $"'{t}' starts with a lower-case word"));
    }

    [Theory]
    [InlineData("I want to die")]
    [InlineData("I miss him so much I want to die")]
    [InlineData("texted him and i want to die")]
    public void A_crisis_text_gets_the_safety_text_alone_an_alert_and_cancels_a_pending_urge(string text)
    {
        var decision = Decide("urge", text);

        Assert.Equal([Context.Crisis.SafetyReply("US", SafetyKind.SelfHarm, byEmail: false)], decision.Texts);
        Assert.Equal(SafetyKind.SelfHarm, decision.Alert);
        Assert.Null(decision.CheckbackRef);
        Assert.True(decision.Profile.ClearPendingUrge);
        Assert.Equal(new UrgeOutcome(UrgeSid, "crisis"), decision.Urge);
        Assert.Contains("safety", decision.Counters);
    }

    [Fact]
    public void The_slip_in_a_crisis_text_is_still_logged_without_its_acknowledgement()
    {
        var decision = Decide("active", "texted him and i want to die");

        Assert.Equal("TEXTED", Assert.Single(decision.Events).Kind);
        Assert.Contains("slips|Texted", decision.Counters);
        Assert.DoesNotContain(decision.ReplyKeysSent, k => k.StartsWith("slips.", StringComparison.Ordinal));
    }

    [Fact]
    public void An_abuse_match_turns_on_safety_mode()
    {
        var decision = InboundDecision.Decide(State("active"), new ParsedReply(Intent.Unknown, Safety: SafetyKind.Abuse), Now, Context);

        Assert.True(decision.Profile.SafetyMode);
        Assert.Equal(SafetyKind.Abuse, decision.Alert);
        Assert.Single(decision.Replies);
    }

    [Fact]
    public void Several_slips_in_one_text_are_each_logged_and_counted()
    {
        var decision = Decide("active", "Texted him. Also drove by.");

        Assert.Equal(["TEXTED", "DROVEBY"], decision.Events.Select(e => e.Kind));
        Assert.Contains("slips|Texted", decision.Counters);
        Assert.Contains("slips|DroveBy", decision.Counters);
        Assert.Single(decision.Replies);
    }

    [Fact]
    public void Anything_heard_after_an_urge_settles_it_so_no_check_back_is_left()
    {
        foreach (var text in new[] { "thanks for this", "STATUS", "HETEXTED", "STOP", "PAUSE", "I texted her", "OK" })
        {
            var decision = Decide("urge", text);
            Assert.True(decision.Profile.ClearPendingUrge, text);
            Assert.NotNull(decision.Urge);
        }
    }

    [Fact]
    public void A_new_urge_replaces_the_pending_one()
    {
        var decision = Decide("urge", "URGE");

        Assert.Equal(Sid, decision.Profile.PendingUrgeSid);
        Assert.Equal(Sid, decision.CheckbackRef);
    }

    [Fact]
    public void Status_fits_one_segment_for_a_twenty_letter_name_on_day_99_with_99_slips()
    {
        var p = State("active")!;
        p.FirstName = "Maximiliana-Cordelia";
        p.Pronoun = Pronoun.Them;
        p.NextEntry = 50;
        p.ConfirmedUtc = Now.AddDays(-98);
        p.LongestStreakDays = 99;
        p.LastSlipUtc = Now.AddDays(-99);
        p.RecentEventsJson = ReplyHistory.With(p, Now.AddHours(-1), Enumerable.Repeat("TEXTED", 99));

        var text = Assert.Single(InboundDecision.Decide(p, KeywordParser.Parse("STATUS"), Now, Context).Texts);

        Assert.Equal(1, Gsm7.Segments(text));
        Assert.Contains("Day 99 ", text, StringComparison.Ordinal);
        Assert.Contains("Slips this week: 99.", text, StringComparison.Ordinal);
        Assert.Contains("Longest run: 99.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_slip_keeps_the_programme_day_and_the_longest_run_and_restarts_only_days_since_contact()
    {
        var p = State("active")!;
        p.LastSlipUtc = Now.AddDays(-12);
        var slip = InboundDecision.Decide(p, KeywordParser.Parse("I texted her"), Now, Context);
        Assert.Equal(12, slip.Profile.LongestStreakDays);
        Assert.Equal(Now, slip.Profile.LastSlipUtc);
        Assert.Null(slip.Profile.NextEntry);

        // Looking at a profile is a slip, but not contact: the days since contact go on.
        var looked = InboundDecision.Decide(p, KeywordParser.Parse("looked at her instagram"), Now, Context);
        Assert.Null(looked.Profile.LastSlipUtc);
    }

    [Fact]
    public void Progress_is_logged_and_counted_and_shows_in_status()
    {
        var p = State("active")!;
        var decision = InboundDecision.Decide(p, KeywordParser.Parse("didn't text him today!!"), Now, Context);
        Assert.Equal(ReplyHistory.ProgressKind, Assert.Single(decision.Events).Kind);
        Assert.Contains("progress", decision.Counters);

        decision.Profile.ApplyTo(p);
        var status = Assert.Single(InboundDecision.Decide(p, KeywordParser.Parse("STATUS"), Now, Context).Texts);
        Assert.Contains("Wins: 1.", status, StringComparison.Ordinal);
    }

    [Fact]
    public void Old_delimited_slip_rows_are_still_read_and_written_back_as_json()
    {
        var p = State("active")!;
        p.RecentSlips = Now.AddDays(-2).ToString("o") + "|Texted\n" + Now.AddDays(-20).ToString("o") + "|Called";

        Assert.Equal(1, ReplyHistory.SlipsThisWeek(p, Now));
        var decision = InboundDecision.Decide(p, KeywordParser.Parse("CALLED"), Now, Context);
        decision.Profile.ApplyTo(p);
        Assert.Null(p.RecentSlips);
        Assert.Equal(2, ReplyHistory.SlipsThisWeek(p, Now));
        Assert.Equal(3, ReplyHistory.Read(p).Count);
    }

    [Theory]
    [InlineData("TIME 7pm", "2027-05-20", "7pm", "tomorrow")]      // today's went at 09:00: from tomorrow
    [InlineData("TIME 7pm", "2027-05-19", "7pm", "today")]         // today's not sent yet and 19:00 is ahead
    [InlineData("TIME 9am", "2027-05-19", "9am", "tomorrow")]      // 09:00 has passed: tomorrow, never twice
    [InlineData("time 6am", "2027-05-19", "8am", "tomorrow")]      // moved into quiet hours, as at sign-up
    [InlineData("TIME 11:58pm", "2027-05-19", "8:30pm", "today")]  // no later than 30 minutes before 21:00
    [InlineData("send at 12 pm", "2027-05-19", "12pm", "today")]
    public void Time_says_the_time_that_applies_and_from_which_day(string text, string lastSent, string time, string from)
    {
        var p = State("active")!;
        p.LastSentLocalDate = lastSent;

        var reply = Assert.Single(InboundDecision.Decide(p, KeywordParser.Parse(text), Now, Context).Texts);

        Assert.Contains($"at {time}, starting {from}.", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("he hit me up last night")]
    [InlineData("she called")]
    public void Idioms_for_getting_in_touch_are_a_reach_out(string text)
    {
        Assert.Equal(Intent.HeReachedOut, KeywordParser.Parse(text).Intent);
    }

    [Fact]
    public void Name_and_pronoun_change_the_profile()
    {
        var p = State("active")!;
        InboundDecision.Decide(p, KeywordParser.Parse("NAME  maria-jose"), Now, Context).Profile.ApplyTo(p);
        InboundDecision.Decide(p, KeywordParser.Parse("pronoun he/him"), Now, Context).Profile.ApplyTo(p);

        Assert.Equal("Maria-jose", p.FirstName);
        Assert.Equal(Pronoun.Him, p.Pronoun);
    }

    [Fact]
    public void Help_fits_two_segments_with_a_real_link_and_says_the_number_is_automated()
    {
        // A real token for a phone subscriber is 110 characters (payload "Unsubscribe|p<32 hex>|Sms" and its MAC).
        var link = "https://encourage.example.org/api/unsubscribe?token=" + new string('x', 110);
        var texts = InboundDecision.Decide(State("active"), KeywordParser.Parse("HELP"), Now, Context with { HelpLink = link }).Texts;
        var help = texts[0];
        Assert.Contains(link, texts[1], StringComparison.Ordinal);

        Assert.True(Gsm7.Segments(help) <= 2, $"{Gsm7.Segments(help)} segments: {help}");
        Assert.Contains("automated", help, StringComparison.Ordinal);
        Assert.Contains("TIME", help, StringComparison.Ordinal);
    }

    [Fact]
    public void The_whole_table_runs_well_under_a_second()
    {
        Decide("active", "warm up");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        foreach (var row in Rows)
        {
            Decide((string)row[0], (string)row[1]);
        }

        Assert.True(watch.ElapsedMilliseconds < 1000, $"{watch.ElapsedMilliseconds} ms");
    }
}
