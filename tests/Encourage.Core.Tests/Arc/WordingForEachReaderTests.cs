using Encourage.Arc;
using Encourage.Delivery;
using Encourage.Hosting;
using Encourage.Replies;
using Encourage.Safety;
using Encourage.Web;
using Microsoft.Extensions.Configuration;

namespace Encourage.Core.Tests.Arc;

/// <summary>
/// The words each reader gets: safety-aware wording after an abuse match or PRIVATE, email wording for people who
/// get only email, the compliance facts in every opt-in, welcome, START and HELP text, and no lower-case start.
/// </summary>
public sealed class WordingForEachReaderTests
{
    private static readonly string CrisisLine = CrisisResources.LoadEmbedded() is var r ? new CrisisHelp(r).CrisisLine("US") : "";
    private static readonly Programme Programme = Programme.LoadEmbedded();

    private static readonly IOptions<EncourageOptions> Options = Microsoft.Extensions.Options.Options.Create(new EncourageOptions
    {
        PublicBaseUrl = TestSettings.PublicBaseUrl,
        TokenSecret = TestSettings.TokenSecret,
        SupportEmail = TestSettings.SupportEmail,
    });

    private static readonly ReplyBook Replies = ReplyBook.LoadEmbedded().WithStandingValues(new Dictionary<string, string>
    {
        [ReplyKeys.SupportValue] = SupportContact.Of(Options.Value),
    });

    private static readonly MessageComposer Composer = new(new Links(Options, new LinkToken(Options, TimeProvider.System)), Replies, Programme, new CrisisHelp(CrisisResources.LoadEmbedded()),
        new global::Encourage.Delivery.Emails.EmailHtml(new global::Encourage.Web.Components.ComponentRenderer()), Options,
        new ReplyAddress(Options, new LinkToken(Options, TimeProvider.System)));

    private static Subscriber Person(string channel = "sms", bool safetyMode = false, string name = "Ana", string pronoun = "her") => new()
    {
        Id = "p0123456789abcdef0123456789abcdef",
        FirstName = name,
        Phone = channel is "sms" or "both" ? "+12125550182" : null,
        Email = channel is "email" or "both" ? "ana@example.com" : null,
        Channel = ChannelNames.TryParse(channel, out var c) ? c : Channels.None,
        SmsConfirmed = channel is "sms" or "both",
        EmailConfirmed = channel is "email" or "both",
        Pronoun = Enum.Parse<Pronoun>(pronoun, ignoreCase: true),
        SafetyMode = safetyMode,
        Status = SubscriberStatus.Active,
    };

    private static IEnumerable<ProgrammeEntry> ReachOutEntries => Programme.Entries.Where(e => e.PhaseId == PhaseIds.IfHeReachesOut);

    [Fact]
    public void The_reach_out_entries_are_39_to_42_and_each_has_a_safety_wording()
    {
        Assert.Equal([39, 40, 41, 42], ReachOutEntries.Select(e => e.Number));
        Assert.All(ReachOutEntries, e => Assert.NotNull(e.Safety));
    }

    [Theory]
    [InlineData("him")]
    [InlineData("her")]
    [InlineData("them")]
    public void In_safety_mode_entries_39_to_42_never_encourage_replying_or_reuniting_and_give_the_crisis_line(string pronoun)
    {
        foreach (var entry in ReachOutEntries)
        {
            var message = Composer.Daily(Person("both", safetyMode: true, pronoun: pronoun), entry, recoveryLine: null);
            foreach (var text in new[] { message.Sms, message.EmailSubject, message.EmailText })
            {
                Assert.Empty(ContentLint.PushTowardsContact(text));
                foreach (var push in new[] { "friendly", "casual", "try again", "back together", "hold on loosely", "when you do reply", "want you back", "wants you back", "busy and well" })
                    Assert.DoesNotContain(push, text, StringComparison.OrdinalIgnoreCase);
            }
            Assert.Contains(CrisisLine, message.EmailText, StringComparison.Ordinal);
            Assert.Equal(1, Gsm7.Segments(message.Sms));
        }
        // The ordinary wording of the same entries does nudge (so the check above can fail), and is what others get.
        var ordinary = Composer.Daily(Person("both"), Programme.Entry(39)!, null);
        Assert.NotEmpty(ContentLint.PushTowardsContact(ordinary.EmailText));
        Assert.Contains(ReachOutEntries, e => ContentLint.PushTowardsContact(Composer.Daily(Person("both"), e, null).Sms).Count > 0);
    }

