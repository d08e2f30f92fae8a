using System.CommandLine;
using System.Text.Json;
using Encourage.Arc;
using Encourage.Subscriptions;
using Microsoft.Extensions.DependencyInjection;

namespace Encourage.Cli;

internal static class SubscriberCommands
{
    public static Command Build()
    {
        var command = new Command("subscriber", "Look up or erase one subscriber.");
        var phone = new Option<string?>("--phone") { Description = "The subscriber's phone number." };
        var email = new Option<string?>("--email") { Description = "The subscriber's email address." };

        var show = new Command("show", "Print a subscriber as JSON: id, status, channel, day, phase, time zone, send time.") { phone, email };
        show.SetAction(async (parse, ct) =>
        {
            await using var sp = await CliHost.StartAsync(cancellationToken: ct);
            var subscriber = await FindAsync(sp, parse.GetValue(phone), parse.GetValue(email), ct);
            if (subscriber is null) return NotFound();
            var programme = sp.GetRequiredService<Programme>();
            var day = Math.Max(0, subscriber.NextEntry - 1);
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                id = subscriber.Id,
                status = subscriber.Status.ToString().ToLowerInvariant(),
                channel = ChannelNames.Of(subscriber.Channel),
                day,
                phase = programme.PhaseOf(Math.Max(1, day)).Id,
                timeZone = subscriber.TimeZone,
                sendTime = subscriber.SendTime,
                nextDueUtc = subscriber.NextDueUtc,
            }, CliHost.Json));
            return 0;
        });

        var erase = new Command("erase", "Delete every row about a person, keeping only a keyed hash in the suppression list.") { phone, email };
        erase.SetAction(async (parse, ct) =>
        {
            await using var sp = await CliHost.StartAsync(cancellationToken: ct);
            var lifecycle = sp.GetRequiredService<SubscriptionLifecycle>();
            // An email may be on several profiles (its own, and a "both" sign-up keyed by someone's phone): each one
            // loses this email's data, and only that; another contact's confirmed data stays with its owner.
            if (string.IsNullOrWhiteSpace(parse.GetValue(phone)) && SubscribeValidator.TryNormalizeEmail(parse.GetValue(email), out var address))
            {
                var holding = await sp.GetRequiredService<SubscriberStore>().ProfilesHoldingEmailAsync(address, ct);
                if (holding.Count == 0) return NotFound();
                foreach (var profile in holding)
                {
                    await lifecycle.EraseContactAsync(profile.Id, Channels.Email, ct);
                    Console.WriteLine($"Erased this email from subscriber {profile.Id}.");
                }
                return 0;
            }
            var subscriber = await FindAsync(sp, parse.GetValue(phone), parse.GetValue(email), ct);
            if (subscriber is null) return NotFound();
            await lifecycle.EraseContactAsync(subscriber.Id, Channels.Sms, ct);
            Console.WriteLine($"Erased subscriber {subscriber.Id}.");
            return 0;
        });

        var export = new Command("export", "Print everything held about a person as JSON: profile, channels and consent times, slips, events, deliveries, suppression state.") { phone, email };
        export.SetAction(async (parse, ct) =>
        {
            await using var sp = await CliHost.StartAsync(cancellationToken: ct);
            var data = await ExportAsync(sp, parse.GetValue(phone), parse.GetValue(email), ct);
            if (data is null) return 1;
            Console.WriteLine(data.ToJsonString(CliHost.Json));
            return 0;
        });

        command.Subcommands.Add(show);
        command.Subcommands.Add(export);
        command.Subcommands.Add(erase);
        return command;
    }

    public static async Task<Subscriber?> FindAsync(IServiceProvider sp, string? phone, string? email, CancellationToken ct)
    {
        var store = sp.GetRequiredService<SubscriberStore>();
        if (!string.IsNullOrWhiteSpace(phone))
        {
            if (!SubscribeValidator.TryNormalizePhone(phone, out var e164))
            {
                Console.Error.WriteLine("That is not a valid phone number.");
                return null;
            }
            return await store.GetByPhoneAsync(e164, ct);
        }
        if (!string.IsNullOrWhiteSpace(email))
        {
            if (!SubscribeValidator.TryNormalizeEmail(email, out var normalized))
            {
                Console.Error.WriteLine("That is not a valid email address.");
                return null;
            }
            return await store.GetByEmailAsync(normalized, ct);
        }
        Console.Error.WriteLine("Give --phone or --email.");
        return null;
    }

    /// <summary>The export for a contact; after erasure it holds only the suppression state. Null (and a message) for bad input.</summary>
    private static async Task<System.Text.Json.Nodes.JsonObject?> ExportAsync(IServiceProvider sp, string? phone, string? email, CancellationToken ct)
    {
        var export = sp.GetRequiredService<Encourage.Privacy.PersonalDataExport>();
        if (!string.IsNullOrWhiteSpace(phone))
        {
            if (SubscribeValidator.TryNormalizePhone(phone, out var e164)) return await export.ForPhoneAsync(e164, ct);
            Console.Error.WriteLine("That is not a valid phone number.");
            return null;
        }
        if (!string.IsNullOrWhiteSpace(email))
        {
            if (SubscribeValidator.TryNormalizeEmail(email, out var normalized)) return await export.ForEmailAsync(normalized, ct);
            Console.Error.WriteLine("That is not a valid email address.");
            return null;
        }
        Console.Error.WriteLine("Give --phone or --email.");
        return null;
    }

    private static int NotFound()
    {
        Console.Error.WriteLine("No such subscriber.");
        return 2;
    }
}
