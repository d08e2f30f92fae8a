using Azure.Data.Tables;
using Encourage.Delivery;
using Encourage.Storage;

namespace Encourage.Core.Tests.Subscriptions;

/// <summary>
/// Enums are stored the way Azure.Data.Tables stores them (their names), and what was stored before that still reads:
/// a profile with lower-case status, channel and pronoun, and a queued job with a lower-case channel.
/// </summary>
public sealed class StoredShapeTests
{
    private static readonly DateTimeOffset Now = new(2027, 4, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_profile_written_with_lower_case_names_is_read_and_upgraded_in_place()
    {
        await using var s = await EncourageServices.StartAsync(Now);
        var table = s.Get<EncourageStorage>().Subscribers;
        const string id = "p00000000000000000000000000000a11";
        await table.AddEntityAsync(new TableEntity(id, Subscriber.ProfileRowKey)
        {
            ["Status"] = "paused",
            ["Channel"] = "both",
            ["Pronoun"] = "them",
            ["FirstName"] = "Ana",
            ["Phone"] = "+12125550161",
            ["Email"] = "ana@example.com",
            ["SmsConfirmed"] = true,
            ["NextDueUtc"] = Now.AddDays(2),
        });

        var profile = await s.Get<SubscriberStore>().GetAsync(id, CancellationToken.None);

        Assert.NotNull(profile);
        Assert.Equal(SubscriberStatus.Paused, profile.Status);
        Assert.Equal(Channels.Both, profile.Channel);
        Assert.Equal(Pronoun.Them, profile.Pronoun);
        var raw = (await table.GetEntityAsync<TableEntity>(id, Subscriber.ProfileRowKey)).Value;
        Assert.Equal("Paused", raw.GetString("Status"));
        Assert.Equal("Both", raw.GetString("Channel"));
        Assert.Equal("Them", raw.GetString("Pronoun"));
        Assert.Equal(Subscriber.CurrentShape, raw.GetInt32("Shape"));
        Assert.Equal("Ana", raw.GetString("FirstName")); // the upgrade merges; nothing else is touched
    }

    [Fact]
    public async Task A_new_profile_is_stored_with_the_enum_names()
    {
        await using var s = await EncourageServices.StartAsync(Now);
        var id = await s.SubscribeConfirmedAsync("+12125550162", null, "America/New_York", new NodaTime.LocalTime(9, 0));

        var raw = (await s.Get<EncourageStorage>().Subscribers.GetEntityAsync<TableEntity>(id, Subscriber.ProfileRowKey)).Value;

        Assert.Equal("Active", raw.GetString("Status"));
        Assert.Equal("Sms", raw.GetString("Channel"));
        Assert.Equal("Her", raw.GetString("Pronoun"));
    }

    [Fact]
    public async Task A_row_whose_status_is_not_a_status_at_all_still_fails_loudly()
    {
        await using var s = await EncourageServices.StartAsync(Now);
        const string id = "p00000000000000000000000000000b22";
        await s.Get<EncourageStorage>().Subscribers.AddEntityAsync(new TableEntity(id, Subscriber.ProfileRowKey) { ["Status"] = "sleeping" });

        await Assert.ThrowsAsync<InvalidDataException>(() => s.Get<SubscriberStore>().GetAsync(id, CancellationToken.None));
    }

    [Theory]
    [InlineData("""{"kind":"Confirm","subscriberId":"p1","channel":"sms"}""", Channels.Sms)]
    [InlineData("""{"kind":"Welcome","subscriberId":"p1","channel":"email"}""", Channels.Email)]
    [InlineData("""{"kind":"Welcome","subscriberId":"p1","channel":"Email"}""", Channels.Email)]
    public void A_queued_job_from_before_reads_its_channel(string json, Channels expected) =>
        Assert.Equal(expected, SendJob.FromJson(json)!.Channel);

    [Theory]
    [InlineData("""{"kind":"Welcome","subscriberId":"p1","channel":"both"}""")]
    [InlineData("""{"kind":"Welcome","subscriberId":"p1","channel":"fax"}""")]
    public void A_job_for_no_single_channel_is_not_a_job(string json) => Assert.Null(SendJob.FromJson(json));
}
