using Personalization.Testing;

namespace Personalization.Tests.Durability;

/// <summary>
/// The journal contract on the segment journal and its partition writers over the kit's in-memory segment store: one
/// kit cluster for the class.
/// </summary>
[Trait("Category", "Durability")]
[Trait("Requires", "None")]
public sealed class MemorySegmentJournalContractTests(PersonalizationCluster cluster) : SegmentJournalContract, IClassFixture<PersonalizationCluster>
{
    protected override PersonalizationCluster Cluster => cluster;
}
