using Personalization.Tests.Cluster;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Personalization.Tests.Support;

/// <summary>
/// Starts the shared cluster's collection (<see cref="ClusterCollection"/>) first, then every other collection in
/// xunit's default order. That collection holds a third of the tests and runs them one after another, so it is the
/// run's longest chain: started last (where xunit's default order put it), it ran alone for its last 100 seconds while
/// the other thread had nothing left to do. Only the order changes; every test still runs, and alone in its collection.
/// </summary>
public sealed class SharedClusterFirst : ITestCollectionOrderer
{
    private readonly DefaultTestCollectionOrderer _default = new();

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        _default.OrderTestCollections(testCollections).OrderBy(c => c.DisplayName == ClusterCollection.Name ? 0 : 1);
}
