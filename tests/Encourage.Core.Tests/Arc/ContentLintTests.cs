using Encourage.Arc;
using Encourage.Replies;

namespace Encourage.Core.Tests.Arc;

/// <summary>One test per lint rule: clean content with exactly one thing broken, and the problem that names it.</summary>
public sealed class ContentLintTests
{
    private static IReadOnlyList<string> LintProgramme(List<EntrySpec> entries, IEnumerable<string>? phaseIds = null) =>
        ContentLint.CheckYaml(ContentYaml.Programme(entries, phaseIds), ContentYaml.ValidReplies());

    private static IReadOnlyList<string> LintReplies(Action<ContentYaml.RepliesModel> breakIt)
    {
        var model = ContentYaml.EmbeddedReplies();
        breakIt(model);
        return ContentLint.CheckYaml(ContentYaml.ValidProgramme(), ContentYaml.Replies(model));
    }

    private static void AssertReports(IReadOnlyList<string> problems, params string[] fragments)
    {
        Assert.True(problems.Count > 0, "Expected a lint problem; there were none.");
        foreach (var fragment in fragments)
            Assert.True(problems.Any(p => p.Contains(fragment, StringComparison.Ordinal)), $"No problem contains \"{fragment}\". Problems:\n{string.Join("\n", problems)}");
    }

    private static List<EntrySpec> With(int number, Func<EntrySpec, EntrySpec> change)
    {
        var entries = ContentYaml.ValidEntries();
        entries[number - 1] = change(entries[number - 1]);
        return entries;
    }

    [Fact]
    public void The_test_baseline_is_clean()
    {
        Assert.Empty(ContentLint.CheckYaml(ContentYaml.ValidProgramme(), ContentYaml.ValidReplies()));
    }

    [Fact]
    public void Sms_over_one_segment_once_the_longest_name_pronouns_and_recovery_line_are_in()
    {
        // About 115 characters as written: fine alone, too long with a 20-letter name, "themself" and a recovery line in front.
        var sms = "{name}, today {he} can look after {himself}, and you can look after you. Breathe out slowly, and let it all be for now.";
        Assert.True(sms.Length <= 160);

        var problems = LintProgramme(With(3, e => e with { Sms = sms }));

        AssertReports(problems, "entry 3: sms: is ", "with the longest name, pronouns and recovery line; one SMS segment holds 160");
    }

    [Fact]
    public void Non_gsm_character_is_named_with_its_position()
    {
        var problems = LintProgramme(With(2, e => e with { Sms = "It\u2019s OK." }));

        AssertReports(problems, "entry 2: sms: the character '\u2019' (U+2019) at position 3 is not GSM-7 (use a straight ' instead)");
    }

    [Fact]
    public void Emoji_in_sms_is_named_as_one_character()
    {
        var problems = LintProgramme(With(2, e => e with { Sms = "You did it \U0001F389" }));

        AssertReports(problems, "entry 2: sms: the character '\U0001F389' (U+1F389) at position 12 is not GSM-7");
    }

    [Fact]
    public void Missing_entry_number()
    {
        var problems = LintProgramme(With(5, e => e with { Number = null }));

        AssertReports(problems, "entry 5 (position 5, after entry 4): the 'entry:' number is missing.");
    }

    [Fact]
    public void Duplicated_entry_number()
    {
        var problems = LintProgramme(With(5, e => e with { Number = 4 }));

        AssertReports(problems, "entry 4: the number 4 is used twice (positions 4 and 5)");
    }

    [Fact]
    public void Gap_in_entry_numbers()
    {
        var entries = ContentYaml.ValidEntries();
        for (var i = 9; i < entries.Count; i++) entries[i] = entries[i] with { Number = i + 2 };

        var problems = LintProgramme(entries);

        AssertReports(problems, "entry 11: numbers jump from 9 to 11, so there is no entry 10");
    }

    [Fact]
    public void Phase_going_backwards()
    {
        var problems = LintProgramme(With(10, e => e with { Phase = PhaseIds.LetGo }));

        AssertReports(problems, "entry 10: phase 'let-go' comes after 'give-space'; phases never go backwards.");
    }

    [Fact]
    public void Unknown_phase()
    {
        var problems = LintProgramme(With(10, e => e with { Phase = "give-spaces" }));

        AssertReports(problems, "entry 10: unknown phase 'give-spaces'");
    }

    [Fact]
    public void Phase_list_must_be_the_eight_ids_in_order()
    {
        var swapped = PhaseIds.InOrder.ToArray();
        (swapped[1], swapped[2]) = (swapped[2], swapped[1]);

        var problems = LintProgramme(ContentYaml.ValidEntries(), swapped);

        AssertReports(problems, "phases: expected exactly these ids in this order: let-go, give-space, dont-undo-it");
    }

