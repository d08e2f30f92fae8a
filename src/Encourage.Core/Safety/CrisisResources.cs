using System.Text;
using Encourage.Arc;

namespace Encourage.Safety;

/// <summary>One crisis line or service, as checked on its official page.</summary>
public sealed record CrisisResource(string Name, SafetyKind For, string? Phone, string? Text, string? Web, string Hours, Uri Source);

/// <summary>A country's help: its emergency number, the short lines an SMS uses, and the resources behind them.</summary>
public sealed record CountryHelp(
    string Code,
    string Name,
    string Emergency,
    string CrisisLine,
    string SelfHarmSms,
    string AbuseSms,
    IReadOnlyList<CrisisResource> Resources)
{
    public IEnumerable<CrisisResource> For(SafetyKind kind) => Resources.Where(r => r.For == kind);

    public string Sms(SafetyKind kind) => kind == SafetyKind.SelfHarm ? SelfHarmSms : AbuseSms;
}

/// <summary>The wording around a country's lines (crisis-resources.yaml's <c>wording</c>).</summary>
public sealed record CrisisWording(string SmsSelfHarm, string SmsAbuse, string EmailSelfHarm, string EmailAbuse, string EmailEmergency, string EmailAutomated);

/// <summary>
/// Crisis resources by country, from crisis-resources.yaml (embedded). Loading checks the file (every entry has an
/// official https source, every number appears in its SMS line, every reply fits two GSM-7 segments) and throws a
/// <see cref="ContentException"/> listing every problem.
/// </summary>
public sealed class CrisisResources
{
    public const string DefaultKey = "default";
    internal const string ResourceName = "Encourage.Safety.crisis-resources.yaml";
    private const string FileName = "crisis-resources.yaml";
    private readonly Dictionary<string, CountryHelp> _countries;

    private CrisisResources(CrisisWording wording, Dictionary<string, CountryHelp> countries, CountryHelp fallback)
    {
        Wording = wording;
        _countries = countries;
        Fallback = fallback;
    }

    public CrisisWording Wording { get; }

    /// <summary>Help for a country that is not listed: where to look, no numbers.</summary>
    public CountryHelp Fallback { get; }

    public IReadOnlyCollection<string> Countries => _countries.Keys;

    public bool Covers(string regionCode) => _countries.ContainsKey(regionCode.ToUpperInvariant());

    /// <summary>The country's help, or <see cref="Fallback"/> when it is not listed.</summary>
    public CountryHelp For(string regionCode) => _countries.GetValueOrDefault(regionCode.ToUpperInvariant()) ?? Fallback;

    /// <summary>Allowed countries (upper-case ISO codes) that have no resources, as problems to show.</summary>
    public IReadOnlyList<string> Uncovered(IEnumerable<string> allowedCountries) =>
        [.. allowedCountries.Where(c => !Covers(c)).Select(c =>
            $"Encourage__AllowedCountries lists {c}, but {FileName} has no crisis resources for it: add them (name, phone or text, hours, official source) before allowing it.")];

    private static readonly Lazy<CrisisResources> Embedded = new(() => Parse(EmbeddedText()), LazyThreadSafetyMode.ExecutionAndPublication);

    public static CrisisResources LoadEmbedded() => Embedded.Value;

