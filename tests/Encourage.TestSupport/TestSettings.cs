namespace Encourage.TestSupport;

/// <summary>Settings every test starts from: development mode, a private prefix for its tables and queue.</summary>
public static class TestSettings
{
    public const string TokenSecret = "test-token-secret-0123456789abcdef-0123456789";
    public const string TwilioAuthToken = "test-twilio-auth-token";
    public const string TwilioAccountSid = "AC11111111111111111111111111111111";
    public const string PublicBaseUrl = "https://encourage.example.net";
    public const string SupportEmail = "help@encourage.example.net";
    public const string PostalAddress = "Encourage, 100 Example Street, Suite 5, New York, NY 10001, USA";

    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Configuration keys in "Section:Key" form (environment variables use "Section__Key").</summary>
    public static Dictionary<string, string?> For(string prefix) => new()
    {
        ["AzureWebJobsStorage"] = Azurite.ConnectionString,
        ["Encourage:Mode"] = "Development",
        ["Encourage:PublicBaseUrl"] = PublicBaseUrl,
        ["Encourage:TokenSecret"] = TokenSecret,
        ["Encourage:SupportEmail"] = SupportEmail,
        ["Encourage:StoragePrefix"] = prefix,
        ["Encourage:SendQueueName"] = prefix + "-send",
        ["Encourage:DueIndexBuckets"] = "4",
        ["Encourage:PostalAddress"] = PostalAddress,
        ["Twilio:AuthToken"] = TwilioAuthToken,
        // Tests sign up many numbers from loopback: the sign-up limits are raised here, and the tests about limits
        // put the defaults back (DefaultLimits).
        ["Encourage:SignupsPerAddressPerHour"] = "1000000",
        ["Encourage:SignupsPerRangePerHour"] = "1000000",
        ["Encourage:ConfirmationsPerHour"] = "1000000",
        ["Encourage:SignupsPerContactPerHour"] = "1000000",
    };

    /// <summary>The product's default sign-up limits, for the tests that are about them.</summary>
    public static Dictionary<string, string?> DefaultLimits => new()
    {
        ["Encourage:SignupsPerAddressPerHour"] = null,
        ["Encourage:SignupsPerRangePerHour"] = null,
        ["Encourage:ConfirmationsPerHour"] = null,
        ["Encourage:SignupsPerContactPerHour"] = null,
    };
}
