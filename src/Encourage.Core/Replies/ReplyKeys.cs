namespace Encourage.Replies;

/// <summary>The keys under <c>messages:</c> in replies.yaml, and the named values each one is filled with.</summary>
public static class ReplyKeys
{
    public const string ConfirmSms = "confirm_sms";
    public const string WelcomeSms = "welcome_sms";
    public const string WelcomeEmailSubject = "welcome_email_subject";
    public const string WelcomeEmail = "welcome_email";
    public const string ConfirmEmailSubject = "confirm_email_subject";
    public const string ConfirmEmail = "confirm_email";
    public const string EmailFooter = "email_footer";
    public const string Urge = "urge";
    public const string UrgeCheckback = "urge_checkback";
    public const string UrgeResisted = "urge_resisted";
    public const string HeTexted = "he_texted";
    public const string HeCalled = "he_called";
    public const string Pause = "pause";
    public const string Resume = "resume";
    public const string AlreadyPaused = "already_paused";
    public const string NotPaused = "not_paused";
    public const string Stop = "stop";
    public const string StartAgain = "start_again";
    public const string Help = "help";
    public const string HelpUnsubscribed = "help_unsubscribed";
    public const string Safety = "safety";
    public const string Done = "done";
    public const string Join = "join";
    public const string AlreadySubscribed = "already_subscribed";
    public const string TimezoneChanged = "timezone_changed";
    public const string TimezoneUnknown = "timezone_unknown";
    public const string StatusSummary = "status_summary";
    public const string FallbackPlain = "fallback_plain";
    public const string OkHeard = "ok_heard";
    public const string ProgressNotTexted = "progress_not_texted";
    public const string ProgressNotCalled = "progress_not_called";
    public const string ProgressHeldBack = "progress_held_back";
    public const string ProgressMilestone = "progress_milestone";
    public const string ProgressStronger = "progress_stronger";
    public const string SafetyModeOn = "safety_mode_on";
    public const string DoneCheck = "done_check";
    public const string SafetyCheck = "safety_check";
    public const string AskName = "ask_name";
    public const string NameChanged = "name_changed";
    public const string NameInvalid = "name_invalid";
    public const string PronounChanged = "pronoun_changed";
    public const string TimeChanged = "time_changed";
    public const string TimeUnknown = "time_unknown";
    public const string HelpManage = "help_manage";
    public const string EmailReplyHint = "email_reply_hint";
    public const string EmailReplySubject = "email_reply_subject";
    public const string EmailStop = "email_stop";
    public const string EmailTextsOnly = "email_texts_only";
    public const string EmailOwnChannelOnly = "email_own_channel_only";
    public const string DataLinkSms = "data_link_sms";
    public const string DataLinkEmailSubject = "data_link_email_subject";
    public const string DataLinkEmail = "data_link_email";
    public const string EmailHelp = "email_help";

    /// <summary>The acknowledgement for each kind of good news.</summary>
    public static string ForProgress(ProgressKind kind) => kind switch
    {
        ProgressKind.NotTexted => ProgressNotTexted,
        ProgressKind.NotCalled => ProgressNotCalled,
        ProgressKind.Milestone => ProgressMilestone,
        ProgressKind.Stronger => ProgressStronger,
        _ => ProgressHeldBack,
    };

    /// <summary>The reach-out replies for someone in safety mode: no nudge to answer or reunite; a plan and the hotline.</summary>
    public const string HeTextedSafety = "he_texted_safety";
    public const string HeCalledSafety = "he_called_safety";

    /// <summary>Named value holes: the unsubscribe or confirm link.</summary>
    public const string LinkValue = "link";
    public const string LongestValue = "longest";
    public const string DayValue = "day";
    public const string DaysValue = "days";
    public const string UntilValue = "until";
    public const string ZoneValue = "zone";
    public const string NoContactValue = "nocontact";
    public const string SlipsValue = "slips";
    public const string WinsValue = "wins";
    public const string TimeValue = "time";
    public const string FromValue = "from";

    /// <summary>The support contact (<c>Encourage__SupportEmail</c> or <c>__SupportUrl</c>), filled by the reply book itself.</summary>
    public const string SupportValue = "support";

    /// <summary>The crisis line for the person's country, from <c>ICrisisHelp.CrisisLine</c>.</summary>
    public const string CrisisLineValue = "crisis_line";

