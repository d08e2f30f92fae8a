namespace Encourage.Privacy;

/// <summary>Masks contact details for logs: a phone number or email never appears in a log line in full.</summary>
public static class Redact
{
    /// <summary>"+12125550100" becomes "+1******0100"... keeps the country code and last two digits only.</summary>
    public static string Phone(string? phone)
    {
        if (string.IsNullOrEmpty(phone)) return "(none)";
        if (phone.Length <= 4) return new string('*', phone.Length);
        return string.Concat(phone.AsSpan(0, 2), new string('*', phone.Length - 4), phone.AsSpan(phone.Length - 2));
    }

    /// <summary>"ana@example.com" becomes "a***@e***".</summary>
    public static string Email(string? email)
    {
        if (string.IsNullOrEmpty(email)) return "(none)";
        var at = email.IndexOf('@');
        if (at <= 0 || at == email.Length - 1) return "***";
        return $"{email[0]}***@{email[at + 1]}***";
    }
}
