using Encourage.Arc;
using Encourage.Delivery;
using Encourage.Hosting;
using Encourage.Replies;
using Encourage.Subscriptions;
using Encourage.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Encourage.TestSupport;

/// <summary>
/// The confirm, welcome, a daily and the graduation email for one subscriber, composed by the product's own
/// <see cref="MessageComposer"/> from AddEncourage (the same code the send job calls), without storage.
/// </summary>
public sealed class EmailSamples : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    public EmailSamples(IDictionary<string, string?>? settings = null)
    {
        var values = TestSettings.For(TestSettings.NewPrefix());
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) values[k] = v;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddEncourage(configuration);
        _provider = services.BuildServiceProvider();
    }

    public MessageComposer Composer => _provider.GetRequiredService<MessageComposer>();
    public Programme Programme => _provider.GetRequiredService<Programme>();
    public Links Links => _provider.GetRequiredService<Links>();

    public static Subscriber Subscriber(string firstName = "Ana", string email = "ana@example.com") => new()
    {
        Id = "sub-" + Guid.NewGuid().ToString("N")[..12],
        FirstName = firstName,
        Email = email,
        Channel = Channels.Email,
        Pronoun = Pronoun.Him,
    };

    public Task<EmailMessage> ConfirmAsync(Subscriber s) =>
        Composer.EmailFromReplyAsync(s, ReplyKeys.ConfirmEmailSubject, ReplyKeys.ConfirmEmail,
            new Dictionary<string, string> { ["link"] = Links.Confirm(s, Channels.Email) }, "confirm");

    public Task<EmailMessage> WelcomeAsync(Subscriber s) => Composer.WelcomeEmailAsync(s);

    /// <summary>A programme email; <paramref name="entryNumber"/> null means the graduation.</summary>
    public Task<EmailMessage> ProgrammeAsync(Subscriber s, int? entryNumber, string? recoveryLine = null)
    {
        var entry = entryNumber is { } n ? Programme.Entry(n)! : Programme.Entries.Single(e => e.IsGraduation);
        return Composer.ProgrammeEmailAsync(s, entry, MessageRenderer.Render(entry, s.FirstName, s.Pronoun, recoveryLine));
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
