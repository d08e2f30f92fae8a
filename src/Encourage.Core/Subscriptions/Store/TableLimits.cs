using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Serialization;

namespace Encourage.Subscriptions;

/// <summary>
/// What Azure Table Storage refuses and Azurite accepts, checked before a write leaves the process, so a test on
/// Azurite fails where Azure would: a transaction is at most 100 operations, all in one partition, under 4 MiB; an
/// entity is at most 1 MiB and a string property at most 32K characters; a key is at most 1 KiB (512 UTF-16
/// characters, the strict reading) and holds no <c>/ \ # ?</c> or control character. Sizes are the service's own
/// formula (4 bytes, the keys, then per property 8 bytes, its name and its value).
/// </summary>
public static class TableLimits
{
    public const int MaxBatchOperations = 100;
    public const long MaxBatchBytes = 4L * 1024 * 1024;
    public const long MaxEntityBytes = 1024 * 1024;
    public const int MaxStringChars = 32 * 1024;
    public const int MaxKeyChars = 512;

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Stored = new();

    /// <summary>Throws <see cref="ArgumentException"/> when Azure would refuse this entity.</summary>
    public static void CheckEntity(ITableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        CheckKey(entity.PartitionKey, nameof(entity.PartitionKey));
        CheckKey(entity.RowKey, nameof(entity.RowKey));
        foreach (var (name, value) in PropertiesOf(entity))
        {
            if (value is string { Length: > MaxStringChars } s)
            {
                throw new ArgumentException($"{name} of row {entity.RowKey} is {s.Length} characters; a table property holds at most {MaxStringChars}.", nameof(entity));
            }
        }
        if (SizeOf(entity) is var size and > MaxEntityBytes)
        {
            throw new ArgumentException($"Row {entity.RowKey} is {size} bytes; a table entity is at most {MaxEntityBytes}.", nameof(entity));
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> when Azure would refuse this transaction (or one of its entities).</summary>
    public static void CheckBatch(IReadOnlyList<TableTransactionAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count is 0 or > MaxBatchOperations)
        {
            throw new ArgumentException($"A transaction holds 1 to {MaxBatchOperations} operations, not {actions.Count}.", nameof(actions));
        }
        if (actions.Select(a => a.Entity.PartitionKey).Distinct(StringComparer.Ordinal).Skip(1).Any())
        {
            throw new ArgumentException("A transaction stays in one partition.", nameof(actions));
        }
        long total = 0;
        foreach (var action in actions)
        {
            CheckEntity(action.Entity);
            total += SizeOf(action.Entity);
        }
        if (total > MaxBatchBytes)
        {
            throw new ArgumentException($"A transaction of {total} bytes is over the {MaxBatchBytes} a transaction may carry.", nameof(actions));
        }
    }

    /// <summary>Splits operations into transactions Azure accepts: by partition, at most 100 and 4 MiB each.</summary>
    public static IEnumerable<TableTransactionAction[]> Batches(IEnumerable<TableTransactionAction> actions)
    {
        foreach (var partition in actions.GroupBy(a => a.Entity.PartitionKey, StringComparer.Ordinal))
        {
            var batch = new List<TableTransactionAction>();
            long bytes = 0;
            foreach (var action in partition)
            {
                var size = SizeOf(action.Entity);
                if (batch.Count == MaxBatchOperations || (batch.Count > 0 && bytes + size > MaxBatchBytes))
                {
                    yield return [.. batch];
                    (batch, bytes) = ([], 0);
                }
                batch.Add(action);
                bytes += size;
            }
            if (batch.Count > 0) yield return [.. batch];
        }
    }

    /// <summary>The entity's size as the service counts it.</summary>
    public static long SizeOf(ITableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        long size = 4 + 2L * ((entity.PartitionKey?.Length ?? 0) + (entity.RowKey?.Length ?? 0));
        foreach (var (name, value) in PropertiesOf(entity))
        {
            size += 8 + 2L * name.Length + value switch
            {
                string s => 4 + 2L * s.Length,
                Enum e => 4 + 2L * e.ToString().Length,
                byte[] b => 4 + b.Length,
                BinaryData d => 4 + d.ToMemory().Length,
                bool => 1,
                int => 4,
                Guid => 16,
                _ => 8, // long, double, DateTime, DateTimeOffset
            };
        }
        return size;
    }

    private static void CheckKey(string? key, string which)
    {
        if (key is null || key.Length > MaxKeyChars || key.AsSpan().IndexOfAny(['/', '\\', '#', '?']) >= 0 || key.Any(char.IsControl))
        {
            throw new ArgumentException($"A {which} holds at most {MaxKeyChars} characters and no / \\ # ? or control character.", which);
        }
    }

    /// <summary>The properties the SDK stores: a <see cref="TableEntity"/>'s values, or a class's public read-write properties.</summary>
    private static IEnumerable<(string Name, object Value)> PropertiesOf(ITableEntity entity)
    {
        if (entity is TableEntity dynamic)
        {
            foreach (var (name, value) in dynamic)
            {
                if (value is not null && name is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")) yield return (name, value);
            }
            yield break;
        }
        foreach (var property in Stored.GetOrAdd(entity.GetType(), static type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p is { CanRead: true, CanWrite: true } && p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<IgnoreDataMemberAttribute>() is null
                         && p.Name is not (nameof(ITableEntity.PartitionKey) or nameof(ITableEntity.RowKey) or nameof(ITableEntity.Timestamp) or nameof(ITableEntity.ETag)))
                     .ToArray()))
        {
            if (property.GetValue(entity) is { } value) yield return (property.Name, value);
        }
    }
}
