namespace Encourage.Web.Styles;

/// <summary>The shared colour tokens (<c>tokens.css</c>, embedded): one palette for the pages and the dev phone.</summary>
public static class Tokens
{
    public const string ResourceName = "Encourage.Web.Styles.tokens.css";

    /// <summary>The stylesheet's text.</summary>
    public static string Css { get; } = Load();

    private static string Load()
    {
        using var stream = typeof(Tokens).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded stylesheet {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
