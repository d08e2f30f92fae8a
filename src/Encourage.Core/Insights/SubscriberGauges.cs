using Encourage.Arc;

namespace Encourage.Insights;

/// <summary>
/// Keeps "subscribers by status" and "by phase" as levels that move with each change, so the dashboard never counts
/// subscribers by scanning them. Called by the store after every successful write of a profile.
/// </summary>
public sealed class SubscriberGauges(Counters counters, Programme programme)
{
    public async Task TrackAsync(GaugeState? before, GaugeState? after, CancellationToken cancellationToken)
    {
        if (before == after) return;
        if (before is { } b)
        {
            await counters.AddGaugeAsync(CounterNames.Status(b.Status), -1, cancellationToken);
            if (b.Phase is { } bp) await counters.AddGaugeAsync(CounterNames.Phase(bp), -1, cancellationToken);
        }
        if (after is { } a)
        {
            await counters.AddGaugeAsync(CounterNames.Status(a.Status), 1, cancellationToken);
            if (a.Phase is { } ap) await counters.AddGaugeAsync(CounterNames.Phase(ap), 1, cancellationToken);
        }
    }

    /// <summary>What the gauges count of one profile: its status, and its phase while it is receiving.</summary>
    public GaugeState StateOf(Subscriber s)
    {
        var status = s.Status;
        string? phase = status is SubscriberStatus.Active or SubscriberStatus.Paused
            ? programme.PhaseOf(Math.Max(1, s.NextEntry - 1)).Id
            : null;
        return new GaugeState(status, phase);
    }
}

/// <summary>A profile as the gauges see it.</summary>
public sealed record GaugeState(SubscriberStatus Status, string? Phase);
