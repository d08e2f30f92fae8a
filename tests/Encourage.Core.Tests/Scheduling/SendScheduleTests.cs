using Encourage.Scheduling;

namespace Encourage.Core.Tests.Scheduling;

public sealed class SendScheduleTests
{
    private static readonly LocalTime Nine = new(9, 0);

    private static DateTimeOffset At(string zone, int y, int m, int d, int h, int min) => SchedulingSteps.Utc(zone, y, m, d, h, min);

    private static DateTimeOffset Z(int y, int m, int d, int h, int min) => new(y, m, d, h, min, 0, TimeSpan.Zero);

    [Theory]
    // New York, spring forward 2027-03-14 and fall back 2027-11-07: 09:00 local is a different UTC hour each side.
    [InlineData("America/New_York", 2027, 3, 13, 14, 0)]
    [InlineData("America/New_York", 2027, 3, 14, 13, 0)]
    [InlineData("America/New_York", 2027, 3, 15, 13, 0)]
    [InlineData("America/New_York", 2027, 11, 6, 13, 0)]
    [InlineData("America/New_York", 2027, 11, 7, 14, 0)]
    [InlineData("America/New_York", 2027, 11, 8, 14, 0)]
    // London, 2027-03-28 and 2027-10-31.
    [InlineData("Europe/London", 2027, 3, 27, 9, 0)]
    [InlineData("Europe/London", 2027, 3, 28, 8, 0)]
    [InlineData("Europe/London", 2027, 10, 30, 8, 0)]
    [InlineData("Europe/London", 2027, 10, 31, 9, 0)]
    // Kathmandu is +05:45 all year.
    [InlineData("Asia/Kathmandu", 2027, 1, 15, 3, 15)]
    [InlineData("Asia/Kathmandu", 2027, 7, 15, 3, 15)]
    public void Nine_local_maps_to_the_exact_utc_instant_on_both_sides_of_a_dst_change(string zone, int y, int m, int d, int utcHour, int utcMinute)
    {
        var utc = At(zone, y, m, d, 9, 0);
        Assert.Equal(new DateTimeOffset(y, m, d, utcHour, utcMinute, 0, TimeSpan.Zero), utc);
        Assert.Equal(new LocalDateTime(y, m, d, 9, 0), SchedulingSteps.Local(utc, zone));
    }

    [Fact]
    public void Lord_Howe_half_hour_dst_changes_keep_nine_local()
    {
        const string zone = "Australia/Lord_Howe";
        // DST (+11:00) ends 2027-04-04 02:00 -> +10:30; starts again 2027-10-03 02:00 -> +11:00.
        Assert.Equal(Z(2027, 4, 2, 22, 0), At(zone, 2027, 4, 3, 9, 0));
        Assert.Equal(Z(2027, 4, 3, 22, 30), At(zone, 2027, 4, 4, 9, 0));
        Assert.Equal(Z(2027, 10, 1, 22, 30), At(zone, 2027, 10, 2, 9, 0));
        Assert.Equal(Z(2027, 10, 2, 22, 0), At(zone, 2027, 10, 3, 9, 0));
    }

    [Theory]
    [InlineData("America/New_York", 2027, 3, 1)]
    [InlineData("America/New_York", 2027, 10, 20)]
    [InlineData("Europe/London", 2027, 3, 1)]
    [InlineData("Europe/London", 2027, 10, 1)]
    [InlineData("Asia/Kathmandu", 2027, 1, 1)]
    [InlineData("Australia/Lord_Howe", 2027, 3, 20)]
    [InlineData("Australia/Lord_Howe", 2027, 9, 20)]
    public void NextDue_chain_stays_at_send_time_one_local_date_apart_for_sixty_days(string zoneId, int y, int m, int d)
    {
        var zone = SendSchedule.Zone(zoneId);
        var date = new LocalDate(y, m, d);
        var seen = new HashSet<Instant>();
        for (var i = 0; i < 60; i++)
        {
            var next = SendSchedule.NextDue(date, 1, Nine, zone);
            var local = next.InZone(zone).LocalDateTime;
            Assert.Equal(date.PlusDays(1).At(Nine), local);
            Assert.True(seen.Add(next));
            date = local.Date;
        }
        // A weekly entry: 7 local dates later, still 09:00.
        Assert.Equal(new LocalDate(y, m, d).PlusDays(7).At(Nine), SendSchedule.NextDue(new LocalDate(y, m, d), 7, Nine, zone).InZone(zone).LocalDateTime);
    }

