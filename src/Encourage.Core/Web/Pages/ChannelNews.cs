namespace Encourage.Web.Pages;

/// <summary>
/// What a page says about channels: exactly which one stops and which goes on, so a "both" subscriber who stops
/// emails reads "Emails have stopped. Your texts carry on." and never "your messages have stopped".
/// </summary>
public static class ChannelNews
{
    public static string Label(Channels channels) => channels switch
    {
        Channels.Sms => "texts",
        Channels.Email => "emails",
        _ => "texts and emails",
    };

    /// <summary>The page heading after a stop: "Emails have stopped", or "Your messages have stopped" when nothing goes on.</summary>
    public static string StoppedHeading(Channels stopped, Channels goingOn) =>
        (goingOn & ~stopped) == Channels.None ? "Your messages have stopped" : Capitalise(Label(stopped)) + " have stopped";

    /// <summary>"Emails have stopped. Your texts carry on." or "Your texts and emails have stopped."</summary>
    public static string Stopped(Channels stopped, Channels goingOn)
    {
        var rest = goingOn & ~stopped;
        return rest == Channels.None
            ? $"Your {Label(stopped)} have stopped."
            : $"{Capitalise(Label(stopped))} have stopped. Your {Label(rest)} carry on.";
    }

    /// <summary>Before a stop: "Your texts will carry on." or null when nothing else goes on.</summary>
    public static string? WillGoOn(Channels stopping, Channels goingOn)
    {
        var rest = goingOn & ~stopping;
        return rest == Channels.None ? null : $"Your {Label(rest)} will carry on.";
    }

    private static string Capitalise(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
