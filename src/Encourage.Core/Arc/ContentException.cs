namespace Encourage.Arc;

/// <summary>The programme or reply content cannot be used; <see cref="Problems"/> lists every reason found.</summary>
public sealed class ContentException(IReadOnlyList<string> problems)
    : Exception(Describe(problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;

    internal ContentException(string problem) : this([problem])
    {
    }

    private static string Describe(IReadOnlyList<string> problems) =>
        problems.Count == 0
            ? "The content has problems."
            : $"The content has {problems.Count} problem(s):{Environment.NewLine}- " + string.Join(Environment.NewLine + "- ", problems);
}
