namespace Encourage.Arc;

/// <summary>A phase of the arc, in the guide's order.</summary>
public sealed record Phase(string Id, string Title);

/// <summary>
/// One programme message: an SMS and an email, sent <see cref="DaysAfterPrevious"/> days after the one before.
/// <see cref="Assumes"/> says what its words take for granted (it goes only to someone for whom that is true);
/// <see cref="Safety"/> is the wording for someone who may be leaving an abusive partner.
/// </summary>
public sealed record ProgrammeEntry(
    int Number,
    string PhaseId,
    int DaysAfterPrevious,
    string Sms,
    string EmailSubject,
    string EmailMarkdown,
    bool IsGraduation,
    EntryAssumptions? Assumes = null,
    EntryText? Safety = null)
{
    /// <summary>What the message takes for granted; none when the file says nothing.</summary>
    public EntryAssumptions Assumptions => Assumes ?? EntryAssumptions.None;

    /// <summary>The ordinary wording.</summary>
    public EntryText Text => new(Sms, EmailSubject, EmailMarkdown);
}

/// <summary>The words of one programme message.</summary>
public sealed record EntryText(string Sms, string EmailSubject, string EmailMarkdown);

/// <summary>
/// What a message's words take for granted about the reader's time in the programme: at least <see cref="Days"/>
/// programme messages already received, and every message of the phase <see cref="AfterPhase"/>.
/// </summary>
public sealed record EntryAssumptions(int Days, string? AfterPhase)
{
    public static EntryAssumptions None { get; } = new(0, null);

    public bool Any => Days > 0 || AfterPhase is not null;
}

/// <summary>A programme message filled in for one subscriber.</summary>
public sealed record RenderedMessage(string Sms, string EmailSubject, string EmailHtml, string EmailText);
