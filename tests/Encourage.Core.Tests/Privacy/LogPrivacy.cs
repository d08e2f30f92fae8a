using System.Text.RegularExpressions;

namespace Encourage.Core.Tests.Privacy;

/// <summary>What must never appear in a log line, and the check itself.</summary>
internal static partial class LogPrivacy
{
    /// <summary>A US E.164 number in every form someone might search a log for.</summary>
    public static IEnumerable<string> PhoneForms(string e164)
    {
        var national = e164[2..]; // "+1" then ten digits
        var (a, b, c) = (national[..3], national[3..6], national[6..]);
        return
        [
            e164, e164[1..], national, $"({a}) {b}-{c}", $"{a}-{b}-{c}", $"{a} {b} {c}", $"{a}.{b}.{c}", $"+1 {a} {b} {c}",
            Uri.EscapeDataString(e164), $"{b}{c}", $"{b}-{c}",
        ];
    }

    public static IEnumerable<string> EmailForms(string email) =>
        [email, email.ToUpperInvariant(), Uri.EscapeDataString(email), email[..email.IndexOf('@')] + "@"];

    public static IEnumerable<string> Secrets => [TestSettings.TokenSecret, TestSettings.TwilioAuthToken];

    /// <summary>A message body, and each of its lines long enough to be unmistakable.</summary>
    public static IEnumerable<string> BodyForms(string body)
    {
        if (body.Trim().Length >= 8) yield return body.Trim();
        foreach (var line in body.Split('\n'))
        {
            var t = line.Trim();
            if (t.Length >= 24) yield return t;
        }
    }

    public static IEnumerable<string> TokensIn(string text) => TokenPattern().Matches(text).Select(m => Uri.UnescapeDataString(m.Groups[1].Value));

    /// <summary>Fails naming each forbidden value found and the line it was in.</summary>
    public static void AssertNoneContain(IReadOnlyList<string> lines, IEnumerable<(string What, string Value)> forbidden)
    {
        var found = new List<string>();
        foreach (var (what, value) in forbidden.Where(f => !string.IsNullOrEmpty(f.Value)).Distinct())
        {
            foreach (var line in lines)
            {
                if (line.Contains(value, StringComparison.OrdinalIgnoreCase)) found.Add($"{what} '{value}' in: {line}");
            }
        }
        Assert.True(found.Count == 0, "Log lines leak private data:\n" + string.Join("\n", found.Distinct().Take(40)));
    }

    [GeneratedRegex(@"token=([A-Za-z0-9_\-\.%]+)")]
    private static partial Regex TokenPattern();
}
