using System.Globalization;
using System.Text.RegularExpressions;
using Encourage.Arc;
using NodaTime;

namespace Encourage.Replies;

/// <summary>Keywords that change the subscriber's own settings: NAME Sam, PRONOUN her, TIME 7:30pm.</summary>
internal static partial class ProfileKeywords
{
    /// <summary>The setting a text asks to change, or null when it is not one of these keywords.</summary>
    internal static ParsedReply? Read(string body, ReplyText text)
    {
        if (SendTimeWords().Match(text.Words) is { Success: true } time)
        {
            return new ParsedReply(Intent.SendTime) { SendTime = TimeFrom(time) };
        }

        if (PronounWords().Match(text.Words) is { Success: true } pronoun)
        {
            return new ParsedReply(Intent.Pronoun) { Pronoun = PronounFrom(pronoun.Groups["p"].Value) };
        }

        // The name keeps the capitals it was typed with, so it is read from the raw text.
        var raw = body.Length > KeywordParser.MaxChars ? body[..KeywordParser.MaxChars] : body;
        if (NameWords().Match(raw.Trim()) is { Success: true } name)
        {
            return new ParsedReply(Intent.Name) { Name = CleanName(name.Groups["n"].Value) };
        }

        return null;
    }

    private static LocalTime? TimeFrom(Match m)
    {
        if (!m.Groups["h"].Success)
        {
            return null;
        }

        var hour = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = m.Groups["m"].Success ? int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        var half = m.Groups["ap"].Value;
        if (minute > 59 || hour > 23 || (half.Length > 0 && hour is < 1 or > 12))
        {
            return null;
        }

        if (half.StartsWith('p') && hour < 12) hour += 12;
        if (half.StartsWith('a') && hour == 12) hour = 0;
        return new LocalTime(hour, minute);
    }

    private static Pronoun PronounFrom(string word) => word switch
    {
        "he" or "him" or "his" => Pronoun.Him,
        "she" or "her" or "hers" => Pronoun.Her,
        _ => Pronoun.Them,
    };

    /// <summary>A first name as sign-up accepts it (letters, spaces, hyphens, apostrophes), first letter capital; null if not one.</summary>
    internal static string? CleanName(string raw)
    {
        var name = string.Join(' ', raw.Trim().TrimEnd('.', '!', '?', ',').Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (name.Length == 0 || name.Length > Programme.MaxFirstNameLength) return null;
        if (!name.All(c => char.IsLetter(c) || c is ' ' or '-' or '\'' || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark))
        {
            return null;
        }

        return char.ToUpperInvariant(name[0]) + name[1..];
    }

    // Over normalised words: "7:30pm" reads "7 30pm", "19:30" reads "19 30". A bare TIME asks how to say it.
    [GeneratedRegex(
        @"^(?:time|send time|sendtime|new time|change time|change (?:my )?(?:send )?time(?: to)?|send (?:it |them |my messages |messages |texts )?at|messages at|texts at)" +
        @"(?:(?: at)? (?<h>\d{1,2})(?: ?(?<m>\d{2}))?(?: ?(?<ap>am|pm|a m|p m))?(?: please| thanks| thank you)?)?$",
        KeywordParser.Linear, KeywordParser.LinearTimeoutMs)]
    private static partial Regex SendTimeWords();

    [GeneratedRegex(@"^(?:pronoun|pronouns)(?: is| are)? (?<p>he|him|his|she|her|hers|they|them|their)(?: (?:he|him|his|she|her|hers|they|them|their))*$", KeywordParser.Linear, KeywordParser.LinearTimeoutMs)]
    private static partial Regex PronounWords();

    [GeneratedRegex(@"^(?:name|my name is|call me)\s*[:\-]?\s+(?<n>\S.{0,60})$", KeywordParser.Linear | RegexOptions.IgnoreCase, KeywordParser.RegexTimeoutMs)]
    private static partial Regex NameWords();
}
