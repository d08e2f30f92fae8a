using System.Net;
using Encourage.Hosting;
using Encourage.Replies;
using Microsoft.AspNetCore.Http;

namespace Encourage.Core.Tests.Trust;

/// <summary>Issue 20's edges, the pure parts: client addresses, reply caps, CSV cells, email HTML, log ids.</summary>
public sealed class EdgeUnitTests
{
    private static HttpContext Request(string peer, string? forwarded)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
        if (forwarded is not null) context.Request.Headers["X-Forwarded-For"] = forwarded;
        return context;
    }

    private static readonly IReadOnlyList<IPNetwork> Loopback = [IPNetwork.Parse("127.0.0.1/32"), IPNetwork.Parse("::1/128")];

    [Theory]
    [InlineData("127.0.0.1", "203.0.113.5", "127.0.0.1")] // no proxy configured: the peer is the client
    [InlineData("10.0.0.4", "203.0.113.5", "10.0.0.4")]
    public void With_no_trusted_proxy_X_Forwarded_For_is_ignored(string peer, string forwarded, string expected) =>
        Assert.Equal(expected, SignupLimits.ClientAddress(Request(peer, forwarded), []));

    [Theory]
    [InlineData("127.0.0.1", "198.51.100.1, 203.0.113.5", "203.0.113.5")] // the left entry is the client's own claim
    [InlineData("127.0.0.1", "203.0.113.5:4711", "203.0.113.5")]
    [InlineData("127.0.0.1", null, "127.0.0.1")]
    [InlineData("198.51.100.9", "203.0.113.5", "198.51.100.9")] // a peer that is not a proxy
    [InlineData("127.0.0.1", "2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    public void From_a_trusted_proxy_the_rightmost_untrusted_address_is_the_client(string peer, string? forwarded, string expected) =>
        Assert.Equal(expected, SignupLimits.ClientAddress(Request(peer, forwarded), Loopback));

    [Theory]
    [InlineData("203.0.113.5", "203.0.113.0/24")]
    [InlineData("2001:db8:1:2::/64", "2001:db8:1::/48")]
    [InlineData("unknown", null)]
    public void Networks_are_an_IPv4_24_or_an_IPv6_48(string address, string? network) =>
        Assert.Equal(network, SignupLimits.NetworkOf(address));

    [Fact]
    public void Crisis_help_and_STOP_are_paid_from_the_urgent_budget_everything_else_from_the_ordinary_one()
    {
        var o = new EncourageOptions { PublicBaseUrl = "https://x.example", TokenSecret = new string('s', 40) };
        Assert.Equal(new ReplyCaps(o.SafetyRepliesPerHour, null), ReplyCaps.For(ReplyBudgetKind.Urgent, stranger: true, o));
        Assert.Equal(new ReplyCaps(3, 6), ReplyCaps.For(ReplyBudgetKind.Ordinary, stranger: true, o));
        Assert.Equal(new ReplyCaps(20, 60), ReplyCaps.For(ReplyBudgetKind.Ordinary, stranger: false, o));
        Assert.Equal(ReplyBudgetKind.Urgent, ReplyCaps.KindOf(new Decision(), new ParsedReply(Intent.Stop)));
        Assert.Equal(ReplyBudgetKind.Urgent, ReplyCaps.KindOf(new Decision { Replies = [new(ReplyKeys.Safety, "help")] }, new ParsedReply(Intent.Unknown)));
        Assert.Equal(ReplyBudgetKind.Ordinary, ReplyCaps.KindOf(new Decision { Replies = [new(ReplyKeys.Help, "help")] }, new ParsedReply(Intent.Help)));
    }

    [Theory]
    [InlineData("\u001b]0;owned\u0007hi", "]0;ownedhi")]
    [InlineData("\u001b[2Jclear", "[2Jclear")]
    [InlineData("a\u202egnp.exe", "agnp.exe")]
    [InlineData("bell\u0007", "bell")]
    [InlineData("  =1+1", "'  =1+1")]
    public void A_csv_cell_carries_no_control_characters_and_no_formula(string text, string expected) =>
        Assert.Equal(expected, SlipLog.Escape(text));

    [Theory]
    [InlineData(200_000, "<")]
    [InlineData(40_000, "<style")]
    [InlineData(30_000, "<script>x")]
    [InlineData(30_000, "<a <b")]
    public void Email_html_built_to_be_quadratic_is_read_in_linear_time(int times, string unit)
    {
        var html = string.Concat(Enumerable.Repeat(unit, times));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        EmailReplyText.Extract(null, html);
        Assert.True(watch.ElapsedMilliseconds < 500, $"{watch.ElapsedMilliseconds} ms");
    }

    [Theory]
    [InlineData("<div>STOP</div><blockquote>Day 3</blockquote>", "STOP")]
    [InlineData("<style>p{}</style><p>I texted him</p><p>again</p>", "I texted him\nagain")]
    [InlineData("hi<br>there &amp; you", "hi\nthere & you")]
    [InlineData("<script>alert(1)", "")]
    public void Email_html_keeps_the_words_and_drops_hidden_parts_and_history(string html, string expected) =>
        Assert.Equal(expected, EmailReplyText.Extract(null, html));

    [Fact]
    public void A_log_id_is_stable_within_a_day_and_changes_the_next()
    {
        var o = Options.Create(new EncourageOptions { PublicBaseUrl = "https://x.example", TokenSecret = new string('s', 40) });
        var ids = new Encourage.Privacy.LogIds(o, TimeProvider.System);
        var day = new DateOnly(2026, 12, 2);
        Assert.Equal(ids.For("p1", day), ids.For("p1", day));
        Assert.NotEqual(ids.For("p1", day), ids.For("p1", day.AddDays(1)));
        Assert.DoesNotContain("p1", ids.For("p1", day), StringComparison.Ordinal);
    }
}
