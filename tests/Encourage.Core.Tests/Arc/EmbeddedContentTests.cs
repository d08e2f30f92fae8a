using Encourage.Arc;
using Encourage.Replies;

namespace Encourage.Core.Tests.Arc;

public sealed class EmbeddedContentTests
{
    [Fact]
    public void Embedded_content_lints_clean()
    {
        var problems = ContentLint.CheckYaml(
            EmbeddedContent.Read(EmbeddedContent.ProgrammeResource),
            EmbeddedContent.Read(EmbeddedContent.RepliesResource));

        Assert.True(problems.Count == 0, "Lint problems:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void Embedded_programme_has_the_shape_the_scheduler_relies_on()
    {
        var programme = Programme.LoadEmbedded();

        Assert.Equal(PhaseIds.InOrder, programme.Phases.Select(p => p.Id));
        Assert.Equal(Enumerable.Range(1, programme.Entries.Count), programme.Entries.Select(e => e.Number));
        Assert.Equal(0, programme.Entries[0].DaysAfterPrevious);
        Assert.True(programme.Entries.Count(e => e.DaysAfterPrevious <= 1) >= 42);
        Assert.True(programme.Entries.Count(e => e.DaysAfterPrevious == 7 && !e.IsGraduation) >= 8);
        Assert.True(programme.Entries[^1].IsGraduation);
        Assert.Single(programme.Entries, e => e.IsGraduation);
        Assert.Same(programme, Programme.LoadEmbedded());
    }

    [Fact]
    public void Entry_PhaseOf_and_FirstEntryOf_agree()
    {
        var programme = Programme.LoadEmbedded();

        Assert.Null(programme.Entry(0));
        Assert.Null(programme.Entry(programme.Entries.Count + 1));
        Assert.Equal(1, programme.Entry(1)!.Number);
        Assert.Equal(PhaseIds.LetGo, programme.PhaseOf(-5).Id);
        Assert.Equal(PhaseIds.LivingWell, programme.PhaseOf(10_000).Id);
        foreach (var id in PhaseIds.InOrder)
        {
            var first = programme.FirstEntryOf(id);
            Assert.Equal(id, programme.PhaseOf(first).Id);
            if (first > 1) Assert.NotEqual(id, programme.PhaseOf(first - 1).Id);
        }
        Assert.Throws<ArgumentException>(() => programme.FirstEntryOf("no-such-phase"));
    }

    [Fact]
    public void Every_reply_key_and_slip_renders_for_every_pronoun()
    {
        var replies = ReplyBook.LoadEmbedded();
        Assert.Equal(ReplyKeys.All.Order(), replies.Keys.Order());
        foreach (var pronoun in Enum.GetValues<Pronoun>())
        {
            foreach (var key in ReplyKeys.All)
            {
                var text = replies.Text(key, "Ana", pronoun, ProgrammePreview.SampleValues);
                Assert.DoesNotContain("{", text);
            }
            foreach (var kind in Enum.GetValues<SlipKind>())
            {
                foreach (var phase in PhaseIds.InOrder)
                {
                    var text = replies.Slip(kind, phase, "Ana", pronoun);
                    Assert.Equal(1, Gsm7.Segments(text));
                }
            }
        }
    }

    [Fact]
    public void Recovery_line_is_stable_for_a_seed_and_accepts_any_int()
    {
        var replies = ReplyBook.LoadEmbedded();

        Assert.Equal(replies.RecoveryLine(7, "Ana", Pronoun.Her), replies.RecoveryLine(7, "Ana", Pronoun.Her));
        Assert.NotEmpty(replies.RecoveryLine(int.MinValue, "Ana", Pronoun.Him));
        Assert.NotEmpty(replies.RecoveryLine(-1, "Ana", Pronoun.Them));
        Assert.True(Enumerable.Range(0, 20).Select(i => replies.RecoveryLine(i, "Ana", Pronoun.Him)).Distinct().Count() >= 6);
    }

    [Fact]
    public void Urge_checkback_names_the_two_answers_the_parser_expects()
    {
        var text = ReplyBook.LoadEmbedded().Text(ReplyKeys.UrgeCheckback, "Ana", Pronoun.Him);

        Assert.Contains("Reply OK", text);
        Assert.Contains("TEXTED", text);
    }
}
