using Encourage.Hosting;
using Encourage.Replies;

namespace Encourage.Core.Tests.Replies;

/// <summary>The tagged Reply-To address: made per profile, checked in any case, and useless for anyone else.</summary>
public sealed class ReplyAddressTests
{
    private static ReplyAddress Make(string? domain = "reply.example.org", string secret = TestSettings.TokenSecret, int version = 1)
    {
        var options = Options.Create(new EncourageOptions { PublicBaseUrl = TestSettings.PublicBaseUrl, TokenSecret = secret, ReplyDomain = domain, ReplyTagVersion = version });
        return new ReplyAddress(options, new LinkToken(options, TimeProvider.System));
    }

    private static Subscriber Profile(string id = "e1", string email = "ana@example.org", int generation = 1) =>
        new() { Id = id, Email = email, Generation = generation, Channel = Channels.Email };

    [Fact]
    public void The_address_fits_an_email_local_part_and_is_lower_case()
    {
        var address = Make().For(Profile())!;
        var local = address[..address.IndexOf('@', StringComparison.Ordinal)];

        Assert.Matches("^reply\\+[a-z2-7]{26}@reply\\.example\\.org$", address);
        Assert.True(local.Length <= 64);
        Assert.Equal(address, Make().For(Profile())); // the same every time: a retried send carries the same address
    }

    [Fact]
    public void Raising_the_tag_version_rotates_the_tag_and_keeps_only_the_version_before()
    {
        var v1 = Make(version: 1).Tag(Profile());
        var v2 = Make(version: 2).Tag(Profile());
        var v3 = Make(version: 3);

        Assert.NotEqual(v1, v2);
        Assert.True(Make(version: 2).Matches(Profile(), v1), "last week's email still answers after one rotation");
        Assert.True(v3.Matches(Profile(), v2));
        Assert.False(v3.Matches(Profile(), v1), "two rotations on, the old tag is dead");
        Assert.NotEqual(v2, v3.Tag(Profile()));
    }

    [Fact]
    public void A_tag_matches_its_own_profile_in_any_case_and_no_other()
    {
        var replies = Make();
        var tag = replies.Tag(Profile());

        Assert.True(replies.Matches(Profile(), tag));
        Assert.True(replies.Matches(Profile(), tag.ToUpperInvariant()));
        Assert.False(replies.Matches(Profile(id: "e2"), tag), "another subscriber's profile");
        Assert.False(replies.Matches(Profile(email: "someone@example.org"), tag), "the same profile holding another email");
        Assert.False(replies.Matches(Profile(generation: 2), tag), "a newer sign-up of the same profile");
        Assert.False(replies.Matches(Profile(), tag[..^1] + (tag[^1] == 'a' ? 'b' : 'a')), "one character changed");
        Assert.False(replies.Matches(Profile(), ""));
        Assert.False(Make(secret: "another-token-secret-0123456789abcdef-0123").Matches(Profile(), tag), "made with another secret");
    }

    [Fact]
    public void Tags_are_read_from_to_headers_and_envelopes_only_at_the_reply_domain()
    {
        var replies = Make();
        var tag = replies.Tag(Profile());

        Assert.Equal([tag], replies.TagsIn([$"\"Encourage\" <REPLY+{tag.ToUpperInvariant()}@Reply.Example.org>, other@example.org"]));
        Assert.Equal([tag, tag], replies.TagsIn([$"reply+{tag}@reply.example.org", $"reply+{tag}@reply.example.org"]));
        Assert.Empty(replies.TagsIn([$"reply+{tag}@elsewhere.example.org"]));
        Assert.Empty(replies.TagsIn(["not an address at all <", ""]));
        Assert.Empty(replies.TagsIn([$"reply+{tag}x@reply.example.org"]));
    }

    [Fact]
    public void Without_a_reply_domain_replies_are_off()
    {
        var off = Make(domain: null);

        Assert.False(off.Enabled);
        Assert.Null(off.For(Profile()));
        Assert.Empty(off.TagsIn([$"reply+{off.Tag(Profile())}@reply.example.org"]));
    }
}
