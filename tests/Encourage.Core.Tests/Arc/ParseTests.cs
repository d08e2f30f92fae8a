using CsCheck;
using Encourage.Arc;
using Encourage.Replies;

namespace Encourage.Core.Tests.Arc;

public sealed class ParseTests
{
    public static TheoryData<string> Garbage => new()
    {
        "",
        "   \n\n",
        "---",
        "just a sentence",
        "- a\n- b",
        "phases: 3\nentries: x",
        "entries:\n  - 1\n  - [a]",
        "entries: [unclosed",
        "{{{{",
        "key: \"unterminated",
        "a: 1\na: 2",
        "phases: []\nentries:\n  - entry: one\n    days_after: x\n    graduation: maybe",
        "phases: []\nentries:\n  - sms: [1, 2]",
        "a: &x [1]\nb: *x",
        "--- a\n--- b",
        "\t\tkey: value",
        "? [complex]\n: key",
        "%YAML 9.9\n--- x",
        "!!binary AAAA",
        new string('[', 20_000),
        new string('{', 20_000),
        string.Concat(Enumerable.Repeat("- ", 5_000)) + "x",
        string.Concat(Enumerable.Range(0, 300).Select(i => new string(' ', i) + "a:\n")),
        "\0\u0001\u0002\uFFFE\uD800\uDC00x\uDFFF",
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Programme_parse_throws_only_ContentException(string yaml)
    {
        var e = Assert.Throws<ContentException>(() => Programme.Parse(yaml));
        Assert.NotEmpty(e.Problems);
    }

    [Theory]
    [MemberData(nameof(Garbage))]
    public void ReplyBook_parse_throws_only_ContentException(string yaml)
    {
        var e = Assert.Throws<ContentException>(() => ReplyBook.Parse(yaml));
        Assert.NotEmpty(e.Problems);
    }

    [Fact]
    public void Null_is_a_ContentException_too()
    {
        Assert.Throws<ContentException>(() => Programme.Parse(null!));
        Assert.Throws<ContentException>(() => ReplyBook.Parse(null!));
    }

    [Fact]
    public void Structural_problems_are_all_listed_with_their_line()
    {
        var e = Assert.Throws<ContentException>(() => Programme.Parse("phases: []\nentries:\n  - entry: one\n    days_after: x\n    graduation: maybe\n    colour: red"));

        Assert.Contains(e.Problems, p => p.Contains("line 3") && p.Contains("'entry' should be a whole number, not 'one'"));
        Assert.Contains(e.Problems, p => p.Contains("'days_after' should be a whole number, not 'x'"));
        Assert.Contains(e.Problems, p => p.Contains("'graduation' should be true or false, not 'maybe'"));
        Assert.Contains(e.Problems, p => p.Contains("unknown field 'colour'"));
    }

    /// <summary>Random text, YAML-flavoured text and long text: whatever comes in, the only failure is a ContentException.</summary>
    [Fact]
    public void Random_input_never_throws_anything_but_ContentException()
    {
        var anyChar = Gen.Char; // every UTF-16 code unit: control characters, lone surrogates, noncharacters
        var fragment = Gen.OneOf(
            Gen.Const("\n"), Gen.Const("  "), Gen.Const("- "), Gen.Const(": "), Gen.Const("? "), Gen.Const("{"), Gen.Const("}"),
            Gen.Const("["), Gen.Const("]"), Gen.Const(","), Gen.Const("&a "), Gen.Const("*a"), Gen.Const("!!str "), Gen.Const("|"),
            Gen.Const(">-"), Gen.Const("---"), Gen.Const("..."), Gen.Const("'"), Gen.Const("\""), Gen.Const("#"), Gen.Const("%YAML 1.2"),
            Gen.Const("\t"), Gen.Const("\0"), Gen.Const("\uD800"), Gen.Const("\uDC00"), Gen.Const("\\u"), Gen.Const("phases"),
            Gen.Const("entries"), Gen.Const("entry"), Gen.Const("slips"), Gen.Const("messages"), Gen.Const("recovery_lines"),
            Gen.Const("let-go"), Gen.Const("{name}"), Gen.Const("99999999999999999999"), Gen.Const("true"),
            anyChar.Select(c => c.ToString()));
        var yamlish = fragment.Array[0, 400].Select(string.Concat);
        var random = anyChar.Array[0, 200].Select(a => new string(a));
        var long10k = anyChar.Array[10_000].Select(a => new string(a));
        var gen = Gen.Frequency((6, yamlish), (3, random), (1, long10k));

        gen.Sample(text =>
        {
            try { Programme.Parse(text); }
            catch (ContentException) { }
            try { ReplyBook.Parse(text); }
            catch (ContentException) { }
            try { ContentLint.CheckYaml(text, text); }
            catch (ContentException) { }
        }, iter: 3_000, threads: 1);
    }
}
