using Encourage.Hosting;
using Microsoft.Extensions.Configuration;

namespace Encourage.Core.Tests.Hosting;

/// <summary>Replying by email is switched on by Encourage__ReplyDomain, and then needs its Inbound Parse secret outside Development.</summary>
public sealed class EmailReplyOptionsTests
{
    private static ServiceProvider Build(params (string Key, string? Value)[] overrides)
    {
        var values = TestSettings.For(TestSettings.NewPrefix());
        foreach (var (k, v) in overrides) values[k] = v;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddEncourage(configuration);
        return services.BuildServiceProvider();
    }

    private static readonly (string, string?)[] Production =
    [
        ("Encourage:Mode", "Production"), ("SendGrid:ApiKey", "SG.key"), ("SendGrid:FromEmail", "hello@example.org"),
    ];

    [Theory]
    [InlineData(null, null, "Development", true)]
    [InlineData("reply.example.org", null, "Development", true)]
    [InlineData(null, null, "Production", true)]
    [InlineData("reply.example.org", null, "Production", false)]
    [InlineData("reply.example.org", "short", "Production", false)]
    [InlineData("reply.example.org", "has a space in it but is long enough", "Production", false)]
    [InlineData("reply.example.org", "a-long-enough-inbound-parse-secret-0123", "Production", true)]
    public void The_inbound_parse_secret_is_required_in_production_when_replies_are_on(string? domain, string? secret, string mode, bool valid)
    {
        (string, string?)[] settings = [("Encourage:ReplyDomain", domain), ("SendGrid:InboundParseSecret", secret), ("Encourage:Mode", mode)];
        using var provider = Build([.. mode == "Production" ? Production : [], .. settings]);
        if (valid)
        {
            Assert.Equal(secret, provider.GetRequiredService<IOptions<SendGridOptions>>().Value.InboundParseSecret);
        }
        else
        {
            var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SendGridOptions>>().Value);
            Assert.Contains("SendGrid__InboundParseSecret", e.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Reply.Example.org")]
    [InlineData("https://reply.example.org")]
    [InlineData("reply")]
    [InlineData("reply+x@example.org")]
    public void A_reply_domain_that_is_not_a_lower_case_domain_is_refused_by_name(string domain)
    {
        using var provider = Build(("Encourage:ReplyDomain", domain));
        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<EncourageOptions>>().Value);
        Assert.Contains("Encourage__ReplyDomain", e.Message, StringComparison.Ordinal);
    }
}
