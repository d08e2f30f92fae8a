using System.ComponentModel.DataAnnotations;

namespace Encourage.Local;

/// <summary>Settings under <c>Local__*</c>: the local host's stand-ins for the Functions timers and queue trigger.</summary>
public sealed class LocalOptions
{
    public const string Section = "Local";

    /// <summary>Seconds between dispatch ticks (the DispatchDue timer); 0 turns the timer off (tests tick by hand).</summary>
    [Range(0, 86_400, ErrorMessage = "Local__DispatchIntervalSeconds must be between 0 and 86400.")]
    public int DispatchIntervalSeconds { get; set; } = 30;

    /// <summary>Seconds between retention sweeps; 0 turns the sweep off.</summary>
    [Range(0, 86_400 * 7, ErrorMessage = "Local__RetentionIntervalSeconds must be between 0 and 604800.")]
    public int RetentionIntervalSeconds { get; set; } = 3600;

    /// <summary>Whether this host drains the send queue (the SendMessage queue trigger's stand-in).</summary>
    public bool DrainQueue { get; set; } = true;
}
