using Microsoft.Extensions.DependencyInjection;
using Personalization.Grains.Journal;
using Personalization.Grains.Journal.Segments;
using Personalization.Testing;

namespace Personalization.Tests.Durability;

/// <summary>The journal contract on the segment journal and its partition writers over the kit's in-memory segment store.</summary>
[Trait("Category", "Durability")]
[Trait("Requires", "None")]
public sealed class MemorySegmentJournalContractTests : EventJournalContract, IAsyncLifetime
{
    private readonly PersonalizationCluster _cluster = PersonalizationCluster.Create(new TestClusterSettings());

    protected override IEventJournal Journal => _cluster.SiloServices().First().GetRequiredService<SegmentEventJournal>();

    public Task InitializeAsync() => _cluster.InitializeAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync();
}
