namespace Encourage.Replies;

/// <summary>The few rules that differ when the reply came by email; everything else is decided as for a text.</summary>
public static partial class InboundDecision
{
    /// <summary>STOP (or "wrong person") stops the channel the reply came on, and only that one.</summary>
    private static LifecycleStep StopStep(Channels channel, bool stop) => channel == Channels.Email
        ? new LifecycleStep.Stop(Channels.Email, stop ? "email-stop" : "email-wrong-person")
        : new LifecycleStep.Stop(Channels.Sms, stop ? "stop" : "wrong-number");

    /// <summary>
    /// By email: STOP stops emails (answered once, by email); YES, START and JOIN are keywords for texts, so they get
    /// a short answer saying so (nothing, after a STOP). Null: decide as for a text.
    /// </summary>
    private static Decision? ByEmail(Subscriber p, ParsedReply parsed, bool stopped, InboundContext ctx, Func<string, (string Key, string Value)[], ReplyMessage> say) => parsed.Intent switch
    {
        // HELP by email speaks of emails (the text HELP is about texts, rates and carriers), with the manage link.
        Intent.Help => new Decision { Replies = [say(ReplyKeys.EmailHelp, [(ReplyKeys.LinkValue, ctx.HelpLink)])] },
        Intent.WrongNumber => new Decision { Lifecycle = StopStep(Channels.Email, stop: false) },
        Intent.Stop => new Decision { Lifecycle = StopStep(Channels.Email, stop: true), Replies = [say(ReplyKeys.EmailStop, [])] },
        Intent.Start or Intent.Join => TextsOnly(stopped, key => say(key, [])),
        _ when p.Status == SubscriberStatus.Pending => TextsOnly(stopped, key => say(key, [])),
        _ => null,
    };

    /// <summary>
    /// An email reply to a profile that also holds a phone (a two-contact profile from before each contact was its own
    /// profile): the email's owner may not be the phone's, so by email only these emails can be stopped or asked about.
    /// Nothing is logged in the profile, and no pause, name, time or programme change reaches the texts.
    /// </summary>
    public static bool SharesAProfile(Subscriber p, Channels channel) =>
        channel == Channels.Email && p.Channel.HasFlag(Channels.Sms) && !string.IsNullOrEmpty(p.Phone);

    private static Decision OwnChannelOnly(ParsedReply parsed, InboundContext ctx, Func<string, (string Key, string Value)[], ReplyMessage> say) => parsed.Intent switch
    {
        Intent.Help => new Decision { Replies = [say(ReplyKeys.EmailHelp, [(ReplyKeys.LinkValue, ctx.HelpLink)])] },
        Intent.WrongNumber => new Decision { Lifecycle = StopStep(Channels.Email, stop: false) },
        Intent.Stop => new Decision { Lifecycle = StopStep(Channels.Email, stop: true), Replies = [say(ReplyKeys.EmailStop, [])] },
        _ => new Decision { Replies = [say(ReplyKeys.EmailOwnChannelOnly, [])] },
    };

    private static Decision TextsOnly(bool stopped, Func<string, ReplyMessage> say) =>
        stopped ? new Decision() : new Decision { Replies = [say(ReplyKeys.EmailTextsOnly)] };
}
