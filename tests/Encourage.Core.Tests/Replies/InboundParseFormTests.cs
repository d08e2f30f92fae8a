using Encourage.Replies;
using Encourage.Web;

namespace Encourage.Core.Tests.Replies;

/// <summary>An Inbound Parse post's fields: what is required, when the sender counts as verified, and its id.</summary>
public sealed class InboundParseFormTests
{
    private static Dictionary<string, string> Fields(params (string Key, string Value)[] changes)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["from"] = "Ana <Ana@Example.org>",
            ["to"] = "reply+abc@reply.example.org",
            ["envelope"] = """{"to":["reply+abc@reply.example.org"],"from":"ana@example.org"}""",
            ["text"] = "URGE",
            ["subject"] = "Re: Day 3",
            ["headers"] = "Received: by mx\r\nMessage-ID: <CAF=abc@mail.example.org>\r\nSubject: Re: Day 3\r\n",
            ["SPF"] = "pass",
        };
        foreach (var (k, v) in changes) fields[k] = v;
        return fields;
    }

    [Theory]
    [InlineData("""{"to":["reply+abc@reply.example.org"],"from":"bounce@attacker.example"}""", "", false)] // SPF passed for someone else's domain
    [InlineData("""{"to":["reply+abc@reply.example.org"]}""", "", false)] // no envelope sender: nothing to align
    [InlineData("""{"to":["reply+abc@reply.example.org"],"from":"bounces@mail.example.org"}""", "", true)] // a subdomain of the From domain
    [InlineData("""{"to":["reply+abc@reply.example.org"],"from":"x@org"}""", "", false)] // a bare suffix is never aligned
    [InlineData("""{"to":["reply+abc@reply.example.org"],"from":"bounce@attacker.example"}""", "{@attacker.example : pass}", false)]
    [InlineData("""{"to":["reply+abc@reply.example.org"],"from":"bounce@attacker.example"}""", "{@mail.example.org : pass}", true)] // aligned DKIM
    public void Spf_counts_only_when_the_envelope_domain_is_aligned_with_the_From_domain(string envelope, string dkim, bool verified)
    {
        Assert.Equal(verified, InboundParseForm.Parse(Fields(("envelope", envelope), ("SPF", "pass"), ("dkim", dkim))).SenderVerified);
    }

    [Theory]
    [InlineData("example.org", "example.org", true)]
    [InlineData("Example.ORG.", "example.org", true)]
    [InlineData("example.org", "em123.example.org", true)]
    [InlineData("example.org", "notexample.org", false)]
    [InlineData("victim.co.uk", "attacker.co.uk", false)]
    [InlineData("victim.co.uk", "co.uk", false)]
    [InlineData("gmail.com", "com", false)]
    [InlineData("news.example.com", "bounce.example.com", false)] // siblings: conservative
    [InlineData("example.org", "", false)]
    [InlineData("example.org", "exa mple.org", false)]
    public void Alignment_is_relaxed_and_conservative(string from, string authenticated, bool aligned) =>
        Assert.Equal(aligned, MailAlignment.Aligned(from, authenticated));

    [Fact]
    public void Reads_the_sender_and_every_recipient()
    {
        var form = InboundParseForm.Parse(Fields());

        Assert.Equal("Ana@Example.org", form.Sender.Address);
        Assert.Equal(["reply+abc@reply.example.org", "reply+abc@reply.example.org"], form.Recipients);
        Assert.StartsWith("em", form.MessageId, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from", "")]
    [InlineData("to", "")]
    [InlineData("from", "not an address")]
    [InlineData("envelope", "{not json")]
    [InlineData("envelope", "[1,2]")]
    [InlineData("envelope", """{"to":"reply+abc@reply.example.org"}""")]
    public void A_malformed_post_is_refused(string field, string value)
    {
        Assert.Throws<BadRequestException>(() => InboundParseForm.Parse(Fields((field, value))));
    }

    [Theory]
    [InlineData("pass", "", true)]
    [InlineData("Pass", "", true)]
    [InlineData("softfail", "{@example.org : pass}", true)]
    [InlineData("fail", "{@gmail.com : pass, @example.org : pass}", true)]
    [InlineData("fail", "{@sendgrid.net : pass}", false)]
    [InlineData("none", "{@example.org : fail}", false)]
    [InlineData("", "", false)]
    public void The_sender_is_verified_by_spf_or_its_own_domains_dkim(string spf, string dkim, bool verified)
    {
        Assert.Equal(verified, InboundParseForm.Parse(Fields(("SPF", spf), ("dkim", dkim))).SenderVerified);
    }

    [Fact]
    public void The_message_id_follows_the_Message_ID_header_so_a_retry_is_the_same_message()
    {
        var first = InboundParseForm.Parse(Fields()).MessageId;

        Assert.Equal(first, InboundParseForm.Parse(Fields(("text", "a different body"))).MessageId);
        Assert.NotEqual(first, InboundParseForm.Parse(Fields(("headers", "Message-ID: <other@mail.example.org>\r\n"))).MessageId);
        // Without a Message-ID, the content decides: the same post is the same message.
        var bare = InboundParseForm.Parse(Fields(("headers", "Subject: x\r\n"))).MessageId;
        Assert.Equal(bare, InboundParseForm.Parse(Fields(("headers", "Subject: x\r\n"))).MessageId);
        Assert.NotEqual(bare, InboundParseForm.Parse(Fields(("headers", "Subject: x\r\n"), ("text", "STOP"))).MessageId);
    }
}
