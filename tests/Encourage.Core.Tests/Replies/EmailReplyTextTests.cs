using Encourage.Replies;

namespace Encourage.Core.Tests.Replies;

/// <summary>What someone wrote, without the history their mail program quoted: Gmail, Outlook, Apple Mail and others.</summary>
public sealed class EmailReplyTextTests
{
    public static TheoryData<string, string, string> Texts => new()
    {
        { "plain", "I texted him\n", "I texted him" },
        { "gmail", "I texted him last night\r\n\r\nOn Mon, 30 Nov 2026 at 09:00, Encourage <reply+abc@reply.example.org> wrote:\r\n> Day 3. You're doing well.\r\n>\r\n> Reply URGE any time.\r\n", "I texted him last night" },
        { "gmail wrapped", "URGE\n\nOn Mon, 30 Nov 2026 at 09:00, Encourage <\nreply+abcdefghijklmnopqrstuvwxyz@reply.example.org> wrote:\n\n> Day 3.\n", "URGE" },
        { "apple mail", "STATUS\n\nSent from my iPhone\n\n> On 30 Nov 2026, at 09:00, Encourage <reply+abc@reply.example.org> wrote:\n> \n> Day 3.\n", "STATUS" },
        { "apple mail attribution", "PAUSE 3 days\n\nOn 30 Nov 2026, at 09:00, Encourage <reply+abc@reply.example.org> wrote:\n\nDay 3.\n", "PAUSE 3 days" },
        { "outlook original", "Drove by his place\r\n\r\n-----Original Message-----\r\nFrom: Encourage <reply+abc@reply.example.org>\r\nSent: Monday, November 30, 2026 9:00 AM\r\nSubject: Day 3\r\n\r\nDay 3.\r\n", "Drove by his place" },
        { "outlook header block", "He called me\r\n\r\n________________________________\r\nFrom: Encourage <hello@example.org>\r\nSent: Monday, November 30, 2026 9:00 AM\r\nTo: Ana\r\n", "He called me" },
        { "outlook bare header block", "He called me\r\n\r\nFrom: Encourage <hello@example.org>\r\nSent: Monday, November 30, 2026 9:00 AM\r\nTo: Ana\r\nSubject: Day 3\r\n", "He called me" },
        { "signature", "Feeling stronger today\n\n-- \nAna\nwww.example.org\n", "Feeling stronger today" },
        { "inline quote", "> Reply URGE any time.\nURGE\n", "URGE" },
        { "a From: in the reply itself stays", "From: today I'll keep my distance\nthanks", "From: today I'll keep my distance\nthanks" },
        { "empty", "", "" },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Strips_the_quoted_history(string client, string text, string expected)
    {
        Assert.True(expected == EmailReplyText.Extract(text, null), client);
    }

    [Fact]
    public void Falls_back_to_the_html_part_without_tags_or_the_quoted_history_only_when_there_is_no_text()
    {
        const string html = "<html><head><style>p{color:red}</style></head><body><div dir=\"ltr\">I texted him &amp; regret it<br></div>" +
            "<br><div class=\"gmail_quote\"><div class=\"gmail_attr\">On Mon, 30 Nov 2026 at 09:00, Encourage &lt;reply+abc@reply.example.org&gt; wrote:<br></div>" +
            "<blockquote class=\"gmail_quote\"><p>Day 3. Reply URGE any time.</p></blockquote></div></body></html>";

        Assert.Equal("I texted him & regret it", EmailReplyText.Extract(null, html));
        Assert.Equal("URGE", EmailReplyText.Extract("URGE", html));
        Assert.Equal("", EmailReplyText.Extract("  ", "<p>  </p>"));
    }

    [Fact]
    public void A_long_reply_is_capped_like_a_text()
    {
        Assert.Equal(EmailReplyText.MaxLength, EmailReplyText.Extract(new string('a', 5000), null).Length);
    }
}
