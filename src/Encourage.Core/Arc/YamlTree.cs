using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Encourage.Arc;

/// <summary>
/// A minimal YAML document tree built from YamlDotNet's event parser. It is built by hand, not with
/// YamlStream, so that nesting depth is capped (a deep "[[[[..." cannot overflow the stack), aliases are
/// never expanded (no billion-laughs), duplicate keys are caught, and every failure is a ContentException.
/// </summary>
internal abstract record YamlNode(long Line)
{
    /// <summary>Where the node starts, for problem messages.</summary>
    public string At => $"line {Line}";
}

internal sealed record YamlScalar(long Line, string Value) : YamlNode(Line);

internal sealed record YamlSequence(long Line, IReadOnlyList<YamlNode> Items) : YamlNode(Line);

internal sealed record YamlMapping(long Line, IReadOnlyList<KeyValuePair<string, YamlNode>> Pairs) : YamlNode(Line)
{
    public YamlNode? this[string key] => Pairs.FirstOrDefault(p => p.Key == key).Value;
}

internal static class YamlTree
{
    private const int MaxDepth = 32;

    /// <summary>Reads one YAML document; null when the text holds no document at all.</summary>
    public static YamlNode? Load(string yaml, string fileName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        try
        {
            return LoadCore(yaml, fileName);
        }
        catch (ContentException)
        {
            throw;
        }
        catch (YamlException e)
        {
            throw new ContentException($"{fileName}: the YAML cannot be read near line {e.Start.Line}, column {e.Start.Column}: {FirstLine(e.Message)}");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Parsers have thrown ArgumentException, InvalidOperationException and the like on hostile input;
            // callers are promised a ContentException and nothing else, whatever the text.
            throw new ContentException($"{fileName}: the YAML cannot be read: {FirstLine(e.Message)}");
        }
    }

    private static YamlNode? LoadCore(string yaml, string fileName)
    {
        var parser = new Parser(new StringReader(yaml));
        var stack = new Stack<Builder>();
        YamlNode? root = null;
        var documents = 0;
        while (parser.MoveNext())
        {
            var current = parser.Current;
            switch (current)
            {
                case DocumentStart:
                    documents++;
                    if (documents > 1)
                        throw new ContentException($"{fileName}: holds more than one YAML document (a line with just '---' starts another); keep it to one.");
                    break;
                case Scalar s:
                    Add(new YamlScalar(s.Start.Line, s.Value));
                    break;
                case AnchorAlias a:
                    throw new ContentException($"{fileName}: line {a.Start.Line}: aliases (*{a.Value}) are not supported; write the text out.");
                case SequenceStart ss:
                    Push(new Builder(ss.Start.Line, isMapping: false));
                    break;
                case MappingStart ms:
                    Push(new Builder(ms.Start.Line, isMapping: true));
                    break;
                case SequenceEnd or MappingEnd:
                    Add(stack.Pop().Build(fileName));
                    break;
            }
        }
        return root;

        void Push(Builder builder)
        {
            if (stack.Count >= MaxDepth)
                throw new ContentException($"{fileName}: line {builder.Line}: nested more than {MaxDepth} levels deep.");
            stack.Push(builder);
        }

        void Add(YamlNode node)
        {
            if (stack.Count == 0) root = node;
            else stack.Peek().Add(node, fileName);
        }
    }

    private static string FirstLine(string message)
    {
        var nl = message.IndexOfAny(['\r', '\n']);
        return nl < 0 ? message : message[..nl];
    }

    private sealed class Builder(long line, bool isMapping)
    {
        private readonly List<YamlNode> items = [];

        public long Line { get; } = line;

        public void Add(YamlNode node, string fileName)
        {
            if (isMapping && items.Count % 2 == 0 && node is not YamlScalar)
                throw new ContentException($"{fileName}: line {node.Line}: a key must be plain text, not a list or a mapping.");
            items.Add(node);
        }

        public YamlNode Build(string fileName)
        {
            if (!isMapping) return new YamlSequence(Line, items);
            var pairs = new List<KeyValuePair<string, YamlNode>>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i + 1 < items.Count; i += 2)
            {
                var key = ((YamlScalar)items[i]).Value;
                if (!seen.Add(key))
                    throw new ContentException($"{fileName}: line {items[i].Line}: the key '{key}' appears twice in the same mapping.");
                pairs.Add(new(key, items[i + 1]));
            }
            return new YamlMapping(Line, pairs);
        }
    }
}

/// <summary>Reads typed fields from a <see cref="YamlTree"/>, collecting structural problems instead of stopping at the first.</summary>
internal sealed class YamlReader(string fileName)
{
    public List<string> Problems { get; } = [];

    public string FileName { get; } = fileName;

    public void Problem(YamlNode node, string what) => Problems.Add($"{FileName}: {node.At}: {what}");

    public void Problem(string what) => Problems.Add($"{FileName}: {what}");

    public YamlMapping? Mapping(YamlNode? node, string what)
    {
        if (node is null) { Problem($"{what} is missing."); return null; }
        if (node is YamlMapping m) return m;
        Problem(node, $"{what} should be a mapping (key: value lines).");
        return null;
    }

    public YamlSequence? Sequence(YamlNode? node, string what)
    {
        if (node is null) { Problem($"{what} is missing."); return null; }
        if (node is YamlSequence s) return s;
        Problem(node, $"{what} should be a list (lines starting with '- ').");
        return null;
    }

    /// <summary>A text value; null when absent (the caller decides whether that is a problem), and a problem when it is not text.</summary>
    public string? Text(YamlMapping map, string key, string what)
    {
        var node = map[key];
        if (node is null) return null;
        if (node is YamlScalar s) return s.Value;
        Problem(node, $"{what}: '{key}' should be text, not a list or a mapping.");
        return null;
    }

    public int? Integer(YamlMapping map, string key, string what)
    {
        var text = Text(map, key, what);
        if (text is null) return null;
        if (int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n)) return n;
        Problem(map[key]!, $"{what}: '{key}' should be a whole number, not '{Clip(text)}'.");
        return null;
    }

    public bool? Boolean(YamlMapping map, string key, string what)
    {
        var text = Text(map, key, what);
        if (text is null) return null;
        if (text is "true" or "True") return true;
        if (text is "false" or "False") return false;
        Problem(map[key]!, $"{what}: '{key}' should be true or false, not '{Clip(text)}'.");
        return null;
    }

    public void OnlyKeys(YamlMapping map, string what, params string[] allowed)
    {
        foreach (var pair in map.Pairs)
        {
            if (!allowed.Contains(pair.Key, StringComparer.Ordinal))
                Problem(pair.Value, $"{what}: unknown field '{Clip(pair.Key)}' (expected one of: {string.Join(", ", allowed)}).");
        }
    }

    public void ThrowIfProblems()
    {
        if (Problems.Count > 0) throw new ContentException(Problems);
    }

    internal static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
