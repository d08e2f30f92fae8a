using System.Text.Json;
using Encourage.Arc;
using Encourage.Insights;

namespace Encourage.Core.Tests.Insights;

public sealed class DashboardFiguresTests
{
    private static readonly DateOnly From = new(2026, 3, 1);
    private static readonly DateOnly To = new(2026, 3, 7);

    [Fact]
    public void Every_day_appears_even_with_no_counters()
    {
        var f = DashboardFigures.Build(From, To, new Dictionary<(string, string), long>(), new Dictionary<string, long>(), 0);

        Assert.Equal(7, f.Days);
        Assert.Equal(Enumerable.Range(0, 7).Select(From.AddDays), f.Daily.Select(d => d.Day));
        Assert.Equal(DashboardFigures.SlipKindNames, f.SlipsByKind.Select(s => s.Name));
        Assert.All(f.SlipsByKind, s => Assert.Equal(0, s.Count));
        Assert.Equal(DashboardFigures.Statuses, f.SubscribersByStatus.Select(s => s.Name));
        Assert.Equal(PhaseIds.InOrder, f.SubscribersByPhase.Select(s => s.Name));
        Assert.Empty(f.SlipsByProgrammeDay);
    }

    [Fact]
    public void Counters_land_in_their_day_and_kind()
    {
        var counters = new Dictionary<(string, string), long>
        {
            [("2026-03-02", "sent|sms")] = 5,
            [("2026-03-02", "failed|sms")] = 1,
            [("2026-03-03", "sent|email")] = 2,
            [("2026-03-03", "failed|email")] = 1,
            [("2026-03-04", "optouts")] = 1,
            [("2026-03-05", "graduations")] = 3,
            [("2026-03-02", "slips|Texted")] = 2,
            [("2026-03-04", "slips|Texted")] = 1,
            [("2026-03-04", "slips|Called")] = 1,
            [("2026-03-02", "slipday|Texted|3")] = 2,
            [("2026-03-04", "slipday|Texted|3")] = 1,
            [("2026-03-04", "slipday|Called|10")] = 1,
            [("2026-03-04", "slipday|Called|notaday")] = 9,
            [("2026-03-02", "urges")] = 4,
            [("2026-03-02", "urges|resisted")] = 2,
            [("2026-03-03", "urges|acted")] = 1,
        };
        var gauges = new Dictionary<string, long> { ["status|active"] = 12, ["status|pending"] = 3, ["phase|let-go"] = 10, ["phase|retired-phase"] = 2 };

        var f = DashboardFigures.Build(From, To, counters, gauges, poisonCount: 4);

        var day2 = f.Daily.Single(d => d.Day == new DateOnly(2026, 3, 2));
        Assert.Equal((5, 1, 0L, 0L), (day2.SmsSent, day2.SmsFailed, day2.EmailSent, day2.EmailFailed));
        Assert.Equal(1, f.Daily.Single(d => d.Day == new DateOnly(2026, 3, 4)).OptOuts);
        Assert.Equal(3, f.Daily.Single(d => d.Day == new DateOnly(2026, 3, 5)).Graduations);
        Assert.Equal(3, f.SlipsByKind.Single(s => s.Name == "Texted").Count);
        Assert.Equal(1, f.SlipsByKind.Single(s => s.Name == "Called").Count);
        Assert.Equal([3, 10], f.SlipsByProgrammeDay.Select(d => d.ProgrammeDay));
        Assert.Equal(3, f.SlipsByProgrammeDay[0].Total);
        Assert.Equal(3, f.SlipsByProgrammeDay[0].ByKind.Single(k => k.Name == "Texted").Count);
        Assert.Equal(new UrgeFigures(4, 2, 1), f.Urges);
        Assert.Equal(12, f.SubscribersByStatus.Single(s => s.Name == "active").Count);
        // A phase no longer in the programme still shows, after the current ones.
        Assert.Equal("retired-phase", f.SubscribersByPhase[^1].Name);
        Assert.Equal(4, f.PoisonQueueApproximateCount);
    }

