namespace Encourage.Arc;

/// <summary>The eight phase ids, in the guide's order; content and code both key on these.</summary>
public static class PhaseIds
{
    public const string LetGo = "let-go";
    public const string GiveSpace = "give-space";
    public const string DontUndoIt = "dont-undo-it";
    public const string LetHimMissYou = "let-him-miss-you";
    public const string WhileApart = "while-apart";
    public const string LiveItUp = "live-it-up";
    public const string IfHeReachesOut = "if-he-reaches-out";
    public const string LivingWell = "living-well";

    public static IReadOnlyList<string> InOrder { get; } =
        [LetGo, GiveSpace, DontUndoIt, LetHimMissYou, WhileApart, LiveItUp, IfHeReachesOut, LivingWell];
}
