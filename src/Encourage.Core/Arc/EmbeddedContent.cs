using Encourage.Replies;

namespace Encourage.Arc;

/// <summary>
/// The programme and replies compiled into the assembly. They are loaded and linted together, once,
/// because lint checks one against the other (every slip reply per phase, recovery lines inside the SMS budget).
/// </summary>
internal static class EmbeddedContent
{
    internal const string ProgrammeResource = "Encourage.Arc.programme.yaml";
    internal const string RepliesResource = "Encourage.Replies.replies.yaml";

    // Lazy caches a failure too: a lint failure is a build defect, so every later call rethrows the same problems.
    private static readonly Lazy<(Programme Programme, ReplyBook Replies)> Loaded = new(Load);

    public static Programme Programme => Loaded.Value.Programme;

    public static ReplyBook Replies => Loaded.Value.Replies;

    internal static string Read(string resource)
    {
        using var stream = typeof(EmbeddedContent).Assembly.GetManifestResourceStream(resource)
            ?? throw new ContentException($"The resource '{resource}' is not embedded in {typeof(EmbeddedContent).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static (Programme, ReplyBook) Load()
    {
        var programme = Programme.Parse(Read(ProgrammeResource));
        var replies = ReplyBook.Parse(Read(RepliesResource));
        var problems = ContentLint.Check(programme, replies);
        if (problems.Count > 0) throw new ContentException(problems);
        return (programme, replies);
    }
}
