// Temporary compile-only stand-ins until the arc and pages branches merge. Deleted at merge.
#pragma warning disable
namespace Encourage.Arc
{
    public sealed class Programme { public const int MaxFirstNameLength = 20; public IReadOnlyList<Phase> Phases => throw null!; public IReadOnlyList<ProgrammeEntry> Entries => throw null!; public ProgrammeEntry? Entry(int n) => throw null!; public Phase PhaseOf(int n) => throw null!; public int FirstEntryOf(string id) => throw null!; public static Programme LoadEmbedded() => throw null!; public static Programme Parse(string y) => throw null!; }
    public static class PhaseIds { public const string IfHeReachesOut = "if-he-reaches-out"; }
    public static class Gsm7 { public static int Segments(string t) => 1; }
    public static class ContentLint { public static IReadOnlyList<string> CheckYaml(string a, string b) => []; }
    public static class ProgrammePreview { public static void Write(TextWriter w, Programme p, Encourage.Replies.ReplyBook r, string n, Encourage.Subscriptions.Pronoun pr) {} }
    public static class MessageRenderer { public static RenderedMessage Render(ProgrammeEntry e, string n, Encourage.Subscriptions.Pronoun p, string? r) => throw null!; public static (string Html, string Text) RenderMarkdown(string m, string n, Encourage.Subscriptions.Pronoun p, IReadOnlyDictionary<string,string>? v = null) => throw null!; }
}
namespace Encourage.Replies
{
    public sealed class ReplyBook { public static ReplyBook LoadEmbedded() => throw null!; public string Text(string k, string n, Encourage.Subscriptions.Pronoun p, IReadOnlyDictionary<string,string>? v = null) => throw null!; public string Slip(SlipKind k, string ph, string n, Encourage.Subscriptions.Pronoun p) => throw null!; public string RecoveryLine(int s, string n, Encourage.Subscriptions.Pronoun p) => throw null!; }
    public static class ReplyKeys { public const string ConfirmSms="confirm_sms", WelcomeSms="welcome_sms", WelcomeEmailSubject="welcome_email_subject", WelcomeEmail="welcome_email", ConfirmEmailSubject="confirm_email_subject", ConfirmEmail="confirm_email", EmailFooter="email_footer", Urge="urge", UrgeCheckback="urge_checkback", UrgeResisted="urge_resisted", HeTexted="he_texted", HeCalled="he_called", Status="status", Pause="pause", Resume="resume", Stop="stop", StartAgain="start_again", Help="help", HelpUnsubscribed="help_unsubscribed", Fallback="fallback", Safety="safety", Done="done", Join="join", TimezoneChanged="timezone_changed", TimezoneUnknown="timezone_unknown"; }
    public static class KeywordParser { public const int MaxPauseDays = 30, DefaultPauseDays = 7; public static ParsedReply Parse(string? b) => throw null!; }
}
