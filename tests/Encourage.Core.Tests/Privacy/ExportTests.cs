using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Encourage.Delivery;
using Encourage.Privacy;
using Encourage.Replies;
using Encourage.Scheduling;
using Encourage.Storage;

namespace Encourage.Core.Tests.Privacy;

/// <summary>`subscriber export` round-trips: everything it prints is in storage, and after erasure only suppression is left.</summary>
public sealed class ExportTests
{
    private const string Phone = "+12125550140";
    private const string Email = "lena.export40@example.com";
    private static readonly DateTimeOffset Start = new(2027, 6, 7, 11, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Export_prints_only_what_is_stored_and_after_erase_only_the_suppression_state()
    {
        await using var s = await EncourageServices.StartAsync(Start);
        var life = s.Get<SubscriptionLifecycle>();
        var inbound = s.Get<InboundSmsHandler>();
        var drainer = s.Get<SendQueueDrainer>();
        var (valid, _) = s.Get<SubscribeValidator>().Validate(new SubscribeRequest("Lena", Phone, Email, "both", "America/New_York", "09:00", null, "him"));
        await life.SubscribeAsync(valid!, sendConfirmation: true, Ct);
        await drainer.DrainAsync(Ct);
        var id = s.Get<ContactKeys>().ForPhone(Phone);
        s.Clock.Advance(TimeSpan.FromMinutes(5));
        await inbound.ReplyAsync(TwilioFields.NewSid(), Phone, "YES", Ct);
        s.Clock.Advance(TimeSpan.FromMinutes(5));
        // Issue 20: a "both" sign-up is two profiles; the email confirms its own.
        var emailId = s.Get<ContactKeys>().ForEmail(Email);
        await life.ConfirmAsync(emailId, Channels.Email, Ct);
        await drainer.DrainAsync(Ct);
        for (var d = 0; d < 2; d++)
        {
            s.Clock.Set(Start.AddDays(d).AddHours(2));
            await s.Get<Dispatcher>().TickAsync(Ct);
            await drainer.DrainAsync(Ct);
        }
        s.Clock.Set(Start.AddDays(1).AddHours(10));
        await inbound.ReplyAsync(TwilioFields.NewSid(), Phone, "I texted him at midnight", Ct);
        await inbound.ReplyAsync(TwilioFields.NewSid(), Phone, "URGE", Ct);
        await inbound.ReplyAsync(TwilioFields.NewSid(), Phone, "OK", Ct);
        await inbound.ReplyAsync(TwilioFields.NewSid(), Phone, "he texted me", Ct);
        await inbound.ReplyAsync(TwilioFields.NewSid(), Phone, "STATUS", Ct);

        var export = s.Get<PersonalDataExport>();
        var byPhone = await export.ForPhoneAsync(Phone, Ct);
        var byEmail = await export.ForEmailAsync(Email, Ct);

        // What a person would look for is there.
        var profile = byPhone["profile"]!.AsObject();
        Assert.Equal(Phone, (string?)profile["phone"]);
        Assert.Null((string?)profile["email"]);
        Assert.Equal("Lena", (string?)profile["firstName"]);
        var channels = byPhone["channels"]!.AsArray();
        Assert.Equal(["sms"], channels.Select(c => (string?)c!["channel"]));
        Assert.All(channels, c => Assert.NotNull((string?)c!["confirmedUtc"]));
        Assert.Equal((string?)profile["smsConfirmedUtc"], (string?)channels[0]!["confirmedUtc"]);
        Assert.Equal(Phone, (string?)channels[0]!["contact"]);
        Assert.Equal("I texted him at midnight", (string?)Assert.Single(byPhone["slips"]!.AsArray())!["text"]);
        Assert.Equal("resisted", (string?)Assert.Single(byPhone["events"]!["urges"]!.AsArray())!["outcome"]);
        Assert.Single(byPhone["events"]!["contacts"]!.AsArray());
        Assert.True(byPhone["events"]!["handledMessages"]!.AsArray().Count >= 5);
        Assert.True(byPhone["deliveries"]!.AsArray().Count >= 3, byPhone["deliveries"]!.ToJsonString()); // confirm, welcome and the days
        Assert.NotEmpty(byPhone["providerMessages"]!.AsArray());
        Assert.Equal(false, (bool?)byPhone["suppression"]!["phone"]);
        Assert.Equal(false, (bool?)byEmail["suppression"]!["email"]);
        // By email it is the email's own profile: nothing the phone wrote is in it.
        Assert.NotEqual((string?)byPhone["subscriberId"], (string?)byEmail["subscriberId"]);
        Assert.Empty(byEmail["slips"]!.AsArray());

        // Every row printed exists in storage with exactly the values printed.
        var storage = s.Get<EncourageStorage>();
        var printed = 0;
        async Task AssertStoredAsync(TableClient table, string partition, JsonObject row, bool withPartition)
        {
            var stored = await table.GetEntityIfExistsAsync<TableEntity>(partition, (string?)row["rowKey"] ?? "", cancellationToken: Ct);
            Assert.True(stored.HasValue, $"printed but not stored: {partition}/{row["rowKey"]}");
            Assert.True(JsonNode.DeepEquals(PersonalDataExport.Properties(stored.Value!, withPartition), row), $"printed {row.ToJsonString()}, stored differs");
            printed++;
        }
        await AssertStoredAsync(storage.Subscribers, id, profile, false);
        foreach (var group in new[] { byPhone["slips"]!, byPhone["events"]!["urges"]!, byPhone["events"]!["contacts"]!, byPhone["events"]!["handledMessages"]!, byPhone["deliveries"]! })
        {
            foreach (var row in group.AsArray()) await AssertStoredAsync(storage.Subscribers, id, row!.AsObject(), false);
        }
        foreach (var row in byPhone["otherRows"]!.AsArray()) await AssertStoredAsync(storage.Subscribers, (string)row!["partitionKey"]! ?? id, row.AsObject(), true);
        foreach (var row in byPhone["providerMessages"]!.AsArray()) await AssertStoredAsync(storage.Messages, (string)row!["partitionKey"]!, row.AsObject(), true);
        Assert.True(printed > 15, $"only {printed} rows checked");

        // And nothing in the person's partition was left out.
        var inPartition = 0;
        await foreach (var _ in storage.Subscribers.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}"), select: ["RowKey"])) inPartition++;
        Assert.Equal(inPartition, printed - byPhone["otherRows"]!.AsArray().Count - byPhone["providerMessages"]!.AsArray().Count);

        // After erasure: nothing but the suppression state, by either contact.
        Assert.Equal(LifecycleOutcome.Done, await life.EraseAsync(id, Ct));
        Assert.Equal(LifecycleOutcome.Done, await life.EraseAsync(emailId, Ct));
        var afterPhone = await export.ForPhoneAsync(Phone, Ct);
        Assert.Equal("{\"suppression\":{\"phone\":true}}", afterPhone.ToJsonString());
        var afterEmail = await export.ForEmailAsync(Email, Ct);
        Assert.Equal("{\"suppression\":{\"email\":true}}", afterEmail.ToJsonString());
    }
}
