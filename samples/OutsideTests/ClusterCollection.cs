using Personalization.Testing;

namespace OutsideTests;

/// <summary>One shared 2-silo in-memory cluster for every test in the collection (xunit looks for this in the test assembly).</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<PersonalizationCluster>
{
    public const string Name = "cluster";
}
