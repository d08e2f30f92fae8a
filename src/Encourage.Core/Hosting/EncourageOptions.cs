using System.ComponentModel.DataAnnotations;

namespace Encourage.Hosting;

/// <summary>Settings under <c>Encourage__*</c>.</summary>
public sealed partial class EncourageOptions : IValidatableObject
{
    public const string Section = "Encourage";

    /// <summary>The https base URL the public reaches the app at; Twilio signs URLs built from it.</summary>
    [Required]
    [Url]
    public required string PublicBaseUrl { get; set; }

    /// <summary>Secret for unsubscribe and confirmation tokens and for keyed hashes of contacts.</summary>
    [Required]
    [MinLength(32, ErrorMessage = "Encourage__TokenSecret must be at least 32 characters.")]
    public required string TokenSecret { get; set; }

    /// <summary>
    /// The token secret before a rotation: links made with it (and their contact hashes) are still read. Empty: none.
    /// </summary>
    public string? PreviousTokenSecret { get; set; }

    /// <summary>
    /// Keys subscriber ids and the suppression list's hashes, so <see cref="TokenSecret"/> can be rotated without
    /// moving anyone's data. Empty: the token secret is used (as before; set this to the current token secret before
    /// the first rotation so existing rows still read).
    /// </summary>
    public string? ContactKeySecret { get; set; }

    /// <summary>The secret subscriber ids and suppression hashes are keyed with.</summary>
    public string ContactKeyOrTokenSecret => string.IsNullOrEmpty(ContactKeySecret) ? TokenSecret : ContactKeySecret;

    /// <summary>Quiet hours: no SMS before this local time.</summary>
    public TimeOnly QuietHoursStart { get; set; } = new(8, 0);

    /// <summary>Quiet hours: no SMS at or after this local time.</summary>
    public TimeOnly QuietHoursEnd { get; set; } = new(21, 0);

    /// <summary>Partitions per due-index slot, so a popular send time is not one hot partition.</summary>
    [Range(1, 64)]
    public int DueIndexBuckets { get; set; } = 8;

    /// <summary>Prefix for every table and queue name (lets tests and environments share an account).</summary>
    [RegularExpression("^[a-z][a-z0-9]{0,15}$|^$", ErrorMessage = "Encourage__StoragePrefix must be lower-case letters and digits, starting with a letter.")]
    public string StoragePrefix { get; set; } = "";

    /// <summary>
    /// How long a send job that failed waits before it is tried again: the local host's and the tests' queue drainer.
    /// In Azure the Functions runtime does this from host.json's <c>extensions.queues.visibilityTimeout</c>, which a
    /// test keeps equal to this default.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Encourage__SendRetryDelay must be between 00:00:00 and 01:00:00.")]
    public TimeSpan SendRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one storage call may take before it is abandoned (and retried twice). Short, so a webhook answers 503
    /// (which Twilio retries) well inside Twilio's 15 s, rather than late.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:02:00", ErrorMessage = "Encourage__StorageTimeout must be between 00:00:01 and 00:02:00.")]
    public TimeSpan StorageTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Days the text of a reply (slip, urge, contact) is kept; then only its kind, time and day remain.</summary>
    [Range(1, 3650, ErrorMessage = "Encourage__KeepReplyTextDays must be between 1 and 3650.")]
    public int KeepReplyTextDays { get; set; } = 90;

    /// <summary>Days a delivery row is kept. They guard exactly-once, so start-up refuses less than the programme plus a margin.</summary>
    [Range(1, 3650, ErrorMessage = "Encourage__KeepDeliveryDays must be between 1 and 3650.")]
    public int KeepDeliveryDays { get; set; } = 400;

    /// <summary>Days an unsubscribed or graduated subscriber is kept before erasure (only the hashed suppression entry stays).</summary>
    [Range(1, 3650, ErrorMessage = "Encourage__KeepEndedDays must be between 1 and 3650.")]
    public int KeepEndedDays { get; set; } = 365;

    /// <summary>Optional mailto address for List-Unsubscribe.</summary>
    public string? UnsubscribeMailto { get; set; }

    /// <summary>How many days a confirmation link works after it was sent.</summary>
    [Range(1, 30)]
    public int ConfirmLinkDays { get; set; } = 7;

    /// <summary>Sign-ups one client address may make in an hour.</summary>
    [Range(1, 1_000_000)]
    public int SignupsPerAddressPerHour { get; set; } = 10;

    /// <summary>
    /// Sign-ups one network (IPv4 /24, IPv6 /48) may make in an hour: one host with a routed block cannot pass the
    /// address limit by changing address.
    /// </summary>
    [Range(1, 1_000_000)]
    public int SignupsPerRangePerHour { get; set; } = 50;

    /// <summary>Sign-ups naming one phone number or email address in an hour, wherever they come from.</summary>
    [Range(1, 1_000_000)]
    public int SignupsPerContactPerHour { get; set; } = 3;

    /// <summary>
    /// Confirmation requests (texts and emails) the whole service sends in an hour: a cost fuse, counted over
    /// several rows, that one address or network cannot reach through the limits above.
    /// </summary>
    [Range(1, 10_000_000)]
    public int ConfirmationsPerHour { get; set; } = 2000;
    /// <summary>
    /// Countries people may sign up from: ISO 3166 codes, comma-separated. Each needs crisis resources
    /// (Safety/crisis-resources.yaml), or start-up fails.
    /// </summary>
    public string AllowedCountries { get; set; } = "US";

    /// <summary><see cref="AllowedCountries"/> parsed: upper case, trimmed, without duplicates.</summary>
    public IReadOnlyList<string> AllowedCountryCodes =>
        [.. (AllowedCountries ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => c.ToUpperInvariant()).Distinct(StringComparer.Ordinal)];

