using Encourage.Arc;

namespace Encourage.Core.Tests.Arc;

public sealed class PlaceholdersTests
{
    private const string Template = "{name}, {he} {misses|miss} {his} life. {He} {is|are} on {his} own; let {him} be {himself}. {His} call, {Him} too.";

    [Theory]
    [InlineData(Pronoun.Him, "Ana, he misses his life. He is on his own; let him be himself. His call, Him too.")]
    [InlineData(Pronoun.Her, "Ana, she misses her life. She is on her own; let her be herself. Her call, Her too.")]
    [InlineData(Pronoun.Them, "Ana, they miss their life. They are on their own; let them be themself. Their call, Them too.")]
    public void Fills_name_pronouns_and_agreement(Pronoun pronoun, string expected)
    {
        Assert.Equal(expected, Placeholders.Fill(Template, "Ana", pronoun));
    }

    [Fact]
    public void Has_have_agreement_follows_the_pronoun()
    {
        Assert.Equal("She has", Placeholders.Fill("{he} {has|have}", "A", Pronoun.Her)); // a message never starts lower-case
        Assert.Equal("They have", Placeholders.Fill("{he} {has|have}", "A", Pronoun.Them));
    }

    [Fact]
    public void A_name_is_never_read_as_a_template()
    {
        Assert.Equal("Hi {he}{link}!", Placeholders.Fill("Hi {name}!", "{he}{link}", Pronoun.Them, new Dictionary<string, string> { ["link"] = "x" }));
    }

    [Fact]
    public void Named_values_fill_and_a_missing_one_throws()
    {
        var values = new Dictionary<string, string> { ["link"] = "https://e.example/u/1" };

        Assert.Equal("Go to https://e.example/u/1", Placeholders.Fill("Go to {link}", "A", Pronoun.Him, values));
        var e = Assert.Throws<ArgumentException>(() => Placeholders.Fill("Go to {zone}", "A", Pronoun.Him, values));
        Assert.Contains("{zone}", e.Message);
    }

    [Fact]
    public void A_blank_name_becomes_friend()
    {
        Assert.Equal("Hi friend.", Placeholders.Fill("Hi {name}.", "  ", Pronoun.Her));
    }

    [Fact]
    public void Unknown_lists_holes_nothing_would_fill()
    {
        var unknown = Placeholders.Unknown("{name} {he} {is|are} {link} {zone} {nmae} {a|b|c} {} } {open", ["link"]);

        Assert.Equal(["{zone}", "{nmae}", "{a|b|c}", "{}", "}", "{open"], unknown);
    }
}
