using Encourage.Arc;

namespace Encourage.Core.Tests.Arc;

public sealed class Gsm7Tests
{
    [Fact]
    public void Basic_text_is_one_septet_a_character()
    {
        const string text = "Hello @ £$¥ èéùìò Ç Øø Åå Δ_ΦΓ ÆæßÉ !\"#¤%&'()*+,-./:;<=>? ¡ÄÖÑÜ§ ¿äöñüà\n";

        Assert.True(Gsm7.IsGsm7(text));
        Assert.Equal(text.Length, Gsm7.Septets(text));
        Assert.Equal(1, Gsm7.Segments(text));
    }

    [Fact]
    public void Extension_characters_count_two()
    {
        const string text = "{}[]~^|\\€";

        Assert.True(Gsm7.IsGsm7(text));
        Assert.Equal(18, Gsm7.Septets(text));
    }

    [Fact]
    public void Single_segment_limit_is_160_septets()
    {
        Assert.Equal(1, Gsm7.Segments(new string('a', 160)));
        Assert.Equal(2, Gsm7.Segments(new string('a', 161)));
        Assert.Equal(1, Gsm7.Segments(new string('a', 158) + "€")); // 160 septets
        Assert.Equal(2, Gsm7.Segments(new string('a', 159) + "€")); // 161 septets
        Assert.Equal(0, Gsm7.Segments(""));
    }

    [Fact]
    public void Multipart_gsm_is_153_septets_a_part_and_never_splits_an_escape()
    {
        Assert.Equal(2, Gsm7.Segments(new string('a', 306)));
        Assert.Equal(3, Gsm7.Segments(new string('a', 307)));
        // 152 plain characters then a two-septet euro: it cannot straddle the part boundary, so it moves to part two.
        Assert.Equal(3, Gsm7.Segments(new string('a', 152) + "€" + new string('a', 152)));
        Assert.Equal(2, Gsm7.Segments(new string('a', 151) + "€" + new string('a', 153)));
    }

    [Fact]
    public void A_curly_quote_makes_it_ucs2_with_70_then_67_a_part()
    {
        var seventy = "It\u2019s" + new string('a', 66);
        Assert.False(Gsm7.IsGsm7(seventy));
        Assert.Equal(70, seventy.Length);
        Assert.Equal(1, Gsm7.Segments(seventy));
        Assert.Equal(2, Gsm7.Segments(seventy + "a"));
        Assert.Equal(2, Gsm7.Segments("\u2019" + new string('a', 133)));
        Assert.Equal(3, Gsm7.Segments("\u2019" + new string('a', 134)));
    }

    [Fact]
    public void An_emoji_is_ucs2_and_its_surrogate_pair_is_never_split()
    {
        const string party = "\U0001F389";
        Assert.False(Gsm7.IsGsm7(party));
        Assert.Equal(1, Gsm7.Segments(party));
        Assert.Equal(1, Gsm7.Segments(new string('a', 68) + party));
        Assert.Equal(2, Gsm7.Segments(new string('a', 69) + party));
        // 66 units then a pair at units 67-68: the pair moves whole to part two.
        Assert.Equal(2, Gsm7.Segments(new string('a', 66) + party + new string('a', 65)));
        Assert.Equal(3, Gsm7.Segments(new string('a', 66) + party + new string('a', 66)));
    }
}
