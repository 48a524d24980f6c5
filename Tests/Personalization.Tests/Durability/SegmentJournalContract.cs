using Microsoft.Extensions.DependencyInjection;
using Personalization.Journal;
using Personalization.Journal.Segments;
using Personalization.Testing;

namespace Personalization.Tests.Durability;

/// <summary>
/// The journal contract on the production path: the segment journal of a kit cluster's silo (its partition writers
/// over the cluster's segment store), called as the silo's user grains call it. One cluster per test.
/// </summary>
public abstract class SegmentJournalContract(TestClusterSettings settings) : EventJournalContract, IAsyncLifetime
{
    private readonly PersonalizationCluster _cluster = PersonalizationCluster.Create(settings);

    protected override IEventJournal Journal => _cluster.SiloServices().First().GetRequiredService<SegmentEventJournal>();

    public Task InitializeAsync() => _cluster.InitializeAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync();
}
