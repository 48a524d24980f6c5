using Personalization.Testing;

namespace Personalization.Tests.Cluster;

/// <summary>One shared 2-silo in-memory cluster for every test in the collection; tests use unique user ids.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<PersonalizationCluster>
{
    public const string Name = "cluster";
}
