using Personalization.Abstractions;
using Personalization.Journal;
using Personalization.Journal.Segments;
using Personalization.Testing;

namespace Personalization.Tests.Durability;

/// <summary>
/// A segment insert that failed without an answer may still land later, so the partition writer settles its number
/// before it serves or stores anything else: storage goes away (a relay in front of Azurite is stopped) under an
/// append, comes back, and the next read finds the number taken by an empty segment — the lost insert can never land.
/// </summary>
[Trait("Category", "Durability")]
[Trait("Requires", "Azurite")]
[Collection(AzuriteCollection.Name)]
public sealed class SegmentSettleTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task After_a_failed_insert_the_writer_settles_its_number_before_reading_or_storing_again()
    {
        await using var outage = await RelayedAzureCluster.StartAsync(azurite.ConnectionString, TimeSpan.FromSeconds(2));
        var (relay, cluster) = (outage.Relay, outage.Cluster);

        var user = PersonalizationCluster.UniqueUser("settle");
        var partition = SegmentEventJournal.PartitionOf(user, 8);
        var writer = cluster.Client.GetGrain<IJournalPartitionGrain>(partition);
        Assert.Equal([JournalAppendOutcome.Committed], await writer.AppendAsync([Append(user, 1, "s1")]));
        var highest = (await writer.GetStatusAsync()).HighestSegment;

        relay.Stop();
        await Assert.ThrowsAsync<StorageUnavailableException>(() => writer.AppendAsync([Append(user, 2, "s2")]));
        relay.Start();
        var tail = await writer.ReadTailAsync(user, 0); // settles first
        var settled = (await writer.GetStatusAsync()).HighestSegment;
        var stored = await StoredJournal.SegmentsAsync(outage.StorageConnectionString, cluster.Settings.Configuration["Personalization:Journal:TableName"]!, partition);
        var again = await writer.AppendAsync([Append(user, 2, "s2")]);

        Assert.Equal([1L], tail.Sequences); // the failed append is not in the log
        Assert.Equal(highest + 1, settled);
        Assert.Empty(Assert.Single(stored, s => s.Number == highest + 1).Entries); // its number holds an empty segment
        Assert.Equal([JournalAppendOutcome.Committed], again);
        Assert.Equal(highest + 2, (await writer.GetStatusAsync()).HighestSegment);
    }

    private static JournalAppendRecord Append(string user, long first, string eventId) =>
        new(user, first, [JournalEventCodec.Encode(new ListenEvent(eventId, "st-t", "st-a", EventKind.Play, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)))]);
}