    private static readonly Dictionary<string, Spec> Specs = new(StringComparer.Ordinal)
    {
        [ConfirmSms] = new(Channel.Sms, [SupportValue]),
        [WelcomeSms] = new(Channel.Sms, [LinkValue, CrisisLineValue, SupportValue]),
        [WelcomeEmailSubject] = new(Channel.EmailSubject),
        [WelcomeEmail] = new(Channel.Email, [LinkValue, CrisisLineValue, SupportValue]),
        [ConfirmEmailSubject] = new(Channel.EmailSubject),
        [ConfirmEmail] = new(Channel.Email, [LinkValue]),
        [EmailFooter] = new(Channel.Email, [LinkValue]),
        [Urge] = new(Channel.Sms),
        [UrgeCheckback] = new(Channel.Sms),
        [UrgeResisted] = new(Channel.Sms),
        [HeTexted] = new(Channel.Sms),
        [HeCalled] = new(Channel.Sms),
        [Pause] = new(Channel.Sms, [DaysValue, UntilValue]),
        [Resume] = new(Channel.Sms),
        [AlreadyPaused] = new(Channel.Sms, [UntilValue]),
        [NotPaused] = new(Channel.Sms),
        [Stop] = new(Channel.Sms),
        [StartAgain] = new(Channel.Sms, [SupportValue]),
        [Help] = new(Channel.Sms, [LinkValue, SupportValue]),
        // Sent to numbers that are not subscribed: no name or pronoun is known for them.
        [HelpUnsubscribed] = new(Channel.Sms, [SupportValue], Personal: false),
        [Safety] = new(Channel.Sms, Personal: false),
        [Done] = new(Channel.Sms),
        [Join] = new(Channel.Sms, [ZoneValue, SupportValue], Personal: false),
        [AlreadySubscribed] = new(Channel.Sms),
        [TimezoneChanged] = new(Channel.Sms, [ZoneValue], Personal: false),
        [TimezoneUnknown] = new(Channel.Sms, Personal: false),
        [HeTextedSafety] = new(Channel.Sms, [CrisisLineValue]),
        [HeCalledSafety] = new(Channel.Sms, [CrisisLineValue]),
        [StatusSummary] = new(Channel.Sms, [DayValue, NoContactValue, LongestValue, SlipsValue, WinsValue]),
        [FallbackPlain] = new(Channel.Sms),
        [OkHeard] = new(Channel.Sms),
        [ProgressNotTexted] = new(Channel.Sms),
        [ProgressNotCalled] = new(Channel.Sms),
        [ProgressHeldBack] = new(Channel.Sms),
        [ProgressMilestone] = new(Channel.Sms),
        [ProgressStronger] = new(Channel.Sms),
        [SafetyModeOn] = new(Channel.Sms, [CrisisLineValue]),
        [DoneCheck] = new(Channel.Sms, [CrisisLineValue]),
        // The semantic layer's grey zone, to subscribers and strangers alike: no name, no keyword, the crisis line alone.
        [SafetyCheck] = new(Channel.Sms, [CrisisLineValue], Personal: false),
        // After YES from someone who joined by text: no name is known yet.
        [AskName] = new(Channel.Sms, Personal: false),
        [NameChanged] = new(Channel.Sms),
        [NameInvalid] = new(Channel.Sms, Personal: false),
        [PronounChanged] = new(Channel.Sms),
        [TimeChanged] = new(Channel.Sms, [TimeValue, FromValue]),
        [TimeUnknown] = new(Channel.Sms, Personal: false),
        [HelpManage] = new(Channel.Sms, [LinkValue], Personal: false),
        // Only in emails to people whose replies by email reach us (Encourage__ReplyDomain), so they may name keywords.
        [EmailReplyHint] = new(Channel.EmailReply),
        [EmailReplySubject] = new(Channel.EmailSubject),
        [EmailStop] = new(Channel.EmailReply),
        [EmailTextsOnly] = new(Channel.EmailReply),
        [EmailOwnChannelOnly] = new(Channel.EmailReply),
        // "Download my data" from the manage page: a fresh single-use link, sent to the contact itself.
        [DataLinkSms] = new(Channel.Sms, [LinkValue], Personal: false),
        [DataLinkEmailSubject] = new(Channel.EmailSubject),
        [DataLinkEmail] = new(Channel.Email, [LinkValue]),
        [EmailHelp] = new(Channel.EmailReply, [LinkValue, SupportValue]),
    };

    /// <summary>Every message key, in the order above.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Specs.Keys];

    /// <summary>The named values (besides <c>{name}</c>) a key's text may use; empty for an unknown key.</summary>
    public static IReadOnlyList<string> ValuesOf(string key) => Specs.TryGetValue(key, out var s) ? s.Values ?? [] : [];

    /// <summary>Whether the text goes out by SMS (so GSM-7 and segment limits apply).</summary>
    public static bool IsSms(string key) => Specs.TryGetValue(key, out var s) && s.Channel == Channel.Sms;

    /// <summary>Whether the text may use <c>{name}</c> and pronouns: false for texts sent to someone not subscribed.</summary>
    public static bool IsPersonal(string key) => !Specs.TryGetValue(key, out var s) || s.Personal;

    internal static bool IsEmailSubject(string key) => Specs.TryGetValue(key, out var s) && s.Channel == Channel.EmailSubject;

    /// <summary>Whether the text goes only by email to someone who can reply by email (it may name keywords to reply with).</summary>
    internal static bool IsEmailReply(string key) => Specs.TryGetValue(key, out var s) && s.Channel == Channel.EmailReply;

    private enum Channel { Sms, Email, EmailSubject, EmailReply }

    private sealed record Spec(Channel Channel, string[]? Values = null, bool Personal = true);
}
