using Encourage.Simulation;
using Encourage.Storage;

namespace Encourage.Local;

/// <summary>
/// The local host's clock: real time plus an offset the dev phone's "next day" button moves forward, so a newcomer
/// can walk through the programme in minutes. Every service reads time through it. The offset is kept in the local
/// store (the Dispatch table), so a restarted host on the same store goes on at the same moment: the dispatcher's
/// cursor and every due time written under the moved clock still line up.
/// </summary>
public sealed class LocalClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    /// <summary>Takes up the offset an earlier run of the host left in this store.</summary>
    public async Task LoadAsync(EncourageStorage storage, CancellationToken cancellationToken) =>
        Interlocked.Exchange(ref _offsetTicks, (await DevClockOffset.LoadAsync(storage, cancellationToken)).Ticks);

    /// <summary>Moves the clock forward and saves the new offset.</summary>
    public async Task AdvanceAsync(TimeSpan by, EncourageStorage storage, CancellationToken cancellationToken)
    {
        Advance(by);
        await DevClockOffset.SaveAsync(storage, Offset, cancellationToken);
    }
}
