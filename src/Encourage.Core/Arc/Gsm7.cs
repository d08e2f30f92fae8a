namespace Encourage.Arc;

/// <summary>
/// SMS segment arithmetic (3GPP TS 23.038). A message that strays outside the GSM-7 alphabet is sent as UCS-2,
/// which cuts a segment from 160 characters to 70, so one curly quote can double what a text costs.
/// </summary>
public static class Gsm7
{
    public const int SingleSeptets = 160;
    public const int PartSeptets = 153;
    public const int SingleUcs2 = 70;
    public const int PartUcs2 = 67;

    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    // Each of these is sent as an escape septet plus the character, so it costs two.
    private const string Extension = "\f^{}\\[~]|€";

    public static bool IsBasic(char c) => Basic.Contains(c, StringComparison.Ordinal);

    public static bool IsExtension(char c) => Extension.Contains(c, StringComparison.Ordinal);

    public static bool IsGsm7(char c) => IsBasic(c) || IsExtension(c);

    public static bool IsGsm7(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if (!IsGsm7(c)) return false;
        }
        return true;
    }

    /// <summary>Septets the text takes in GSM-7: extension characters count two. Characters outside GSM-7 count one (they force UCS-2 anyway; see <see cref="Segments"/>).</summary>
    public static int Septets(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var n = 0;
        foreach (var c in text) n += IsExtension(c) ? 2 : 1;
        return n;
    }

    /// <summary>How many SMS segments the text is sent as; 0 for an empty text.</summary>
    public static int Segments(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0) return 0;
        return IsGsm7(text) ? GsmSegments(text) : Ucs2Segments(text);
    }

    private static int GsmSegments(string text)
    {
        if (Septets(text) <= SingleSeptets) return 1;
        // Packed greedily, and an escape pair is never split across two parts, as handsets and carriers do.
        var parts = 1;
        var used = 0;
        foreach (var c in text)
        {
            var cost = IsExtension(c) ? 2 : 1;
            if (used + cost > PartSeptets)
            {
                parts++;
                used = 0;
            }
            used += cost;
        }
        return parts;
    }

    private static int Ucs2Segments(string text)
    {
        if (text.Length <= SingleUcs2) return 1;
        // A surrogate pair (most emoji) is never split across two parts.
        var parts = 1;
        var used = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var cost = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            if (used + cost > PartUcs2)
            {
                parts++;
                used = 0;
            }
            used += cost;
            i += cost - 1;
        }
        return parts;
    }
}
