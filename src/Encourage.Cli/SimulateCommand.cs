using System.CommandLine;
using Encourage.Scheduling;
using Encourage.Simulation;
using Encourage.Subscriptions;
using Microsoft.Extensions.DependencyInjection;

namespace Encourage.Cli;

internal static class SimulateCommand
{
    public static Command Build()
    {
        var tz = new Option<string>("--tz") { Description = "IANA time zone.", DefaultValueFactory = _ => "America/New_York" };
        var sendTime = new Option<string>("--send-time") { Description = "Local send time, HH:mm.", DefaultValueFactory = _ => "09:00" };
        var start = new Option<string>("--start") { Description = "Start date, yyyy-MM-dd.", Required = true };
        var days = new Option<int>("--days") { Description = "How many days to simulate.", DefaultValueFactory = _ => 60 };
        var channel = new Option<string>("--channel") { Description = "sms, email or both.", DefaultValueFactory = _ => "sms" };
        var pronoun = new Option<string>("--pronoun") { Description = "him, her or them.", DefaultValueFactory = _ => "him" };
        var format = new Option<string>("--format") { Description = "csv (the only format).", DefaultValueFactory = _ => "csv" };
        var command = new Command("simulate", "Run the real dispatcher and sender on Azurite with a simulated clock; print every message sent.")
        {
            tz, sendTime, start, days, channel, pronoun, format,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (!SendSchedule.TryParseDate(parse.GetValue(start), out var startDate)) return Fail("--start must be yyyy-MM-dd.");
            if (!SendSchedule.TryGetZone(parse.GetValue(tz), out _)) return Fail("--tz must be an IANA time zone such as Europe/London.");
            var channels = parse.GetValue(channel) switch { "sms" => Channels.Sms, "email" => Channels.Email, "both" => Channels.Both, _ => Channels.None };
            if (channels == Channels.None) return Fail("--channel must be sms, email or both.");
            if (!Enum.TryParse<Pronoun>(parse.GetValue(pronoun), true, out var p) || !Enum.IsDefined(p)) return Fail("--pronoun must be him, her or them.");
            var dayCount = parse.GetValue(days);
            if (dayCount is < 1 or > 400) return Fail("--days must be between 1 and 400.");

            // A private set of tables and queue for this run, in development mode (the local outbox records the sends).
            var prefix = "sim" + Guid.NewGuid().ToString("N")[..8];
            var clock = new ManualClock(DateTimeOffset.UnixEpoch);
            await using var sp = await CliHost.StartAsync(clock, new Dictionary<string, string?>
            {
                ["Encourage:StoragePrefix"] = prefix,
                ["Encourage:SendQueueName"] = prefix + "-send",
                ["Encourage:Mode"] = "Development",
                ["Twilio:AccountSid"] = "",
                ["SendGrid:ApiKey"] = "",
            }, ct);
            try
            {
                var simulator = ActivatorUtilities.CreateInstance<Simulator>(sp, clock);
                var sends = await simulator.RunAsync(new SimulationPlan(parse.GetValue(tz)!, parse.GetValue(sendTime)!, startDate, dayCount, channels, p), ct);
                Console.Write(Simulator.Csv(sends));
            }
            finally
            {
                await sp.GetRequiredService<Encourage.Storage.EncourageStorage>().DeleteAllAsync(CancellationToken.None);
            }
            return 0;
        });
        return command;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 1;
    }
}
