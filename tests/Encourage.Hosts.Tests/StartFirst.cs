using System.Reflection;
using Xunit.Abstractions;

[assembly: TestCollectionOrderer("Encourage.Hosts.Tests.StartFirstOrderer", "Encourage.Hosts.Tests")]

namespace Encourage.Hosts.Tests;

/// <summary>
/// A test class that takes much longer than the others (the README walk builds and runs a fresh copy): started first,
/// so the project's other classes run beside it instead of after it.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class StartFirstAttribute : Attribute;

/// <summary>Runs the classes marked <see cref="StartFirstAttribute"/> first, then the rest in xunit's own order.</summary>
public sealed class StartFirstOrderer : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => StartsFirst(c) ? 0 : 1);

    private static bool StartsFirst(ITestCollection collection)
    {
        // A class without a collection of its own is its own collection, "Test collection for <full class name>".
        const string prefix = "Test collection for ";
        var name = collection.DisplayName.StartsWith(prefix, StringComparison.Ordinal) ? collection.DisplayName[prefix.Length..] : null;
        return name is not null && typeof(StartFirstOrderer).Assembly.GetType(name)?.GetCustomAttribute<StartFirstAttribute>() is not null;
    }
}