    internal static string EmbeddedText()
    {
        using var stream = typeof(CrisisResources).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>Reads and checks the file; every problem found is listed in one <see cref="ContentException"/>.</summary>
    public static CrisisResources Parse(string yaml)
    {
        var problems = new List<string>();
        if (YamlTree.Load(yaml, FileName) is not YamlMapping root)
        {
            throw new ContentException($"{FileName}: expected a mapping with 'wording' and 'countries'.");
        }

        string Required(YamlMapping map, string key, string where)
        {
            if (map[key] is YamlScalar { Value: { } v } && v.Trim().Length > 0) return v.Trim();
            problems.Add($"{FileName}: {where} ({map.At}) has no '{key}'.");
            return "";
        }

        string? Optional(YamlMapping map, string key) => map[key] is YamlScalar { Value: { } v } && v.Trim().Length > 0 ? v.Trim() : null;

        var wording = new CrisisWording("", "", "", "", "", "");
        if (root["wording"] is YamlMapping w)
        {
            wording = new CrisisWording(
                Required(w, "sms_self_harm", "wording"), Required(w, "sms_abuse", "wording"),
                Required(w, "email_self_harm", "wording"), Required(w, "email_abuse", "wording"),
                Required(w, "email_emergency", "wording"), Required(w, "email_automated", "wording"));
            foreach (var (key, template) in new[] { ("sms_self_harm", wording.SmsSelfHarm), ("sms_abuse", wording.SmsAbuse) })
            {
                foreach (var hole in new[] { "{self_harm}", "{abuse}", "{emergency}" })
                {
                    if (template.Length > 0 && !template.Contains(hole, StringComparison.Ordinal)) problems.Add($"{FileName}: wording {key} must contain {hole}.");
                }
                if (template.Length > 0 && !template.Contains("automated", StringComparison.Ordinal)) problems.Add($"{FileName}: wording {key} must say the number is automated.");
            }
        }
        else
        {
            problems.Add($"{FileName}: has no 'wording' mapping.");
        }

        var countries = new Dictionary<string, CountryHelp>(StringComparer.Ordinal);
        CountryHelp? fallback = null;
        if (root["countries"] is YamlMapping list)
        {
            foreach (var (code, node) in list.Pairs)
            {
                if (code != DefaultKey && (code.Length != 2 || !code.All(char.IsAsciiLetterUpper)))
                {
                    problems.Add($"{FileName}: '{code}' ({node.At}) is not a two-letter upper-case ISO 3166 country code.");
                    continue;
                }
                if (node is not YamlMapping c)
                {
                    problems.Add($"{FileName}: {code} ({node.At}) must be a mapping.");
                    continue;
                }
                var resources = new List<CrisisResource>();
                if (c["resources"] is YamlSequence items)
                {
                    foreach (var item in items.Items)
                    {
                        if (item is not YamlMapping r)
                        {
                            problems.Add($"{FileName}: {code} ({item.At}): each resource must be a mapping.");
                            continue;
                        }
                        var name = Required(r, "name", $"a resource of {code}");
                        var kind = Optional(r, "for") switch
                        {
                            "self-harm" => SafetyKind.SelfHarm,
                            "abuse" => (SafetyKind?)SafetyKind.Abuse,
                            _ => null,
                        };
                        if (kind is null) problems.Add($"{FileName}: {code} {name} ({r.At}): 'for' must be self-harm or abuse.");
                        var phone = Optional(r, "phone");
                        var text = Optional(r, "text");
                        var web = Optional(r, "web");
                        if (phone is null && text is null && web is null) problems.Add($"{FileName}: {code} {name} ({r.At}) needs a phone, a text line or a web address.");
                        var hours = Required(r, "hours", $"{code} {name}");
                        var source = Optional(r, "source");
                        if (source is null || !Uri.TryCreate(source, UriKind.Absolute, out var sourceUri) || sourceUri.Scheme != Uri.UriSchemeHttps)
                        {
                            problems.Add($"{FileName}: {code} {name} ({r.At}) needs 'source': the https address of the official page the number was checked on.");
                            continue;
                        }
                        if (kind is { } k) resources.Add(new CrisisResource(name, k, phone, text, web, hours, sourceUri));
                    }
                }
                var help = new CountryHelp(code, Required(c, "name", code), Required(c, "emergency", code), Required(c, "crisis_line", code),
                    Required(c, "self_harm_sms", code), Required(c, "abuse_sms", code), resources);
                CheckCountry(help, wording, problems);
                if (code == DefaultKey) fallback = help;
                else countries[code] = help;
            }
        }
        else
        {
            problems.Add($"{FileName}: has no 'countries' mapping.");
        }
        if (fallback is null) problems.Add($"{FileName}: needs a '{DefaultKey}' entry for countries that are not listed.");

        if (problems.Count > 0) throw new ContentException(problems);
        return new CrisisResources(wording, countries, fallback!);
    }

    private static void CheckCountry(CountryHelp help, CrisisWording wording, List<string> problems)
    {
        var code = help.Code;
        foreach (var kind in new[] { SafetyKind.SelfHarm, SafetyKind.Abuse })
        {
            var label = kind == SafetyKind.SelfHarm ? "self-harm" : "abuse";
            if (!help.For(kind).Any()) problems.Add($"{FileName}: {code} has no {label} resource.");
            var sms = Digits(help.Sms(kind));
            foreach (var r in help.For(kind))
            {
                foreach (var number in new[] { r.Phone, r.Text })
                {
                    if (number is not null && Digits(number) is { Length: > 0 } d && !sms.Contains(d, StringComparison.Ordinal))
                    {
                        problems.Add($"{FileName}: {code} {label}_sms does not give {r.Name}'s number {number}.");
                    }
                }
            }
        }
        foreach (var text in new[] { help.CrisisLine, help.SelfHarmSms, help.AbuseSms, help.Emergency })
        {
            if (!Gsm7.IsGsm7(text)) problems.Add($"{FileName}: {code}: \"{text}\" has characters outside GSM-7 (curly quotes, long dashes...), which halve what a text can hold.");
        }
        if (wording.SmsSelfHarm.Length == 0 || wording.SmsAbuse.Length == 0) return;
        foreach (var kind in new[] { SafetyKind.SelfHarm, SafetyKind.Abuse })
        {
            var sms = Sms(wording, help, kind);
            if (!Gsm7.IsGsm7(sms) || Gsm7.Segments(sms) > 2)
            {
                problems.Add($"{FileName}: {code}: the {kind} reply takes {Gsm7.Segments(sms)} segments{(Gsm7.IsGsm7(sms) ? "" : " (not GSM-7)")}; keep it to two: \"{sms}\"");
            }
        }
    }

    private static string Digits(string text) => new([.. text.Where(char.IsAsciiDigit)]);

    /// <summary>The whole SMS reply for a country and kind.</summary>
    internal static string Sms(CrisisWording wording, CountryHelp help, SafetyKind kind) =>
        (kind == SafetyKind.SelfHarm ? wording.SmsSelfHarm : wording.SmsAbuse)
            .Replace("{self_harm}", help.SelfHarmSms, StringComparison.Ordinal)
            .Replace("{abuse}", help.AbuseSms, StringComparison.Ordinal)
            .Replace("{emergency}", help.Emergency, StringComparison.Ordinal);
}
