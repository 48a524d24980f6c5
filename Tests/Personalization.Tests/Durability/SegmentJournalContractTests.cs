using Personalization.Testing;

namespace Personalization.Tests.Durability;

/// <summary>
/// The journal contract on the segment journal and its partition writers over the Azure table (Azurite): a cluster
/// per test (a class fixture cannot take the Azurite collection fixture in xunit v2).
/// </summary>
[Trait("Category", "Durability")]
[Trait("Requires", "Azurite")]
[Collection(AzuriteCollection.Name)]
public sealed class SegmentJournalContractTests(AzuriteFixture azurite) : SegmentJournalContract, IAsyncLifetime
{
    private readonly PersonalizationCluster _cluster = PersonalizationCluster.Create(new TestClusterSettings().UseAzureStorage(azurite.ConnectionString));

    protected override PersonalizationCluster Cluster => _cluster;

    public Task InitializeAsync() => _cluster.InitializeAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync();
}
