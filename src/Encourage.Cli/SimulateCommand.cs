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
        var quietStart = new Option<string?>("--quiet-start") { Description = "Override Encourage__QuietHoursStart for this run (HH:mm): no SMS before it." };
        var quietEnd = new Option<string?>("--quiet-end") { Description = "Override Encourage__QuietHoursEnd for this run (HH:mm): no SMS from it on." };
        var command = new Command("simulate", "Run the real dispatcher and sender on Azurite with a simulated clock; print every message sent.")
        {
            tz, sendTime, start, days, channel, pronoun, format, quietStart, quietEnd,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (!SendSchedule.TryParseDate(parse.GetValue(start), out var startDate)) return Fail("--start must be yyyy-MM-dd.");
            if (!SendSchedule.TryGetZone(parse.GetValue(tz), out _)) return Fail("--tz must be an IANA time zone such as Europe/London.");
            ChannelNames.TryParse(parse.GetValue(channel), out var channels);
            if (channels == Channels.None) return Fail("--channel must be sms, email or both.");
            if (!Enum.TryParse<Pronoun>(parse.GetValue(pronoun), true, out var p) || !Enum.IsDefined(p)) return Fail("--pronoun must be him, her or them.");
            var dayCount = parse.GetValue(days);
            if (dayCount is < 1 or > 400) return Fail("--days must be between 1 and 400.");

            if (parse.GetValue(format) is not "csv") return Fail("--format must be csv.");
            var settings = new Dictionary<string, string?>();
            if (parse.GetValue(quietStart) is { } qs)
            {
                if (!SendSchedule.TryParseTime(qs, out var t)) return Fail("--quiet-start must be a time like 08:00.");
                settings["Encourage:QuietHoursStart"] = SendSchedule.Format(t);
            }
            if (parse.GetValue(quietEnd) is { } qe)
            {
                if (!SendSchedule.TryParseTime(qe, out var t)) return Fail("--quiet-end must be a time like 21:00.");
                settings["Encourage:QuietHoursEnd"] = SendSchedule.Format(t);
            }

            // A private set of tables and queue for this run, in development mode (the local outbox records the sends).
            var prefix = "sim" + Guid.NewGuid().ToString("N")[..8];
            var clock = new ManualClock(DateTimeOffset.UnixEpoch);
            ServiceProvider sp;
            try
            {
                sp = await CliHost.StartAsync(clock, new Dictionary<string, string?>
                {
                    ["Encourage:StoragePrefix"] = prefix,
                    ["Encourage:SendQueueName"] = prefix + "-send",
                    ["Encourage:Mode"] = "Development",
                    ["Twilio:AccountSid"] = "",
                    ["SendGrid:ApiKey"] = "",
                }.Concat(settings).ToDictionary(), ct);
            }
            catch (Microsoft.Extensions.Options.OptionsValidationException e)
            {
                return Fail(string.Join(Environment.NewLine, e.Failures));
            }
            await using var owned = sp;
            try
            {
                var simulator = ActivatorUtilities.CreateInstance<Simulator>(sp, clock);
                var sends = await simulator.RunAsync(new SimulationPlan(parse.GetValue(tz)!, parse.GetValue(sendTime)!, startDate, dayCount, channels, p), ct,
                    notice => Console.Error.WriteLine(notice));
                Console.Write(Simulator.Csv(sends));
            }
            catch (ArgumentException e)
            {
                return Fail(e.Message);
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
