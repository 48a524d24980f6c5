using Microsoft.Extensions.DependencyInjection;
using Personalization.Grains.Journal;
using Personalization.Grains.Journal.Segments;
using Personalization.Testing;

namespace Personalization.Tests.Durability;

/// <summary>
/// The journal contract on the production path: the segment journal of a silo (its partition writers, on Azurite),
/// called as the silo's user grains call it. <see cref="MemorySegmentJournalContractTests"/> runs it over the kit's
/// in-memory segment store.
/// </summary>
[Trait("Category", "Durability")]
[Trait("Requires", "Azurite")]
[Collection(AzuriteCollection.Name)]
public sealed class SegmentJournalContractTests(AzuriteFixture azurite) : EventJournalContract, IAsyncLifetime
{
    private PersonalizationCluster _cluster = null!;

    protected override IEventJournal Journal => _cluster.SiloServices().First().GetRequiredService<SegmentEventJournal>();

    public async Task InitializeAsync()
    {
        _cluster = PersonalizationCluster.Create(new TestClusterSettings().UseAzureStorage(azurite.ConnectionString));
        await _cluster.InitializeAsync();
    }

    public Task DisposeAsync() => _cluster.DisposeAsync();
}
