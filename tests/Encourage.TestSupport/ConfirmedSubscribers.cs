using Encourage.Subscriptions;
using NodaTime;
using Xunit;

namespace Encourage.TestSupport;

/// <summary>Subscribers signed up and confirmed through the real lifecycle on <see cref="EncourageServices"/>.</summary>
public static class ConfirmedSubscribers
{
    /// <summary>
    /// Subscribes (no confirmation message) by SMS when <paramref name="phone"/> is given, else by email, and confirms
    /// at the clock's current time; returns the subscriber's id.
    /// </summary>
    public static async Task<string> SubscribeConfirmedAsync(this EncourageServices s, string? phone, string? email, string zone,
        LocalTime sendTime, LocalDate? start = null, string firstName = "Ana", Pronoun pronoun = Pronoun.Her)
    {
        var life = s.Get<SubscriptionLifecycle>();
        var channel = phone is null ? Channels.Email : Channels.Sms;
        await life.SubscribeAsync(new ValidSubscription(firstName, phone, email, channel, zone, sendTime, start, pronoun), sendConfirmation: false, CancellationToken.None);
        var store = s.Get<SubscriberStore>();
        var p = phone is null ? await store.GetByEmailAsync(email!, CancellationToken.None) : await store.GetByPhoneAsync(phone, CancellationToken.None);
        Assert.NotNull(p);
        Assert.Equal(LifecycleOutcome.Done, await life.ConfirmAsync(p!.Id, channel, CancellationToken.None));
        return p.Id;
    }
}
