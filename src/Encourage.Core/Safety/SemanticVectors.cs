using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Encourage.Replies;

namespace Encourage.Safety;

/// <summary>
/// The labelled examples' vectors, computed once by <c>content embed</c> and shipped as semantic-examples.vectors, so a
/// process encodes only the texts it is sent. The file starts with a line of JSON naming the model, the count, the
/// dimensions and a SHA-256 of the model name and every example (label and text, in order); then float16 values, little
/// endian, one vector after another. A file whose hash is not the examples' own is stale and is never used.
/// </summary>
public sealed record SemanticVectors(IReadOnlyList<CorpusText> Examples, float[][] Vectors)
{
    public const string ResourceName = "Encourage.Safety.semantic-examples.vectors";
    public const string FileName = "semantic-examples.vectors";
    private const string Magic = "encourage-vectors/1";

    /// <summary>What the model reads of a text: the parser's own clean-up, so "don't" and "do not" are one spelling.</summary>
    public static string ModelText(string text) => KeywordParser.Normalize(text);

    /// <summary>The hash a vectors file must carry for these examples and this model.</summary>
    public static string Hash(IReadOnlyList<CorpusText> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var text = new StringBuilder(SentenceModel.Name).Append('\n');
        foreach (var e in examples) text.Append(e.Label).Append('\t').Append(e.Text).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>Encodes every example with the model: what <c>content embed</c> writes.</summary>
    public static SemanticVectors Embed(IReadOnlyList<CorpusText> examples, ISentenceEmbedder embedder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(embedder);
        var vectors = new List<float[]>(examples.Count);
        foreach (var chunk in examples.Chunk(32))
        {
            vectors.AddRange(embedder.Encode([.. chunk.Select(e => ModelText(e.Text))], cancellationToken));
        }
        return new SemanticVectors(examples, [.. vectors]);
    }

    public byte[] ToBytes()
    {
        var header = JsonSerializer.Serialize(new Header(Magic, SentenceModel.Name, Hash(Examples), Vectors.Length, SentenceModel.Dimensions, "float16-le",
            "dotnet run --project src/Encourage.Cli -- content embed"));
        using var stream = new MemoryStream();
        stream.Write(Encoding.UTF8.GetBytes(header + "\n"));
        Span<byte> two = stackalloc byte[2];
        foreach (var v in Vectors)
        {
            foreach (var x in v)
            {
                BitConverter.TryWriteBytes(two, (Half)x);
                if (!BitConverter.IsLittleEndian) two.Reverse();
                stream.Write(two);
            }
        }
        return stream.ToArray();
    }

    /// <summary>Reads a vectors file for these examples; throws <see cref="InvalidDataException"/> when it is stale or damaged.</summary>
    public static SemanticVectors Read(ReadOnlySpan<byte> bytes, IReadOnlyList<CorpusText> examples)
    {
        var newline = bytes.IndexOf((byte)'\n');
        if (newline < 0) throw new InvalidDataException($"{FileName} has no header line.");
        var header = JsonSerializer.Deserialize<Header>(bytes[..newline]) ?? throw new InvalidDataException($"{FileName} has an empty header.");
        if (header.Format != Magic || header.Dimensions != SentenceModel.Dimensions)
        {
            throw new InvalidDataException($"{FileName} is not a {Magic} file of {SentenceModel.Dimensions} dimensions.");
        }
        if (header.Model != SentenceModel.Name || header.Sha256 != Hash(examples) || header.Count != examples.Count)
        {
            throw new InvalidDataException($"{FileName} is stale: it was made for other examples or another model. Run `{header.MadeBy}`.");
        }
        var body = bytes[(newline + 1)..];
        if (body.Length != header.Count * header.Dimensions * 2) throw new InvalidDataException($"{FileName} is truncated.");
        var vectors = new float[header.Count][];
        for (var i = 0; i < header.Count; i++)
        {
            var v = vectors[i] = new float[header.Dimensions];
            for (var j = 0; j < header.Dimensions; j++)
            {
                var at = (i * header.Dimensions + j) * 2;
                v[j] = (float)BitConverter.ToHalf(BitConverter.IsLittleEndian ? body.Slice(at, 2) : [body[at + 1], body[at]]);
            }
        }
        return new SemanticVectors(examples, vectors);
    }

    /// <summary>The shipped file for the shipped examples; throws when it is missing or stale.</summary>
    public static SemanticVectors LoadEmbedded(IReadOnlyList<CorpusText> examples)
    {
        using var stream = typeof(SemanticVectors).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidDataException($"{FileName} is not in the assembly: run `dotnet run --project src/Encourage.Cli -- content embed`.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Read(copy.GetBuffer().AsSpan(0, (int)copy.Length), examples);
    }

    private sealed record Header(string Format, string Model, string Sha256, int Count, int Dimensions, string Values, string MadeBy);
}
