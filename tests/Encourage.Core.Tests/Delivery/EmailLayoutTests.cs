using System.Text.RegularExpressions;
using Encourage.Delivery.Emails;
using Encourage.Hosting;
using Microsoft.Extensions.Configuration;

namespace Encourage.Core.Tests.Delivery;

/// <summary>Every email goes out in the one layout: header, day and phase, preheader, inlined CSS, footer, postal address.</summary>
public sealed partial class EmailLayoutTests : IAsyncLifetime
{
    private readonly EmailSamples _samples = new();

    [Fact]
    public async Task A_daily_email_says_which_day_and_phase_it_is_in_both_parts()
    {
        var s = EmailSamples.Subscriber("Ana");
        var email = await _samples.ProgrammeAsync(s, 3);
        var day = EmailParts.DayLine(_samples.Programme, _samples.Programme.Entry(3)!);
        Assert.Equal("Day 3 · Let go", day);
        Assert.Contains(">Day 3 · Let go</p>", email.Html, StringComparison.Ordinal);
        Assert.Contains("\nDay 3 · Let go\n", email.Text, StringComparison.Ordinal);
        Assert.StartsWith("ENCOURAGE\n", email.Text, StringComparison.Ordinal);
        Assert.Contains("<title>" + System.Net.WebUtility.HtmlEncode(email.Subject) + "</title>", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Css_is_inlined_sans_serif_at_least_16px_and_at_most_600px_wide()
    {
        var email = await _samples.ProgrammeAsync(EmailSamples.Subscriber(), 5);
        // Only the media-query sheet is left as a style element; everything else moved into style attributes.
        Assert.Single(StyleElement().Matches(email.Html));
        Assert.Contains("id=\"email-media\"", email.Html, StringComparison.Ordinal);
        var content = ContentCell().Match(email.Html);
        Assert.True(content.Success, "the content cell has inline styles");
        Assert.Contains("sans-serif", content.Value, StringComparison.Ordinal);
        var sizes = FontSize().Matches(email.Html).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .Where(px => px > 1) // the hidden preheader
            .ToList();
        Assert.NotEmpty(sizes);
        Assert.All(sizes, px => Assert.True(px >= 16, $"a {px}px font in the email"));
        Assert.Contains("max-width: 600px", email.Html, StringComparison.Ordinal);
        Assert.Contains("prefers-color-scheme: dark", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirm_welcome_daily_and_graduation_all_carry_the_footer_address_and_preheader()
    {
        var s = EmailSamples.Subscriber("Robin");
        var emails = new[]
        {
            await _samples.ConfirmAsync(s), await _samples.WelcomeAsync(s),
            await _samples.ProgrammeAsync(s, 2), await _samples.ProgrammeAsync(s, null),
        };
        var unsubscribe = _samples.Links.Unsubscribe(s, Encourage.Subscriptions.Channels.Email);
        foreach (var email in emails)
        {
            Assert.Contains("class=\"preheader\"", email.Html, StringComparison.Ordinal);
            Assert.Contains(TestSettings.PostalAddress, email.Html, StringComparison.Ordinal);
            Assert.EndsWith(TestSettings.PostalAddress + "\n", email.Text, StringComparison.Ordinal);
            Assert.Contains(System.Net.WebUtility.HtmlEncode(unsubscribe), email.Html, StringComparison.Ordinal);
            Assert.Contains(unsubscribe, email.Text, StringComparison.Ordinal);
            Assert.Equal("<" + unsubscribe + ">", email.Headers["List-Unsubscribe"]);
            // Without Encourage__ReplyDomain replies by email are not read, so no email says to reply to it.
            Assert.DoesNotContain("reply to this email", email.Text, StringComparison.OrdinalIgnoreCase);
        }
        Assert.DoesNotContain("\nDay ", emails[0].Text, StringComparison.Ordinal);
        Assert.Matches(@"\nDay \d+ · Living well, either way\n", emails[3].Text);
    }

    [Fact]
    public async Task A_name_with_markup_is_shown_as_typed_in_every_part()
    {
        var s = EmailSamples.Subscriber("<b>Jo</b>");
        var email = await _samples.ProgrammeAsync(s, 1);
        Assert.DoesNotContain("<b>Jo</b>", email.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Jo&lt;/b&gt;", email.Html, StringComparison.Ordinal);
        Assert.Contains("<b>Jo</b>", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_preheader_skips_the_greeting_and_stops_at_a_word()
    {
        Assert.Equal("Welcome to Encourage.", EmailParts.Preheader("Hi Ana,\n\nWelcome to Encourage.\n\nMore."));
        var long_ = EmailParts.Preheader(string.Join(' ', Enumerable.Repeat("gentle", 40)));
        Assert.True(long_.Length <= EmailParts.PreheaderLength, long_);
        Assert.EndsWith("gentle...", long_, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_reply_domain_every_email_to_a_confirmed_subscriber_carries_its_reply_to_and_the_hint()
    {
        await using var on = new EmailSamples(new Dictionary<string, string?> { ["Encourage:ReplyDomain"] = "reply.example.org" });
        var pending = EmailSamples.Subscriber("Robin");
        var confirmed = EmailSamples.Subscriber("Robin");
        confirmed.EmailConfirmed = true;

        var request = await on.ConfirmAsync(pending);
        Assert.Null(request.ReplyTo);
        Assert.DoesNotContain("reply to this email", request.Text, StringComparison.OrdinalIgnoreCase);
        foreach (var email in new[] { await on.WelcomeAsync(confirmed), await on.ProgrammeAsync(confirmed, 2), await on.ProgrammeAsync(confirmed, null) })
        {
            Assert.Matches("^reply\\+[a-z2-7]{26}@reply\\.example\\.org$", email.ReplyTo);
            Assert.Contains("You can reply to this email any time, Robin: URGE", email.Text, StringComparison.Ordinal);
            Assert.Contains("You can reply to this email any time, Robin: URGE", email.Html, StringComparison.Ordinal);
            // The paragraphs that say "text URGE" still go only to people who get our texts.
            Assert.DoesNotContain("text URGE", email.Text, StringComparison.OrdinalIgnoreCase);
        }
        var off = await _samples.WelcomeAsync(confirmed);
        Assert.Null(off.ReplyTo);
        Assert.DoesNotContain("reply to this email", off.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_reply_hint_appears_only_when_switched_on()
    {
        var off = new EmailDocument("Encourage", "S", "P", null, "<p>b</p>", "b", "f", "f", "Addr");
        Assert.DoesNotContain("Reply", EmailParts.Text(off), StringComparison.Ordinal);
        var on = off with { ReplyHint = "Reply to this email any time." };
        Assert.Contains("Reply to this email any time.", EmailParts.Text(on), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production", null, false)]
    [InlineData("Production", "  ", false)]
    [InlineData("Production", "1 Main St, Springfield", true)]
    [InlineData("Development", null, true)]
    public void The_postal_address_is_required_outside_development(string mode, string? address, bool valid)
    {
        var values = TestSettings.For(TestSettings.NewPrefix());
        values["Encourage:Mode"] = mode;
        values["Encourage:PostalAddress"] = address;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        using var provider = new ServiceCollection().AddLogging().AddEncourage(configuration).BuildServiceProvider();
        if (valid)
        {
            Assert.Equal(mode, provider.GetRequiredService<IOptions<EncourageOptions>>().Value.Mode);
            return;
        }
        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<EncourageOptions>>().Value);
        Assert.Contains("Encourage__PostalAddress", e.Message, StringComparison.Ordinal);
    }

    [GeneratedRegex("<style[\\s>]")]
    private static partial Regex StyleElement();

    [GeneratedRegex("<td class=\"content\" style=\"[^\"]+\"")]
    private static partial Regex ContentCell();

    [GeneratedRegex("font-size: ?(\\d+)px")]
    private static partial Regex FontSize();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _samples.DisposeAsync();
}