    [Fact]
    public void Json_is_camel_case_with_plain_dates()
    {
        var f = DashboardFigures.Build(From, To, new Dictionary<(string, string), long>(), new Dictionary<string, long>(), 0);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(f, DashboardFigures.Json));

        var root = json.RootElement;
        Assert.Equal("2026-03-01", root.GetProperty("from").GetString());
        Assert.Equal("2026-03-07", root.GetProperty("to").GetString());
        Assert.Equal(0, root.GetProperty("poisonQueueApproximateCount").GetInt64());
        Assert.Equal(7, root.GetProperty("daily").GetArrayLength());
        Assert.True(root.GetProperty("daily")[0].TryGetProperty("smsSent", out _));
        Assert.Equal("pending", root.GetProperty("subscribersByStatus")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_page_has_a_table_for_every_chart_and_loads_nothing()
    {
        var f = DashboardFigures.Build(From, To, new Dictionary<(string, string), long> { [("2026-03-02", "slips|Texted")] = 1 },
            new Dictionary<string, long>(), 0);

        var html = await Web.TestPages.Renderer.DashboardAsync(f);

        var charts = CountOf(html, "<svg class=\"chart\"");
        Assert.Equal(8, charts); // the eighth: safety matches per day
        Assert.Equal(charts, CountOf(html, "<table>"));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"http", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<meta name=\"viewport\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Good_news_is_counted_and_shown_as_a_card()
    {
        var f = DashboardFigures.Build(From, To, new Dictionary<(string, string), long> { [("2026-03-02", "progress")] = 2 },
            new Dictionary<string, long>(), 0);

        Assert.Equal(2, f.Daily.Sum(d => d.Progress));
        Assert.Equal(2, Assert.Single(DashboardView.Cards(f), c => c.What.Contains("PROGRESS", StringComparison.Ordinal)).Figure);
    }

    [Fact]
    public async Task Safety_matches_are_shown_per_day()
    {
        var f = DashboardFigures.Build(From, To, new Dictionary<(string, string), long> { [("2026-03-02", "safety")] = 3 },
            new Dictionary<string, long>(), 0);

        Assert.Equal(3, f.Daily.Single(d => d.Day == new DateOnly(2026, 3, 2)).SafetyMatches);
        Assert.Equal(3, f.Daily.Sum(d => d.SafetyMatches));
        var html = await Web.TestPages.Renderer.DashboardAsync(f);
        var section = html[html.IndexOf("<section aria-labelledby=\"h-safety\"", StringComparison.Ordinal)..];
        Assert.Contains("Safety matches per day", section, StringComparison.Ordinal);
        Assert.Contains("<tr><th scope=\"row\">2026-03-02</th><td>3</td></tr>", section, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Table_cells_are_encoded() =>
        Assert.Contains("&lt;b&gt;", await Charts.RenderAsync<DataTable>(new()
        {
            [nameof(DataTable.Caption)] = "<b>",
            [nameof(DataTable.Headers)] = new[] { "<b>" },
            [nameof(DataTable.Rows)] = new IReadOnlyList<string>[] { ["<b>", "1"] },
        }), StringComparison.Ordinal);

    [Fact]
    public void Every_total_is_a_card_and_a_stuck_queue_is_flagged()
    {
        var quiet = DashboardView.Cards(DashboardFigures.Build(From, To, new Dictionary<(string, string), long>(), new Dictionary<string, long>(), 0));
        var stuck = DashboardView.Cards(DashboardFigures.Build(From, To, new Dictionary<(string, string), long>(), new Dictionary<string, long>(), 3));

        Assert.DoesNotContain(quiet, c => c.Alert);
        var poison = Assert.Single(stuck, c => c.Alert);
        Assert.Equal(3, poison.Figure);
        Assert.Equal("poison", poison.Id);
        Assert.NotNull(poison.Note);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal)) count++;
        return count;
    }
}