    [Fact]
    public void In_safety_mode_the_reach_out_replies_owe_nothing_and_give_the_crisis_line()
    {
        foreach (var called in new[] { false, true })
        {
            var safe = Composer.ReachOutReply(Person(safetyMode: true), called);
            Assert.Empty(ContentLint.PushTowardsContact(safe));
            Assert.Contains("don't owe", safe, StringComparison.Ordinal);
            Assert.Contains(CrisisLine, safe, StringComparison.Ordinal);
            Assert.DoesNotContain("friendly", safe, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Hold on loosely", safe, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(1, Gsm7.Segments(safe));

            var ordinary = Composer.ReachOutReply(Person(), called);
            Assert.NotEmpty(ContentLint.PushTowardsContact(ordinary));
        }
    }

    [Fact]
    public void In_safety_mode_no_slip_reply_in_any_phase_nudges_towards_the_ex()
    {
        var nudgedBefore = 0;
        foreach (var kind in Enum.GetValues<SlipKind>())
        {
            foreach (var phase in PhaseIds.InOrder)
            {
                Assert.Empty(ContentLint.PushTowardsContact(Composer.SlipReply(Person(safetyMode: true), kind, phase)));
                if (ContentLint.PushTowardsContact(Composer.SlipReply(Person(), kind, phase)).Count > 0) nudgedBefore++;
            }
        }
        Assert.True(nudgedBefore > 0); // the ordinary wording does nudge in places, so the swap is doing something
    }

    [Fact]
    public async Task Through_the_webhook_a_person_in_safety_mode_who_texts_HETEXTED_gets_the_safety_reply()
    {
        var start = new DateTimeOffset(2027, 5, 10, 11, 0, 0, TimeSpan.Zero);
        await using var s = await EncourageServices.StartAsync(start);
        const string phone = "+12125550183";
        await s.Get<SubscriptionLifecycle>().SubscribeAsync(
            new ValidSubscription("Ana", phone, null, Channels.Sms, "America/New_York", new LocalTime(9, 0), null, Pronoun.Him),
            sendConfirmation: true, CancellationToken.None);
        var store = s.Get<SubscriberStore>();
        var id = (await store.GetByPhoneAsync(phone, CancellationToken.None))!.Id;
        await s.Get<SubscriptionLifecycle>().ConfirmAsync(id, Channels.Sms, CancellationToken.None);
        var profile = (await store.GetAsync(id, CancellationToken.None))!;
        profile.SafetyMode = true;
        Assert.True(await store.TrySaveAsync(profile, CancellationToken.None));

        var answer = Assert.Single(await s.Get<InboundSmsHandler>().ReplyAsync(TwilioFields.NewSid(), phone, "HETEXTED", CancellationToken.None));

        Assert.Equal(s.Get<ReplyBook>().Text(ReplyKeys.HeTextedSafety, "Ana", Pronoun.Him, new Dictionary<string, string> { [ReplyKeys.CrisisLineValue] = CrisisLine }), answer);
        Assert.Empty(ContentLint.PushTowardsContact(answer));
    }

    [Fact]
    public async Task The_welcome_says_plainly_it_is_not_for_leaving_an_abusive_relationship_and_where_help_is()
    {
        var sms = Composer.WelcomeSms(Person());
        var email = await Composer.WelcomeEmailAsync(Person("email"));

        Assert.Contains("not for leaving an abusive one", sms, StringComparison.Ordinal);
        Assert.Contains(CrisisLine, sms, StringComparison.Ordinal);
        Assert.Contains("not made for leaving an abusive one", email.Text, StringComparison.Ordinal);
        Assert.Contains(CrisisLine, email.Text, StringComparison.Ordinal);
        Assert.True(Gsm7.Segments(sms) <= 3);
    }

    [Fact]
    public async Task Email_only_readers_are_never_told_to_text_a_keyword_and_texters_still_are()
    {
        var emailOnly = Person("email");
        var both = Person("both");
        var keywords = new[] { "URGE", "SLIP", "STATUS", "HETEXTED", "HECALLED", "REACHEDOUT", "text us" };
        var textAKeyword = new System.Text.RegularExpressions.Regex(@"\b[Tt]ext [A-Z]{3,}\b");
        foreach (var entry in Programme.Entries)
        {
            var email = Composer.Daily(emailOnly, entry, null);
            foreach (var k in keywords) Assert.DoesNotContain(k, email.EmailText, StringComparison.Ordinal);
            Assert.DoesNotMatch(textAKeyword, email.EmailText);
            Assert.DoesNotContain(MessageRenderer.TextsOnlyMarker, Composer.Daily(both, entry, null).EmailText, StringComparison.Ordinal);
        }
        var welcome = await Composer.WelcomeEmailAsync(emailOnly);
        foreach (var k in keywords) Assert.DoesNotContain(k, welcome.Text, StringComparison.Ordinal);
        Assert.DoesNotMatch(textAKeyword, welcome.Text);

        Assert.Contains("text URGE", Composer.Daily(both, Programme.Entry(7)!, null).EmailText, StringComparison.Ordinal);
        Assert.Contains("REACHEDOUT", (await Composer.WelcomeEmailAsync(both)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void No_message_starts_with_a_lower_case_word_whatever_the_name()
    {
        foreach (var name in new[] { "ana", "", "Maximiliana-Cordelia" })
        {
            foreach (var pronoun in new[] { "him", "her", "them" })
            {
                var person = Person("both", name: name, pronoun: pronoun);
                foreach (var entry in Programme.Entries)
                {
                    var m = Composer.Daily(person, entry, null);
                    Assert.True(char.IsUpper(m.Sms[0]), $"entry {entry.Number}: {m.Sms}");
                    Assert.True(char.IsUpper(m.EmailSubject[0]), $"entry {entry.Number}: {m.EmailSubject}");
                    Assert.True(char.IsUpper(m.EmailText[0]), $"entry {entry.Number}: {m.EmailText}");
                }
                foreach (var key in ReplyKeys.All.Where(ReplyKeys.IsSms))
                {
                    var text = Replies.Text(key, name, Enum.Parse<Pronoun>(pronoun, ignoreCase: true), ProgrammePreview.SampleValues);
                    Assert.True(char.IsUpper(text[0]), $"{key}: {text}");
                }
            }
        }
        Assert.StartsWith("Ana, you chose to let go.", Composer.Daily(Person(name: "ana"), Programme.Entry(1)!, null).Sms, StringComparison.Ordinal);
    }

    public static TheoryData<string> ComplianceKeys() => [ReplyKeys.ConfirmSms, ReplyKeys.WelcomeSms, ReplyKeys.StartAgain, ReplyKeys.Help, ReplyKeys.Join];

    [Theory]
    [MemberData(nameof(ComplianceKeys))]
    public void Opt_in_welcome_start_and_help_texts_carry_name_frequency_rates_help_and_stop(string key)
    {
        var text = key == ReplyKeys.WelcomeSms
            ? Composer.WelcomeSms(Person(name: "Maximiliana-Cordelia", pronoun: "them"))
            : Replies.Text(key, "Maximiliana-Cordelia", Pronoun.Them, ProgrammePreview.SampleValues);

        Assert.Contains("Encourage", text, StringComparison.Ordinal);
        Assert.Contains("up to 1 msg/day", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Msg & data rates may apply", text, StringComparison.Ordinal);
        Assert.Contains("HELP", text, StringComparison.Ordinal);
        Assert.Contains("STOP", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1 message a day", text, StringComparison.OrdinalIgnoreCase);
        Assert.All(text.Split('\n'), line => Assert.NotEqual("STOP", line.Trim().TrimEnd('.')));
    }

    [Fact]
    public void Help_names_the_support_contact_says_it_is_automated_and_fits_two_segments()
    {
        var help = Replies.Text(ReplyKeys.Help, "Maximiliana-Cordelia", Pronoun.Them, new Dictionary<string, string> { [ReplyKeys.LinkValue] = TestSettings.PublicBaseUrl + "/x" });
        var stranger = Replies.Text(ReplyKeys.HelpUnsubscribed, "", Pronoun.Them);

        Assert.Contains(TestSettings.SupportEmail, help, StringComparison.Ordinal);
        Assert.Contains("automated", help, StringComparison.Ordinal);
        Assert.Contains("not read by a person", help, StringComparison.Ordinal);
        Assert.True(Gsm7.Segments(help) <= 2, $"{Gsm7.Septets(help)} septets");
        Assert.Contains(TestSettings.SupportEmail, stranger, StringComparison.Ordinal);
        Assert.Equal(1, Gsm7.Segments(stranger));
        // The longest support contact the settings allow still fits.
        var longest = ReplyBook.LoadEmbedded().WithStandingValues(new Dictionary<string, string> { [ReplyKeys.SupportValue] = new string('s', SupportContact.MaxLength) });
        Assert.True(Gsm7.Segments(longest.Text(ReplyKeys.Help, "Maximiliana-Cordelia", Pronoun.Them)) <= 2);
    }

    [Fact]
    public void Production_refuses_to_start_without_a_support_contact_and_names_both_settings()
    {
        static EncourageOptions Resolve(params (string Key, string? Value)[] overrides)
        {
            var values = TestSettings.For(TestSettings.NewPrefix());
            values["Encourage:Mode"] = "Production";
            foreach (var (k, v) in overrides) values[k] = v;
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
            var services = new ServiceCollection().AddLogging();
            services.AddEncourage(configuration);
            using var provider = services.BuildServiceProvider();
            return provider.GetRequiredService<IOptions<EncourageOptions>>().Value;
        }

        var e = Assert.Throws<OptionsValidationException>(() => Resolve(("Encourage:SupportEmail", null)));
        Assert.Contains("Encourage__SupportEmail or Encourage__SupportUrl is required", e.Message, StringComparison.Ordinal);
        Assert.Equal("https://encourage.example.net/help", Resolve(("Encourage:SupportEmail", null), ("Encourage:SupportUrl", "https://encourage.example.net/help")).SupportUrl);
        Assert.Throws<OptionsValidationException>(() => Resolve(("Encourage:SupportEmail", "not an address")));
        Assert.Throws<OptionsValidationException>(() => Resolve(("Encourage:SupportEmail", new string('a', 40) + "@example.com")));
    }
}
