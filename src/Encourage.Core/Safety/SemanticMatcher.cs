namespace Encourage.Safety;

/// <summary>What the semantic layer makes of a text: clear, a grey zone (a check-in), or danger.</summary>
public enum SemanticVerdict { Clear, Check, Danger }

/// <summary>
/// How close a text is to each kind of labelled example: the mean cosine similarity of its <c>k</c> nearest examples of
/// that kind. Idioms count with none: they are what the matcher learns is not danger.
/// </summary>
public sealed record SemanticScores(float Crisis, float Abuse, float None)
{
    public float Danger => Math.Max(Crisis, Abuse);

    /// <summary>How much nearer danger is than not-danger: the one number the thresholds cut.</summary>
    public float Margin => Danger - None;

    public SafetyKind Kind => Crisis >= Abuse ? SafetyKind.SelfHarm : SafetyKind.Abuse;
}

/// <summary>Where the margin is cut, and how the cuts were chosen (semantic-thresholds.json, written by <c>content calibrate</c>).</summary>
/// <param name="K">How many nearest examples of each kind are averaged.</param>
/// <param name="CheckMargin">At or above it: at least a check-in with the crisis line, and the operator is told.</param>
/// <param name="DangerMargin">At or above it: the safety reply, as for a rule's match.</param>
public sealed record SemanticThresholds(int K, float CheckMargin, float DangerMargin)
{
    public SemanticVerdict Judge(SemanticScores scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return scores.Margin >= DangerMargin ? SemanticVerdict.Danger
            : scores.Margin >= CheckMargin ? SemanticVerdict.Check
            : SemanticVerdict.Clear;
    }
}

/// <summary>The labelled vectors by kind, laid out for a scan: a few hundred dot products of 384 floats a text.</summary>
public sealed class SemanticIndex
{
    private readonly float[] crisis, abuse, none;
    private readonly int dimensions;

    public SemanticIndex(IEnumerable<(string Label, float[] Vector)> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var byKind = examples.GroupBy(e => SafetyCorpus.Scored(e.Label)).ToDictionary(g => g.Key, g => g.Select(e => e.Vector).ToList());
        dimensions = byKind.Values.SelectMany(v => v).Select(v => v.Length).FirstOrDefault();
        float[] Flat(string label) => byKind.TryGetValue(label, out var list) ? [.. list.SelectMany(v => v)] : [];
        crisis = Flat(SafetyCorpus.Crisis);
        abuse = Flat(SafetyCorpus.Abuse);
        none = Flat(SafetyCorpus.None);
    }

    public SemanticScores Score(ReadOnlySpan<float> query, int k) =>
        new(TopMean(query, crisis, k), TopMean(query, abuse, k), TopMean(query, none, k));

    /// <summary>The cosine similarity of two unit vectors.</summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float sum = 0;
        for (var i = 0; i < a.Length && i < b.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    private float TopMean(ReadOnlySpan<float> query, float[] flat, int k)
    {
        if (flat.Length == 0 || k < 1) return -1;
        Span<float> top = stackalloc float[k];
        top.Fill(float.NegativeInfinity);
        for (var at = 0; at < flat.Length; at += dimensions)
        {
            var sim = Dot(query, flat.AsSpan(at, dimensions));
            if (sim <= top[k - 1]) continue;
            var i = k - 1;
            while (i > 0 && top[i - 1] < sim)
            {
                top[i] = top[i - 1];
                i--;
            }
            top[i] = sim;
        }
        float sum = 0;
        var n = 0;
        foreach (var s in top)
        {
            if (float.IsNegativeInfinity(s)) break;
            sum += s;
            n++;
        }
        return sum / n;
    }
}
