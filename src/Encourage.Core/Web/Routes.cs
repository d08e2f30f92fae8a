namespace Encourage.Web;

/// <summary>
/// Every public HTTP route, in one place. The Functions app declares the same routes in its triggers; the local host
/// maps exactly this list, and a test compares the two so they cannot drift apart.
/// </summary>
public static class Routes
{
    public const string Subscribe = "/api/subscribe";
    public const string Signup = "/api/signup";
    public const string Confirm = "/api/confirm";
    public const string Unsubscribe = "/api/unsubscribe";
    public const string TwilioInbound = "/api/twilio/inbound";
    public const string TwilioStatus = "/api/twilio/status";
    public const string SendGridEvents = "/api/sendgrid/events";
    public const string SendGridInbound = "/api/sendgrid/inbound";
    public const string Dashboard = "/api/admin/dashboard";
    public const string MyData = "/api/my-data";
    public const string Manage = "/api/manage";
    public const string Terms = "/api/terms";
    public const string Privacy = "/api/privacy";

    /// <summary>(route, methods) for every HTTP function.</summary>
    public static IReadOnlyList<(string Route, string[] Methods)> All { get; } =
    [
        (Subscribe, ["POST"]),
        (Signup, ["GET"]),
        (Confirm, ["GET", "POST"]),
        (Unsubscribe, ["GET", "POST"]),
        (TwilioInbound, ["POST"]),
        (TwilioStatus, ["POST"]),
        (SendGridEvents, ["POST"]),
        (SendGridInbound, ["POST"]),
        (Dashboard, ["GET"]),
        (MyData, ["GET", "POST"]),
        (Manage, ["GET", "POST"]),
        (Terms, ["GET"]),
        (Privacy, ["GET"]),
    ];
}
