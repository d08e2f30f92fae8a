using Encourage.Arc;
using Encourage.Scheduling;

namespace Encourage.Core.Tests.Scheduling;

public sealed class SendWindowTests
{
    private static readonly SendWindow Default = new(new LocalTime(8, 0), new LocalTime(21, 0));

    [Theory]
    [InlineData("06:00", "08:00")]
    [InlineData("07:30", "08:00")]
    [InlineData("02:30", "08:00")]
    [InlineData("09:00", "09:00")]
    [InlineData("09:02", "09:05")]
    [InlineData("20:30", "20:30")]
    [InlineData("20:31", "20:30")]
    [InlineData("21:30", "20:30")]
    [InlineData("23:59", "20:30")]
    [InlineData("not a time", "09:00")]
    public void A_stored_time_is_moved_to_the_nearest_allowed_time(string stored, string applies) =>
        Assert.Equal(applies, SendSchedule.Format(Default.Apply(stored)));

    [Fact]
    public void Narrowing_the_window_moves_times_to_its_new_edges()
    {
        var narrow = new SendWindow(new LocalTime(10, 0), new LocalTime(20, 0));
        Assert.Equal(new LocalTime(10, 0), narrow.Apply("09:00"));
        Assert.Equal(new LocalTime(19, 30), narrow.Apply("20:30"));
        Assert.Equal(new LocalTime(12, 0), narrow.Apply("12:00"));
    }

    [Fact]
    public void Explain_says_what_changed_and_nothing_when_nothing_did()
    {
        Assert.Equal("07:30 is before quiet hours (08:00-21:00); messages go at 08:00", Default.Explain(new LocalTime(7, 30)));
        Assert.Equal("21:30 is too late for quiet hours (08:00-21:00); messages go at 20:30", Default.Explain(new LocalTime(21, 30)));
        Assert.Equal("09:02 is not on a 5-minute slot; messages go at 09:05", Default.Explain(new LocalTime(9, 2)));
        Assert.Null(Default.Explain(new LocalTime(9, 0)));
    }

    private static Subscriber Active(string? lastSent, int nextEntry, DateTimeOffset? due, DateTimeOffset confirmed, string? startDate = null) => new()
    {
        Id = "p1",
        Status = SubscriberStatus.Active,
        TimeZone = "America/New_York",
        LastSentLocalDate = lastSent,
        NextEntry = nextEntry,
        NextDueUtc = due,
        ConfirmedUtc = confirmed,
        StartDate = startDate,
    };

    [Fact]
    public void Late_or_stuck_is_more_than_26_hours_behind_or_three_days_overdue()
    {
        var programme = Programme.LoadEmbedded();
        var now = new DateTimeOffset(2027, 5, 20, 16, 0, 0, TimeSpan.Zero); // 12:00 in New York
        var confirmed = now.AddDays(-30);

        Assert.Equal("late", LateWatch.Check(Active("2027-05-18", 5, now.AddHours(-27), confirmed), now, programme));
        Assert.Null(LateWatch.Check(Active("2027-05-19", 5, now.AddHours(-25), confirmed), now, programme));
        // Due keeps moving ahead but nothing has gone since the 15th (owed the 16th): more than 3 days.
        Assert.Equal("stuck", LateWatch.Check(Active("2027-05-15", 5, now.AddHours(1), confirmed), now, programme));
        Assert.Null(LateWatch.Check(Active("2027-05-17", 5, now.AddHours(1), confirmed), now, programme));
        // A weekly entry is owed 7 days after the last one.
        var weekly = programme.Entries.First(e => e.DaysAfterPrevious == 7).Number;
        Assert.Null(LateWatch.Check(Active("2027-05-12", weekly, now.AddHours(1), confirmed), now, programme));
        Assert.Equal("stuck", LateWatch.Check(Active("2027-05-08", weekly, now.AddHours(1), confirmed), now, programme));
        // Nothing sent yet: counted from the start date, not the confirmation.
        Assert.Null(LateWatch.Check(Active(null, 1, now.AddDays(30), confirmed, "2027-06-19"), now, programme));
        Assert.Equal("stuck", LateWatch.Check(Active(null, 1, now.AddHours(1), now.AddDays(-5)), now, programme));
        // Not active: neither.
        var paused = Active("2027-05-01", 5, now.AddHours(-40), confirmed);
        paused.Status = SubscriberStatus.Paused;
        Assert.Null(LateWatch.Check(paused, now, programme));
    }
}
