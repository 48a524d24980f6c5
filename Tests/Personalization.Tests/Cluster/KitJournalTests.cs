using Personalization.Abstractions;
using Personalization.Journal.Segments;
using Personalization.Testing;

namespace Personalization.Tests.Cluster;

/// <summary>The kit's cluster journals as production does: through the partition writers, into stored segments.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
[Trait("Requires", "None")]
public sealed class KitJournalTests(PersonalizationCluster cluster)
{
    [Fact]
    public async Task Recorded_events_are_stored_in_segments_by_their_partitions_writer()
    {
        var user = PersonalizationCluster.UniqueUser("kit-journal");
        var segmentsBefore = cluster.Journal.SegmentCount;

        for (var i = 0; i < 3; i++)
        {
            await cluster.User(user).RecordAsync(new ListenEvent($"kj-{i}", $"kj-t{i}", "kj-a", EventKind.Complete, cluster.Clock.Now.AddMinutes(i - 10), 180_000, 180_000));
        }

        Assert.Equal(3, cluster.Journal.CountOf(user));
        Assert.True(cluster.Journal.SegmentCount > segmentsBefore, "a new segment was stored");
        var writer = cluster.Client.GetGrain<Personalization.Journal.IJournalPartitionGrain>(SegmentEventJournal.PartitionOf(user, new Personalization.Journal.JournalOptions().Partitions));
        var tail = await writer.ReadTailAsync(user, 0);
        Assert.Equal([1L, 2, 3], tail.Sequences);
    }
}
