namespace Encourage.TestSupport;

/// <summary>Settings every test starts from: development mode, a private prefix for its tables and queue.</summary>
public static class TestSettings
{
    public const string TokenSecret = "test-token-secret-0123456789abcdef-0123456789";
    public const string TwilioAuthToken = "test-twilio-auth-token";
    public const string TwilioAccountSid = "AC11111111111111111111111111111111";
    public const string PublicBaseUrl = "https://encourage.example.net";
    public const string PostalAddress = "Encourage, 100 Example Street, Suite 5, New York, NY 10001, USA";

    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Configuration keys in "Section:Key" form (environment variables use "Section__Key").</summary>
    public static Dictionary<string, string?> For(string prefix) => new()
    {
        ["AzureWebJobsStorage"] = Azurite.ConnectionString,
        ["Encourage:Mode"] = "Development",
        ["Encourage:PublicBaseUrl"] = PublicBaseUrl,
        ["Encourage:TokenSecret"] = TokenSecret,
        ["Encourage:StoragePrefix"] = prefix,
        ["Encourage:SendQueueName"] = prefix + "-send",
        ["Encourage:DueIndexBuckets"] = "4",
        ["Encourage:PostalAddress"] = PostalAddress,
        ["Twilio:AuthToken"] = TwilioAuthToken,
    };
}
