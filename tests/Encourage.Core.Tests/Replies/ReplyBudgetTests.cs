using Azure.Data.Tables;
using Encourage.Replies;
using Encourage.Storage;
using Encourage.TestSupport;

namespace Encourage.Core.Tests.Replies;

/// <summary>
/// The reply budget on Azurite: the hour's cap and the day's, counted in one row per contact per day (one read and one
/// write per answer), shared by every instance.
/// </summary>
public sealed class ReplyBudgetTests
{
    private static readonly DateTimeOffset Start = new(2027, 3, 1, 9, 10, 0, TimeSpan.Zero);

    private static Dictionary<string, string?> Caps => new()
    {
        ["Encourage:RepliesPerContactPerHour"] = "3",
        ["Encourage:RepliesPerContactPerDay"] = "5",
    };

    [Fact]
    public async Task The_hour_cap_refuses_the_fourth_a_new_hour_starts_again_and_the_day_cap_holds_across_hours()
    {
        await using var s = await EncourageServices.StartAsync(Start, Caps);
        var budget = s.Get<ReplyBudget>();
        var ct = CancellationToken.None;
        var id = "p" + Guid.NewGuid().ToString("N");
        var first = new List<bool>();
        for (var i = 0; i < 4; i++) first.Add(await budget.TryTakeAsync(id, stranger: false, ReplyBudgetKind.Ordinary, 1, ct));
        Assert.Equal([true, true, true, false], first);

        s.Clock.Advance(TimeSpan.FromHours(1)); // 10:10: a new hour; the day has 3 of its 5
        var second = new List<bool>();
        for (var i = 0; i < 3; i++) second.Add(await budget.TryTakeAsync(id, stranger: false, ReplyBudgetKind.Ordinary, 1, ct));
        // The refused fourth of the first hour was never sent, so it does not count for the day.
        Assert.Equal([true, true, false], second);

        // Urgent answers are paid from their own budget: the ordinary one being spent never silences them.
        Assert.True(await budget.TryTakeAsync(id, stranger: false, ReplyBudgetKind.Urgent, 2, ct));

        s.Clock.Advance(TimeSpan.FromDays(1)); // the next day starts again
        Assert.True(await budget.TryTakeAsync(id, stranger: false, ReplyBudgetKind.Ordinary, 1, ct));

        // One row per contact, budget and day: the hour lives in it.
        var rows = s.Get<EncourageStorage>().Limits
            .Query<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"reply|" + id} or PartitionKey eq {"reply-urgent|" + id}")).ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.StartsWith("d", r.RowKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_instances_answering_one_contact_at_once_never_pass_the_hour_cap_together()
    {
        await using var a = await EncourageServices.StartAsync(Start, Caps);
        // A second instance on the same tables (its own services, clients and caches).
        await using var b = await EncourageServices.StartAsync(Start, new Dictionary<string, string?>(Caps) { ["Encourage:StoragePrefix"] = a.Prefix });
        var id = "p" + Guid.NewGuid().ToString("N");
        var takes = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? a : b).Get<ReplyBudget>()
            .TryTakeAsync(id, stranger: false, ReplyBudgetKind.Ordinary, 1, CancellationToken.None)));
        Assert.Equal(3, takes.Count(t => t));
    }
}