    [Fact]
    public void Send_time_in_the_skipped_hour_goes_at_three_am_on_spring_forward()
    {
        var zone = SendSchedule.Zone("America/New_York");
        var instant = SendSchedule.At(new LocalDate(2027, 3, 14), new LocalTime(2, 30), zone);
        Assert.Equal(Z(2027, 3, 14, 7, 0), SendSchedule.ToDateTimeOffset(instant));
        Assert.Equal(new LocalDateTime(2027, 3, 14, 3, 0), instant.InZone(zone).LocalDateTime);
        // The day after, 02:30 exists again.
        Assert.Equal(Z(2027, 3, 15, 6, 30), At("America/New_York", 2027, 3, 15, 2, 30));
    }

    [Fact]
    public void Send_time_in_the_repeated_hour_maps_to_the_first_occurrence_edt()
    {
        var zone = SendSchedule.Zone("America/New_York");
        var instant = SendSchedule.At(new LocalDate(2027, 11, 7), new LocalTime(1, 30), zone);
        Assert.Equal(Z(2027, 11, 7, 5, 30), SendSchedule.ToDateTimeOffset(instant));
        Assert.Equal(Offset.FromHours(-4), instant.InZone(zone).Offset);
        // NextDue from the day before lands on that same single instant.
        Assert.Equal(instant, SendSchedule.NextDue(new LocalDate(2027, 11, 6), 1, new LocalTime(1, 30), zone));
    }

    [Theory]
    [InlineData(6, 0, 8, 0)]
    [InlineData(7, 59, 8, 0)]
    [InlineData(23, 0, 20, 30)]
    [InlineData(20, 31, 20, 30)]
    [InlineData(20, 30, 20, 30)]
    [InlineData(9, 2, 9, 5)]
    [InlineData(9, 5, 9, 5)]
    [InlineData(23, 58, 20, 30)]
    public void Normalize_clamps_into_window_with_margin_and_rounds_up_to_five_minutes(int h, int m, int eh, int em)
    {
        Assert.Equal(new LocalTime(eh, em), SendSchedule.Normalize(new LocalTime(h, m), new LocalTime(8, 0), new LocalTime(21, 0)));
    }

    [Fact]
    public void FirstDue_is_today_before_send_time_tomorrow_after_it_and_the_start_date_when_in_future()
    {
        const string zoneId = "America/New_York";
        var zone = SendSchedule.Zone(zoneId);
        Instant Confirm(int h, int min) => SendSchedule.ToInstant(At(zoneId, 2027, 5, 10, h, min));

        Assert.Equal(new LocalDateTime(2027, 5, 10, 9, 0), SendSchedule.FirstDue(Confirm(8, 0), null, Nine, zone).InZone(zone).LocalDateTime);
        Assert.Equal(new LocalDateTime(2027, 5, 11, 9, 0), SendSchedule.FirstDue(Confirm(10, 0), null, Nine, zone).InZone(zone).LocalDateTime);
        Assert.Equal(new LocalDateTime(2027, 6, 1, 9, 0), SendSchedule.FirstDue(Confirm(10, 0), new LocalDate(2027, 6, 1), Nine, zone).InZone(zone).LocalDateTime);
        Assert.Equal(new LocalDateTime(2027, 6, 1, 9, 0), SendSchedule.FirstDue(Confirm(8, 0), new LocalDate(2027, 6, 1), Nine, zone).InZone(zone).LocalDateTime);
        // A start date in the past is ignored.
        Assert.Equal(new LocalDateTime(2027, 5, 10, 9, 0), SendSchedule.FirstDue(Confirm(8, 0), new LocalDate(2027, 5, 1), Nine, zone).InZone(zone).LocalDateTime);
        // Confirming at 23:30 UTC-wise on the next UTC date still uses the local date.
        Assert.Equal(new LocalDateTime(2027, 5, 11, 9, 0), SendSchedule.FirstDue(Confirm(22, 30), null, Nine, zone).InZone(zone).LocalDateTime);
    }
}
