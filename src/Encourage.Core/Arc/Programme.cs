namespace Encourage.Arc;

/// <summary>A phase of the arc, in the guide's order.</summary>
public sealed record Phase(string Id, string Title);

/// <summary>One programme message: an SMS and an email, sent <see cref="DaysAfterPrevious"/> days after the one before.</summary>
public sealed record ProgrammeEntry(
    int Number,
    string PhaseId,
    int DaysAfterPrevious,
    string Sms,
    string EmailSubject,
    string EmailMarkdown,
    bool IsGraduation);

/// <summary>A programme message filled in for one subscriber.</summary>
public sealed record RenderedMessage(string Sms, string EmailSubject, string EmailHtml, string EmailText);
