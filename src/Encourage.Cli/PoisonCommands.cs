using System.CommandLine;
using Encourage.Delivery;
using Encourage.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Encourage.Cli;

internal static class PoisonCommands
{
    public static Command Build()
    {
        var command = new Command("poison", "Send jobs that failed past their retries.");
        var list = new Command("list", "List the poison queue (without removing anything), with each job's last recorded error.");
        list.SetAction(async (parse, ct) =>
        {
            await using var sp = await CliHost.StartAsync(cancellationToken: ct);
            var storage = sp.GetRequiredService<EncourageStorage>();
            var deliveries = sp.GetRequiredService<DeliveryLog>();
            var messages = (await storage.PoisonQueue.PeekMessagesAsync(32, ct)).Value;
            Console.WriteLine("inserted,kind,subscriber,last_error");
            foreach (var m in messages)
            {
                var job = SendJob.FromJson(m.Body.ToString());
                var error = job is null ? "not a send job" : await LastErrorAsync(deliveries, job, ct);
                Console.WriteLine($"{m.InsertedOn:o},{job?.Kind},{job?.SubscriberId},{Encourage.Replies.SlipLog.Escape(error ?? "")}");
            }
            return 0;
        });
        var requeue = new Command("requeue", "Move every poison job back onto the send queue (each is idempotent).");
        requeue.SetAction(async (parse, ct) =>
        {
            await using var sp = await CliHost.StartAsync(cancellationToken: ct);
            var storage = sp.GetRequiredService<EncourageStorage>();
            var moved = 0;
            while (true)
            {
                var batch = (await storage.PoisonQueue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1), ct)).Value;
                if (batch.Length == 0) break;
                foreach (var m in batch)
                {
                    await storage.SendQueue.SendMessageAsync(m.Body.ToString(), ct);
                    await storage.PoisonQueue.DeleteMessageAsync(m.MessageId, m.PopReceipt, ct);
                    moved++;
                }
            }
            Console.WriteLine($"Requeued {moved} job(s).");
            return 0;
        });
        command.Subcommands.Add(list);
        command.Subcommands.Add(requeue);
        return command;
    }

    private static async Task<string?> LastErrorAsync(DeliveryLog deliveries, SendJob job, CancellationToken ct) =>
        await deliveries.LatestErrorAsync(job.SubscriberId, ct);
}
