namespace Encourage.Web.Pages;

/// <summary>
/// The errors a form shows, keyed by field name ("" for the form as a whole), and the ids that tie each control to
/// its hint and error for screen readers. Blank messages are dropped, so "no error" never shows an empty box.
/// </summary>
public sealed class FormErrors
{
    private readonly Dictionary<string, string> _shown;

    public FormErrors(IReadOnlyDictionary<string, string>? errors) =>
        _shown = (errors ?? new Dictionary<string, string>())
            .Where(e => !string.IsNullOrWhiteSpace(e.Value))
            .ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    public static FormErrors None { get; } = new(null);

    public bool Any => _shown.Count > 0;

    public string? For(string field) => _shown.GetValueOrDefault(field);

    public IEnumerable<KeyValuePair<string, string>> All => _shown;

    /// <summary>"name-error name-hint", or null when there is neither.</summary>
    public string? DescribedBy(string name, bool hasHint)
    {
        var ids = (For(name) is not null ? name + "-error " : "") + (hasHint ? name + "-hint" : "");
        return ids.Length > 0 ? ids.TrimEnd() : null;
    }

    /// <summary>"true" for a field in error, else null (the attribute is left out).</summary>
    public string? Invalid(string name) => For(name) is not null ? "true" : null;
}
