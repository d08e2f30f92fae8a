using Encourage.Arc;
using Encourage.Replies;

namespace Encourage.Core.Tests.Arc;

public sealed class ProgrammePreviewTests
{
    [Fact]
    public void Preview_contains_every_entry_with_its_day_phase_sms_and_email()
    {
        var programme = Programme.LoadEmbedded();
        var replies = ReplyBook.LoadEmbedded();
        var writer = new StringWriter();

        ProgrammePreview.Write(writer, programme, replies, "Ana", Pronoun.Her);
        var preview = writer.ToString();

        var day = 1;
        foreach (var entry in programme.Entries)
        {
            day += entry.DaysAfterPrevious;
            var message = MessageRenderer.Render(entry, "Ana", Pronoun.Her, null);
            Assert.Contains($"## Day {day} - entry {entry.Number} ", preview);
            Assert.Contains(message.Sms, preview);
            Assert.Contains($"Email subject: {message.EmailSubject}", preview);
            Assert.Contains(message.EmailText, preview);
        }
        foreach (var phase in programme.Phases) Assert.Contains(phase.Title, preview);
        Assert.Contains("SMS (1 segment, ", preview);
        Assert.DoesNotContain("{he}", preview);
        Assert.Contains("## " + ReplyKeys.Safety, preview);
    }
}
