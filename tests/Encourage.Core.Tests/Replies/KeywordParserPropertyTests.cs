using CsCheck;
using Encourage.Replies;

namespace Encourage.Core.Tests.Replies;

public sealed class KeywordParserPropertyTests
{
    // Characters that have broken text code before: controls, direction overrides, joiners,
    // a BOM, both halves of surrogate pairs on their own, and a non-character.
    private const string Awkward = "\0\u0001\u0007\b\t\n\r\u001B\u007F\u0085\u00A0\u00AD\u061C\u200B\u200C\u200D\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\uFEFF\uFFFD\uFFFE\uFFFF\uD800\uDBFF\uDC00\uDFFF’‘\"'`´?!.,;:/_-+&|";

    private static readonly string[] Words =
    [
        "stop", "texted", "him", "he", "me", "called", "i", "didnt", "don't", "want", "to", "pause", "10", "tz",
        "America/Chicago", "drove", "by", "his", "place", "kill", "myself", "hit", "scared", "of", "her", "back",
        "replied", "asked", "sister", "showed", "up", "ok", "yes", "please", "😢", "🛑", "他", "ＳＴＯＰ", "not", "end",
    ];

    private static readonly Gen<char> AnyChar = Gen.Int[0, 0xFFFF].Select(i => (char)i);

    private static readonly Gen<char> Mixed = Gen.Frequency(
        (4, AnyChar),
        (3, Gen.Char[Awkward]),
        (3, Gen.Char['a', 'z']),
        (1, Gen.Const(' ')));

    private static readonly Gen<string> RandomText = Mixed.Array[0, 300].Select(chars => new string(chars));

    private static readonly Gen<string> WordSoup =
        Gen.Frequency((5, Gen.OneOf(Words)), (1, RandomText))
            .Array[0, 40]
            .Select(parts => string.Join(" ", parts));

    private static readonly Gen<string> Huge = Mixed.Array[8_000, 12_000].Select(chars => new string(chars));

    private static void AssertWellFormed(string? body)
    {
        var reply = KeywordParser.Parse(body);

        Assert.True(Enum.IsDefined(reply.Intent), $"undefined intent {(int)reply.Intent}");
        Assert.Equal(reply.Intent == Intent.Slip, reply.Slip is not null);
        Assert.True(reply.Slip is null || Enum.IsDefined(reply.Slip.Value));
        Assert.Equal(reply.Intent == Intent.HeReachedOut, reply.Contact is not null);
        Assert.True(reply.Contact is null || Enum.IsDefined(reply.Contact.Value));
        Assert.Equal(reply.Intent == Intent.TimeZone, reply.TimeZoneId is not null);
        Assert.True(reply.PauseDays is null || (reply.Intent == Intent.Pause && reply.PauseDays is >= 1 and <= KeywordParser.MaxPauseDays));
    }

    [Fact]
    public void Random_text_never_throws_and_is_well_formed() =>
        RandomText.Sample(AssertWellFormed, iter: 1_000);

    [Fact]
    public void Word_soup_never_throws_and_is_well_formed() =>
        WordSoup.Sample(AssertWellFormed, iter: 500);

    [Fact]
    public void Ten_kilobyte_bodies_never_throw() =>
        Huge.Sample(AssertWellFormed, iter: 50);

    [Fact]
    public void Normalising_is_idempotent() =>
        Gen.OneOf(RandomText, WordSoup).Sample(text =>
        {
            var once = KeywordParser.Normalize(text);
            Assert.Equal(once, KeywordParser.Normalize(once));
        }, iter: 1_000);

    [Fact]
    public void Safety_is_flagged_whatever_surrounds_it() =>
        WordSoup.Sample(text =>
        {
            Assert.True(KeywordParser.Parse("i want to kill myself. " + text).SafetyConcern);
        }, iter: 500);
}
