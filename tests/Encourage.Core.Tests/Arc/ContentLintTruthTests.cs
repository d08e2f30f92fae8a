using Encourage.Arc;
using Encourage.Replies;

namespace Encourage.Core.Tests.Arc;

/// <summary>One test per rule that keeps texts true for their reader: clean content with one thing broken, and the problem that names it.</summary>
public sealed class ContentLintTruthTests
{
    private static IReadOnlyList<string> LintProgramme(List<EntrySpec> entries) =>
        ContentLint.CheckYaml(ContentYaml.Programme(entries), ContentYaml.ValidReplies());

    private static IReadOnlyList<string> LintReplies(Action<ContentYaml.RepliesModel> breakIt)
    {
        var model = ContentYaml.EmbeddedReplies();
        breakIt(model);
        return ContentLint.CheckYaml(ContentYaml.ValidProgramme(), ContentYaml.Replies(model));
    }

    private static List<EntrySpec> With(int number, Func<EntrySpec, EntrySpec> change)
    {
        var entries = ContentYaml.ValidEntries();
        entries[number - 1] = change(entries[number - 1]);
        return entries;
    }

    private static void AssertReports(IReadOnlyList<string> problems, params string[] fragments)
    {
        foreach (var fragment in fragments)
            Assert.True(problems.Any(p => p.Contains(fragment, StringComparison.Ordinal)), $"No problem contains \"{fragment}\". Problems:\n{string.Join("\n", problems)}");
    }

    [Fact]
    public void A_reach_out_entry_without_safety_wording()
    {
        var problems = LintProgramme(With(40, e => e with { SafetySms = null, SafetySubject = null, SafetyBody = null }));

        AssertReports(problems, "entry 40: entries in 'if-he-reaches-out' need safety_sms, safety_email_subject and safety_email_body");
    }

    [Fact]
    public void Safety_wording_that_nudges_towards_the_ex()
    {
        var problems = LintProgramme(With(40, e => e with { SafetySms = "When you do reply, keep it friendly. {crisis_line}", SafetyBody = "Maybe you'll get back together.\n" }));

        AssertReports(problems,
            "entry 40: safety_sms: \"When you do reply\" nudges towards contact or reunion",
            "entry 40: safety_sms: \"keep it friendly\" nudges",
            "entry 40: safety_email_body: \"get back together\" nudges");
    }

    [Fact]
    public void A_safety_reply_that_nudges_towards_the_ex()
    {
        var problems = LintReplies(m => m.Messages[ReplyKeys.HeTextedSafety] = "{He} texted. Call back if you like. {crisis_line}");

        AssertReports(problems, "messages.he_texted_safety: \"Call back\" nudges towards contact or reunion");
    }

    [Fact]
    public void Assumptions_that_can_never_be_true_or_name_no_phase()
    {
        var problems = LintProgramme(With(5, e => e with { AssumesDays = 5, AssumesAfter = "live-it-upp" }));

        AssertReports(problems,
            "entry 5: assumes_days 5 can never be true: only 4 messages come before it.",
            "entry 5: assumes_after 'live-it-upp' is not a phase");
    }

    [Fact]
    public void The_graduation_cannot_assume_anything()
    {
        var problems = LintProgramme(With(53, e => e with { AssumesDays = 10 }));

        AssertReports(problems, "entry 53: the graduation goes to everyone, so it cannot have assumes_days or assumes_after.");
    }

    [Fact]
    public void Assumptions_the_programme_can_meet_are_clean()
    {
        Assert.Empty(LintProgramme(With(40, e => e with { AssumesDays = 30, AssumesAfter = PhaseIds.LiveItUp })));
    }

    [Fact]
    public void An_email_paragraph_that_says_text_a_keyword_must_be_marked_for_texters()
    {
        var problems = LintProgramme(With(7, e => e with { Body = "Hi {name},\n\nIf it's hard, text URGE.\n" }));
        var marked = LintProgramme(With(7, e => e with { Body = "Hi {name},\n\n[texts] If it's hard, text URGE.\n" }));

        AssertReports(problems, "entry 7: email_body: the paragraph naming URGE is not true for someone who gets only email; start it with [texts]");
        Assert.Empty(marked);
    }

    [Theory]
    [InlineData("today, breathe.")]
    [InlineData("{he} {is|are} not your job today.")]
    public void A_text_that_starts_with_a_lower_case_word(string sms)
    {
        var problems = LintProgramme(With(4, e => e with { Sms = sms }));

        AssertReports(problems, "entry 4: sms: starts with a lower-case word");
    }

    [Fact]
    public void A_text_that_starts_with_the_name_or_a_capitalised_pronoun_is_clean()
    {
        Assert.Empty(LintProgramme(With(4, e => e with { Sms = "{name}, breathe." })));
        Assert.Empty(LintProgramme(With(4, e => e with { Sms = "{He} {is|are} not your job today." })));
    }

    [Theory]
    [InlineData("You'll get 1 message a day from us.")]
    [InlineData("One short text a day, {name}.")]
    [InlineData("Only 1 msg/day.")]
    public void One_a_day_without_up_to(string sms)
    {
        var problems = LintProgramme(With(4, e => e with { Sms = sms }));

        AssertReports(problems, "is not true after the first weeks (messages become weekly); say \"up to 1 message a day\".");
        Assert.Empty(LintProgramme(With(4, e => e with { Sms = "Up to 1 message a day, {name}." })));
    }

    [Fact]
    public void HETEXTED_without_REACHEDOUT()
    {
        var problems = LintReplies(m => m.Messages[ReplyKeys.FallbackPlain] = "Try SLIP, URGE or HETEXTED.");

        AssertReports(problems, "messages.fallback_plain: mentions HETEXTED but not REACHEDOUT");
    }

    [Theory]
    [InlineData("confirm_sms", "Msg & data rates may apply")]
    [InlineData("welcome_sms", "up to 1 msg/day")]
    [InlineData("start_again", "Encourage")]
    [InlineData("help", "STOP")]
    [InlineData("join", "HELP")]
    public void A_compliance_text_missing_one_fact(string key, string fact)
    {
        var problems = LintReplies(m => m.Messages[key] = m.Messages[key].Replace(fact, "x", StringComparison.OrdinalIgnoreCase));

        AssertReports(problems, $"messages.{key}: must include \"{fact}\" (the programme name, frequency, rates, HELP and STOP");
    }

    [Fact]
    public void Help_over_two_segments()
    {
        var problems = LintReplies(m => m.Messages[ReplyKeys.Help] += " " + new string('a', 80));

        AssertReports(problems, "messages.help: is ", "it may be at most 2 segments (306)");
    }
}
