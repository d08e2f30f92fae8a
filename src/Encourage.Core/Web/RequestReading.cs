using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Encourage.Web;

/// <summary>Why a request body could not be read.</summary>
public sealed class BadRequestException(string message) : Exception(message);

/// <summary>Reads request bodies with limits, refusing what no honest client sends.</summary>
public static class RequestReading
{
    public const int MaxBodyBytes = 64 * 1024;

    public static bool IsForm(HttpRequest request) =>
        request.ContentType is { } ct && ct.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    public static bool IsJson(HttpRequest request) =>
        request.ContentType is { } ct && ct.StartsWith("application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads a urlencoded form; a duplicated field or an oversized body is refused.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!IsForm(request)) throw new BadRequestException("Expected a form (application/x-www-form-urlencoded).");
        if (request.ContentLength > MaxBodyBytes) throw new BadRequestException("The request body is too large.");
        var body = await ReadBodyAsync(request, cancellationToken);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, values) in Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(body))
        {
            if (values.Count != 1) throw new BadRequestException($"The field '{Truncate(key)}' appears more than once.");
            fields[key] = values[0] ?? "";
        }
        return fields;
    }

    public static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) throw new BadRequestException("The request body is too large.");
            buffer.Write(chunk, 0, read);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static async Task<byte[]> ReadBytesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes * 16) throw new BadRequestException("The request body is too large.");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>Reads a flat JSON object of strings; any other shape is refused.</summary>
    public static async Task<IReadOnlyDictionary<string, string?>> ReadJsonObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(request, cancellationToken);
        try
        {
            using var doc = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 4 });
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new BadRequestException("Expected a JSON object.");
            var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (fields.ContainsKey(p.Name)) throw new BadRequestException($"The field '{Truncate(p.Name)}' appears more than once.");
                fields[p.Name] = p.Value.ValueKind switch
                {
                    JsonValueKind.String => p.Value.GetString(),
                    JsonValueKind.Null => null,
                    _ => throw new BadRequestException($"The field '{Truncate(p.Name)}' must be a string."),
                };
            }
            return fields;
        }
        catch (JsonException)
        {
            throw new BadRequestException("The body is not valid JSON.");
        }
    }

    private static string Truncate(string s) => s.Length > 40 ? s[..40] : s;
}