    [Fact]
    public void Unknown_placeholder()
    {
        var problems = LintProgramme(With(7, e => e with { Body = "Hi {nmae},\n\nHello." }));

        AssertReports(problems, "entry 7: email_body: unknown placeholder {nmae}; here you can use {name}, the pronouns, {singular|plural} and {crisis_line}.");
    }

    [Fact]
    public void Unclosed_brace_is_an_unknown_placeholder()
    {
        var problems = LintProgramme(With(7, e => e with { Sms = "Hi {name, be kind." }));

        AssertReports(problems, "entry 7: sms: unknown placeholder {name, be kind.");
    }

    [Fact]
    public void Empty_email_subject()
    {
        var problems = LintProgramme(With(8, e => e with { Subject = " " }));

        AssertReports(problems, "entry 8: the email_subject is empty.");
    }

    [Fact]
    public void Empty_email_body()
    {
        var problems = LintProgramme(With(8, e => e with { Body = "" }));

        AssertReports(problems, "entry 8: the email_body is empty.");
    }

    [Fact]
    public void Too_few_daily_entries()
    {
        var entries = ContentYaml.ValidEntries();
        entries.RemoveRange(40, 3); // three of the four if-he-reaches-out entries
        entries = entries.Select((e, i) => e with { Number = i + 1 }).ToList();

        var problems = LintProgramme(entries);

        AssertReports(problems, "entries: only 41 daily messages; at least 42 are needed.");
    }

    [Fact]
    public void Too_few_weekly_entries()
    {
        var entries = ContentYaml.ValidEntries();
        entries.RemoveAt(50);
        entries = entries.Select((e, i) => e with { Number = i + 1 }).ToList();

        var problems = LintProgramme(entries);

        AssertReports(problems, "entries: only 7 weekly follow-ups (days_after 7, before the graduation); at least 8 are needed.");
    }

    [Fact]
    public void No_final_graduation()
    {
        var entries = ContentYaml.ValidEntries();
        entries[^1] = entries[^1] with { Graduation = false };

        var problems = LintProgramme(entries);

        AssertReports(problems, $"entry {entries.Count}: the last entry must be the final graduation message");
    }

    [Fact]
    public void Daily_entry_after_the_weekly_ones_began()
    {
        var problems = LintProgramme(With(47, e => e with { DaysAfter = 1 }));

        AssertReports(problems, "entry 47: days_after 1 after the weekly follow-ups began at entry 45");
    }

    [Fact]
    public void First_entry_must_go_out_at_once()
    {
        var problems = LintProgramme(With(1, e => e with { DaysAfter = 1 }));

        AssertReports(problems, "entry 1: the first entry goes out when the subscription starts, so days_after must be 0, not 1.");
    }

    [Fact]
    public void Verb_without_agreement_after_a_pronoun()
    {
        var problems = LintProgramme(With(4, e => e with { Sms = "{He} misses you, maybe. Live well." }));

        AssertReports(problems, "entry 4: sms: \"{He} misses\" reads wrong for 'they'; write the verb as {misses|miss}.");
    }

    [Fact]
    public void Verb_without_agreement_after_a_pronoun_and_an_adverb()
    {
        var problems = LintProgramme(With(4, e => e with { Sms = "If {he} ever makes contact, breathe." }));

        AssertReports(problems, "entry 4: sms: \"{he} ever makes\" reads wrong for 'they'; write the verb as {makes|make}.");
    }

    [Fact]
    public void Possessive_standing_alone()
    {
        var problems = LintReplies(m => m.Slips["checked"][PhaseIds.WhileApart] = "{His} life is {his} to live. Go enjoy yours.");

        AssertReports(problems, "slips.checked.while-apart: \"{his}\" reads wrong for 'her' and 'their' ({his} stands alone)");
    }

    [Fact]
    public void Promise_that_he_will_come_back()
    {
        var problems = LintProgramme(With(30, e => e with { Body = "Hang on.\n\n{He} will surely come back to you." }));

        AssertReports(problems, "entry 30: email_body: \"He will surely come back\" promises he will come back");
    }

    [Fact]
    public void Missing_reply_key()
    {
        var problems = LintReplies(m => m.Messages.Remove(ReplyKeys.FallbackPlain));

        AssertReports(problems, "messages.fallback_plain: is missing.");
    }

    [Fact]
    public void Unknown_reply_key()
    {
        var problems = LintReplies(m => m.Messages["fallbak"] = "Hello.");

        AssertReports(problems, "messages.fallbak: is not a key the code uses (a typo?)");
    }

    [Fact]
    public void Missing_slip_reply_for_a_phase()
    {
        var problems = LintReplies(m => m.Slips["droveby"].Remove(PhaseIds.WhileApart));

        AssertReports(problems, "slips.droveby.while-apart: is missing.");
    }

