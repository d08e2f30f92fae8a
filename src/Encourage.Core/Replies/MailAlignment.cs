namespace Encourage.Replies;

/// <summary>
/// DMARC-style relaxed alignment between two mail domains (the From domain and the SPF envelope domain, or a DKIM
/// signature's d= domain), decided conservatively without a Public Suffix List: two domains are aligned when they are
/// the same, or one is a subdomain of the other and the shorter one is a registrable domain (two labels or more, and
/// not a known public suffix such as co.uk). So bounce.mail.example.com aligns with example.com, and attacker.co.uk
/// never aligns with victim.co.uk. Siblings (news.example.com and bounce.example.com) are not taken as aligned: a
/// false "no" costs a reply we ignore; a false "yes" lets a stranger write as someone else.
/// </summary>
public static class MailAlignment
{
    // Public suffixes of two labels that mail commonly comes from; a bare TLD (one label) is refused anyway.
    private static readonly HashSet<string> MultiLabelSuffixes = new(StringComparer.OrdinalIgnoreCase)
    {
        "co.uk", "org.uk", "me.uk", "ac.uk", "gov.uk", "ltd.uk", "plc.uk", "net.uk", "sch.uk", "nhs.uk",
        "com.au", "net.au", "org.au", "edu.au", "gov.au", "id.au", "co.nz", "org.nz", "net.nz", "ac.nz",
        "co.jp", "ne.jp", "or.jp", "ac.jp", "co.kr", "or.kr", "co.in", "net.in", "org.in", "firm.in",
        "com.br", "net.br", "org.br", "com.mx", "org.mx", "com.ar", "com.cn", "net.cn", "org.cn", "com.hk",
        "com.sg", "com.tw", "co.za", "org.za", "co.il", "org.il", "com.tr", "co.id", "or.id", "com.my",
        "com.ph", "com.pk", "com.ng", "co.ke", "com.eg", "com.sa", "com.ua", "com.pl", "com.es", "co.th",
        "gmbh.de", "ac.at", "co.at", "or.at", "com.co", "com.pe", "com.vn", "eu.org", "github.io", "herokuapp.com",
    };

    /// <summary>Whether <paramref name="authenticated"/> (the SPF or DKIM domain) is aligned with <paramref name="from"/>.</summary>
    public static bool Aligned(string? from, string? authenticated)
    {
        var a = Clean(from);
        var b = Clean(authenticated);
        if (a is null || b is null) return false;
        if (a == b) return true;
        var (shorter, longer) = a.Length < b.Length ? (a, b) : (b, a);
        return longer.EndsWith("." + shorter, StringComparison.Ordinal) && IsRegistrable(shorter);
    }

    /// <summary>The domain of an address ("Ana &lt;ana@Mail.Example.org&gt;" or "ana@mail.example.org"), or null.</summary>
    public static string? DomainOf(string? address)
    {
        if (string.IsNullOrWhiteSpace(address)) return null;
        var trimmed = address.Trim().TrimStart('<').TrimEnd('>');
        var at = trimmed.LastIndexOf('@');
        return at < 0 ? Clean(trimmed) : Clean(trimmed[(at + 1)..]);
    }

    private static bool IsRegistrable(string domain) => domain.Contains('.', StringComparison.Ordinal) && !MultiLabelSuffixes.Contains(domain);

    private static string? Clean(string? domain)
    {
        if (string.IsNullOrWhiteSpace(domain)) return null;
        var d = domain.Trim().TrimEnd('.').TrimStart('@').ToLowerInvariant();
        if (d.Length is 0 or > 253 || d.StartsWith('.') || d.Contains("..", StringComparison.Ordinal)) return null;
        return d.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-') ? d : null;
    }
}
