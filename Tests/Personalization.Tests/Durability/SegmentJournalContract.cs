using Microsoft.Extensions.DependencyInjection;
using Personalization.Journal;
using Personalization.Journal.Segments;
using Personalization.Testing;

namespace Personalization.Tests.Durability;

/// <summary>
/// The journal contract on the production path: the segment journal of a kit cluster's silo (its partition writers
/// over the cluster's segment store), called as the silo's user grains call it. Every test uses users of its own, so
/// the tests of a class may share one cluster.
/// </summary>
public abstract class SegmentJournalContract : EventJournalContract
{
    protected abstract PersonalizationCluster Cluster { get; }

    protected override IEventJournal Journal => Cluster.SiloServices().First().GetRequiredService<SegmentEventJournal>();
}