    /// <summary>Where a safety alert is emailed (through SendGrid; the local outbox in development). Optional.</summary>
    public string? OperatorAlertEmail { get; set; }

    /// <summary>Where a safety alert is POSTed as JSON (a chat or paging webhook). Optional.</summary>
    public string? OperatorAlertWebhook { get; set; }
    /// <summary>Where a person can get help from a human (named in HELP): an address. One of this and <see cref="SupportUrl"/> is required in Production.</summary>
    [EmailAddress(ErrorMessage = "Encourage__SupportEmail must be an email address.")]
    [MaxLength(SupportContact.MaxLength, ErrorMessage = "Encourage__SupportEmail must be at most 40 characters: it goes into a two-segment HELP text.")]
    public string? SupportEmail { get; set; }

    /// <summary>Where a person can get help from a human (named in HELP): a web page, used when there is no <see cref="SupportEmail"/>.</summary>
    [Url(ErrorMessage = "Encourage__SupportUrl must be an http or https address.")]
    [MaxLength(SupportContact.MaxLength, ErrorMessage = "Encourage__SupportUrl must be at most 40 characters: it goes into a two-segment HELP text.")]
    public string? SupportUrl { get; set; }

    /// <summary>
    /// The domain replies to emails come back to (its MX points at SendGrid Inbound Parse): programme emails carry a
    /// Reply-To of <c>reply+&lt;tag&gt;@</c> this domain. Unset: email replies are off and no email invites one.
    /// </summary>
    [RegularExpression(@"^(?=.{1,200}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$|^$", ErrorMessage = "Encourage__ReplyDomain must be a lower-case domain name such as reply.example.org.")]
    public string? ReplyDomain { get; set; }

    /// <summary>"Production" refuses to start without provider credentials; "Development" may use the local outbox.</summary>
    public string Mode { get; set; } = "Production";

    public bool IsDevelopment => string.Equals(Mode, "Development", StringComparison.OrdinalIgnoreCase);

    /// <summary>The sender's postal address, in every email's footer (CAN-SPAM); required outside Development.</summary>
    [MaxLength(300, ErrorMessage = "Encourage__PostalAddress must be at most 300 characters.")]
    public string? PostalAddress { get; set; }

    /// <summary>
    /// A quiet-hours window shorter than an hour (or ending before it starts) would leave no time to send in; every
    /// email must show a postal address outside Development.
    /// </summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (QuietHoursEnd.ToTimeSpan() - QuietHoursStart.ToTimeSpan() < TimeSpan.FromHours(1))
        {
            yield return new ValidationResult(
                $"Encourage__QuietHoursEnd ({QuietHoursEnd:HH\\:mm}) must be at least an hour after Encourage__QuietHoursStart ({QuietHoursStart:HH\\:mm}).",
                [nameof(QuietHoursStart), nameof(QuietHoursEnd)]);
        }
        foreach (var (setting, value) in new[] { ("Encourage__PreviousTokenSecret", PreviousTokenSecret), ("Encourage__ContactKeySecret", ContactKeySecret) })
        {
            // Empty means not set; set, it is a secret like the token secret.
            if (value is { Length: > 0 and < 32 }) yield return new ValidationResult($"{setting} must be at least 32 characters (or empty).", [setting]);
        }
        foreach (var proxy in (TrustedProxies ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!System.Net.IPNetwork.TryParse(proxy, out _) && !System.Net.IPAddress.TryParse(proxy, out _))
            {
                yield return new ValidationResult($"Encourage__TrustedProxies: '{proxy}' is not an address or CIDR block (such as 127.0.0.1 or 10.0.0.0/8).", [nameof(TrustedProxies)]);
            }
        }
        if (!IsDevelopment && string.IsNullOrWhiteSpace(PostalAddress))
        {
            yield return new ValidationResult(
                "Encourage__PostalAddress is required: every email must show the sender's postal address.", [nameof(PostalAddress)]);
        }
    }
}

/// <summary>Settings under <c>Twilio__*</c>.</summary>
public sealed class TwilioOptions
{
    public const string Section = "Twilio";
    public string? AccountSid { get; set; }
    public string? AuthToken { get; set; }
    public string? FromNumber { get; set; }
    public string? MessagingServiceSid { get; set; }

    /// <summary>Override of Twilio's API base address (tests point it at a loopback fake).</summary>
    public Uri? ApiBaseUrl { get; set; }

    public bool CanSend =>
        !string.IsNullOrWhiteSpace(AccountSid) && !string.IsNullOrWhiteSpace(AuthToken) &&
        (!string.IsNullOrWhiteSpace(FromNumber) || !string.IsNullOrWhiteSpace(MessagingServiceSid));
}

/// <summary>Settings under <c>SendGrid__*</c>.</summary>
public sealed class SendGridOptions
{
    public const string Section = "SendGrid";
    public string? ApiKey { get; set; }
    public string? FromEmail { get; set; }
    public string FromName { get; set; } = "Encourage";

    /// <summary>The Event Webhook's verification key (base64 ECDSA public key from SendGrid's settings).</summary>
    public string? EventWebhookPublicKey { get; set; }

    /// <summary>Override of SendGrid's API host (tests point it at a loopback fake).</summary>
    public string? ApiHost { get; set; }

    /// <summary>
    /// The password in the Inbound Parse URL (<c>https://sendgrid:&lt;secret&gt;@host/api/sendgrid/inbound</c>): a post
    /// without it is refused. Required in Production when <c>Encourage__ReplyDomain</c> is set.
    /// </summary>
    public string? InboundParseSecret { get; set; }

    public bool CanSend => !string.IsNullOrWhiteSpace(ApiKey) && !string.IsNullOrWhiteSpace(FromEmail);
}