    [Fact]
    public void Missing_slip_kind()
    {
        var problems = LintReplies(m => m.Slips.Remove("showedup"));

        AssertReports(problems, "slips.showedup: is missing (it needs a reply for every phase).");
    }

    [Theory]
    [InlineData("STOP")]
    [InlineData("Help.")]
    [InlineData("  unsubscribe ")]
    [InlineData("Yes!")]
    public void Carrier_keyword_alone_on_a_line(string line)
    {
        var problems = LintReplies(m => m.Messages[ReplyKeys.Resume] = "Welcome back.\n" + line + "\nGlad you're here.");

        AssertReports(problems, $"messages.resume: has a line that is only \"{line.Trim()}\"; Twilio acts on a message that is just a keyword");
    }

    [Fact]
    public void Reply_without_a_link_must_be_one_segment()
    {
        var problems = LintReplies(m => m.Messages[ReplyKeys.NotPaused] = new string('a', 150) + " {name}");

        AssertReports(problems, "messages.not_paused: is 171 GSM-7 characters with the longest name and pronouns; one SMS segment holds 160, so cut 11.");
    }

    [Fact]
    public void Reply_with_a_link_may_take_three_segments_but_no_more()
    {
        var fits = LintReplies(m => m.Messages[ReplyKeys.WelcomeSms] = "Encourage: up to 1 msg/day. Msg & data rates may apply. HELP, STOP. {crisis_line} " + new string('a', 160) + " {link}");
        var tooLong = LintReplies(m => m.Messages[ReplyKeys.WelcomeSms] = "Encourage: up to 1 msg/day. Msg & data rates may apply. HELP, STOP. {crisis_line} " + new string('a', 300) + " {link}");

        Assert.Empty(fits);
        AssertReports(tooLong, "messages.welcome_sms: is ", "it may be at most 3 segments (459)");
    }

    [Fact]
    public void Reply_value_not_offered_for_that_key()
    {
        var problems = LintReplies(m => m.Messages[ReplyKeys.Resume] = "Welcome back. See {link}.");

        AssertReports(problems, "messages.resume: unknown placeholder {link}.");
    }

    [Fact]
    public void Name_in_a_text_for_someone_not_subscribed()
    {
        var problems = LintReplies(m => m.Messages[ReplyKeys.HelpUnsubscribed] = "Hi {name}. This is Encourage. Reply JOIN to join.");

        AssertReports(problems, "messages.help_unsubscribed: uses {name} or a pronoun, but it goes to people who are not subscribed");
    }

    [Fact]
    public void Required_wording_removed_from_a_reply()
    {
        var problems = LintReplies(m => m.Messages[ReplyKeys.UrgeCheckback] = "Checking in. How are you doing?");

        AssertReports(problems, "messages.urge_checkback: must include \"Reply OK\".", "messages.urge_checkback: must include \"TEXTED\".");
    }

    [Fact]
    public void Non_gsm_character_in_a_slip_reply()
    {
        var problems = LintReplies(m => m.Slips["texted"][PhaseIds.LetGo] = "That\u2019s OK \u2014 go gently.");

        AssertReports(problems, "slips.texted.let-go: the character '\u2019' (U+2019) at position 5", "the character '\u2014' (U+2014) at position 11 is not GSM-7 (use - or a comma instead)");
    }

    [Fact]
    public void Slip_reply_that_shames_or_restarts()
    {
        var problems = LintReplies(m => m.Slips["called"][PhaseIds.GiveSpace] = "That was weak. Time to start over.");

        AssertReports(problems, "slips.called.give-space: \"weak\" can read as shaming", "slips.called.give-space: \"start over\" treats a slip as a reset");
    }

    [Fact]
    public void Too_few_recovery_lines()
    {
        var problems = LintReplies(m => m.RecoveryLines.RemoveRange(0, m.RecoveryLines.Count - 5));

        AssertReports(problems, "recovery_lines: only 5; at least 6 are needed.");
    }

    [Fact]
    public void Recovery_line_too_long()
    {
        var problems = LintReplies(m => m.RecoveryLines[0] = "Yesterday was a hard day, and today is a brand new one.");

        AssertReports(problems, "recovery_lines[1]: is 55 characters with the longest name; a recovery line may be at most 48.");
    }

    [Fact]
    public void Unparseable_yaml_is_reported_not_thrown()
    {
        var problems = ContentLint.CheckYaml("entries: [unclosed", ContentYaml.ValidReplies());

        AssertReports(problems, "programme.yaml: the YAML cannot be read near line");
    }

    [Fact]
    public void Unknown_field_is_reported()
    {
        var problems = ContentLint.CheckYaml(ContentYaml.ValidProgramme().Replace("    email_subject:", "    email_subjet:", StringComparison.Ordinal), ContentYaml.ValidReplies());

        AssertReports(problems, "unknown field 'email_subjet'");
    }
}
