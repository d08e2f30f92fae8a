namespace Encourage.Local;

/// <summary>
/// The local host's clock: real time plus an offset the dev phone's "next day" button moves forward, so a newcomer
/// can walk through the programme in minutes. Every service reads time through it.
/// </summary>
public sealed class LocalClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
