using CsCheck;
using Encourage.Hosting;

namespace Encourage.Core.Tests.Properties;

/// <summary>
/// LinkToken.Read on anything at all: it never throws and returns a claim only for a token this service made, for
/// that purpose, unaltered.
/// </summary>
public sealed class LinkTokenPropertyTests
{
    private static readonly LinkToken Tokens = Make(TestSettings.TokenSecret);
    private static readonly LinkToken OtherSecret = Make("another-secret-entirely-0123456789abcdef-xyz");

    private static LinkToken Make(string secret) =>
        new(Options.Create(new EncourageOptions { PublicBaseUrl = TestSettings.PublicBaseUrl, TokenSecret = secret }), TimeProvider.System);

    // Controls, direction marks and overrides (U+200F, U+202E...), joiners, BOM, lone surrogate halves, non-characters,
    // and the characters a token is made of.
    private const string Awkward = "\0\u0001\u0007\b\t\n\r\u001B\u007F\u0085\u00A0\u00AD\u061C\u200B\u200D\u200E\u200F\u202A\u202B\u202E\u2066\u2069\uFEFF\uFFFD\uFFFE\uFFFF\uD800\uDBFF\uDC00\uDFFF%+/=.|-_ ";
    private const string Base64UrlChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static readonly Gen<char> AnyChar = Gen.Char[char.MinValue, char.MaxValue];
    private static readonly Gen<char> TokenishChar = Gen.Frequency((5, Gen.Char[Base64UrlChars]), (2, Gen.Char[Awkward]), (1, AnyChar), (1, Gen.Const('.')));

    private static readonly Gen<string> RandomText = Gen.Frequency((2, AnyChar), (3, TokenishChar)).Array[0, 400].Select(c => new string(c));
    private static readonly Gen<string> Huge = TokenishChar.Array[9_000, 11_000].Select(c => new string(c));

    private static readonly Gen<string> SubscriberId =
        Gen.Select(Gen.Char["pe"], Gen.Char["0123456789abcdef"].Array[32], (k, hex) => k + new string(hex));

    private static readonly Gen<Channels> Channel = Gen.OneOf(Channels.Sms, Channels.Email);
    private static readonly Gen<LinkPurpose> Purpose = Gen.OneOf(LinkPurpose.Unsubscribe, LinkPurpose.Confirm);

    private static readonly Gen<DateTimeOffset> Issued = Gen.Long[1_600_000_000_000, 2_200_000_000_000].Select(DateTimeOffset.FromUnixTimeMilliseconds);

    private static readonly Gen<(LinkPurpose Purpose, string Id, Channels Channel, int Generation, string Contact, DateTimeOffset Issued, string Token)> Valid =
        Gen.Select(Purpose, SubscriberId, Channel, Gen.Int[1, 10_000], Gen.Int[100, 199], Issued)
            .Select((p, id, c, g, n, t) =>
            {
                var contact = Tokens.ContactHash("+12125550" + n.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return (p, id, c, g, contact, t, Tokens.Create(p, id, c, g, contact, t));
            });

    private static void NeverAClaim(string? text)
    {
        Assert.Null(Tokens.Read(text, LinkPurpose.Unsubscribe));
        Assert.Null(Tokens.Read(text, LinkPurpose.Confirm));
    }

    [Fact]
    public void Random_text_is_never_a_token() => RandomText.Sample(NeverAClaim, iter: 3_000);

    [Fact]
    public void Ten_kilobyte_text_is_never_a_token() => Huge.Sample(NeverAClaim, iter: 30);

    [Fact]
    public void Null_empty_and_dots_are_never_tokens()
    {
        foreach (var s in new[] { null, "", ".", "..", "a.", ".a", "\u200F.\u202E", "\uD800.\uDC00" }) NeverAClaim(s);
    }

    [Fact]
    public void A_valid_token_round_trips_and_only_for_its_purpose() =>
        Valid.Sample(v =>
        {
            var claim = Tokens.Read(v.Token, v.Purpose);
            Assert.Equal(new LinkClaim(v.Purpose, v.Id, v.Channel, v.Generation, v.Contact, v.Issued), claim);
            Assert.Null(Tokens.Read(v.Token, v.Purpose == LinkPurpose.Confirm ? LinkPurpose.Unsubscribe : LinkPurpose.Confirm));
            Assert.Null(OtherSecret.Read(v.Token, v.Purpose));
            Assert.True(v.Token.Length <= 256, $"token of {v.Token.Length} characters");
            Assert.DoesNotContain(v.Token, c => !Base64UrlChars.Contains(c) && c != '.');
        }, iter: 500);

    [Fact]
    public void A_valid_token_with_one_character_altered_is_refused() =>
        Gen.Select(Valid, Gen.Int[0, 1_000], Gen.Frequency((4, Gen.Char[Base64UrlChars]), (1, Gen.Char[Awkward]), (1, AnyChar)))
            .Where(t => t.Item1.Token[t.Item2 % t.Item1.Token.Length] != t.Item3)
            .Sample((v, at, c) =>
            {
                var chars = v.Token.ToCharArray();
                chars[at % chars.Length] = c;
                var altered = new string(chars);
                Assert.Null(Tokens.Read(altered, v.Purpose));
                Assert.Null(Tokens.Read(altered, v.Purpose == LinkPurpose.Confirm ? LinkPurpose.Unsubscribe : LinkPurpose.Confirm));
            }, iter: 2_000);

    [Fact]
    public void A_valid_token_with_one_character_inserted_is_refused() =>
        Gen.Select(Valid, Gen.Int[0, 1_000], Gen.Frequency((4, Gen.Char[Base64UrlChars]), (1, Gen.Char[Awkward]), (1, AnyChar)))
            .Sample((v, at, c) => Assert.Null(Tokens.Read(v.Token.Insert(at % (v.Token.Length + 1), c.ToString()), v.Purpose)), iter: 2_000);

    [Fact]
    public void A_valid_token_with_one_character_removed_is_refused() =>
        Gen.Select(Valid, Gen.Int[0, 1_000])
            .Sample((v, at) => Assert.Null(Tokens.Read(v.Token.Remove(at % v.Token.Length, 1), v.Purpose)), iter: 2_000);

    [Fact]
    public void A_token_with_its_halves_swapped_between_two_subscribers_is_refused() =>
        Gen.Select(Valid, Valid).Where((a, b) => a.Id != b.Id).Sample((a, b) =>
        {
            // Opaque tokens (issue 20) have no dot between payload and MAC: the halves are split at the middle.
            var mixed = a.Token[..(a.Token.Length / 2)] + b.Token[(b.Token.Length / 2)..];
            Assert.Null(Tokens.Read(mixed, a.Purpose));
            Assert.Null(Tokens.Read(mixed, b.Purpose));
        }, iter: 500);

    [Fact]
    public void A_token_wrapped_in_invisible_characters_is_refused() =>
        Gen.Select(Valid, Gen.Char["\u200F\u202E\u200B\uFEFF \t\n\r\0"], Gen.Bool).Sample((v, c, before) =>
            Assert.Null(Tokens.Read(before ? c + v.Token : v.Token + c, v.Purpose)), iter: 500);
}
