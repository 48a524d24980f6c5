using Microsoft.Extensions.Logging.Abstractions;
using Personalization.Abstractions;
using Personalization.Abstractions.Journal;
using Personalization.Grains.Journal;
using Personalization.Testing;

namespace Personalization.Tests.Durability;

/// <summary>
/// Moving a table from the row layout to segments (<c>ReadRows</c>): a listener whose silo crashed under it left rows
/// after its snapshot. The segment layout replays them, fences appends behind them and deletes them once a snapshot
/// covers them.
/// </summary>
[Trait("Category", "Durability")]
[Trait("Requires", "Azurite")]
[Collection(AzuriteCollection.Name)]
public sealed class RowsToSegmentsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Rows_left_by_the_row_layout_are_replayed_fence_appends_and_go_once_covered()
    {
        var settings = new TestClusterSettings().UseAzureStorage(azurite.ConnectionString);
        settings.Configuration["Personalization:Journal:ReadRows"] = "true";
        var table = settings.Configuration["Personalization:Journal:TableName"]!;
        var user = PersonalizationCluster.UniqueUser("rows");
        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var rows = StoredJournal.Options(azurite.ConnectionString, table, JournalOptions.RowsLayout);
        await using (var journal = new AzureTableEventJournal(AzureTableEventJournal.CreateServiceClient(rows), rows, new JournalCounters(), NullLogger<AzureTableEventJournal>.Instance))
        {
            // What the row layout left: three acknowledged events and no snapshot yet.
            await journal.AppendAsync(user, [.. Enumerable.Range(1, 3).Select(i => new JournalEntry(i, new ListenEvent($"r-{i}", $"rt-{i}", "ra", EventKind.Complete, start.AddMinutes(i), 1000, 1000)))]);
        }

        var cluster = PersonalizationCluster.Create(settings);
        await cluster.InitializeAsync();
        try
        {
            var writer = cluster.Client.GetGrain<IJournalPartitionGrain>(Personalization.Grains.Journal.Segments.SegmentEventJournal.PartitionOf(user, 8));
            var stale = await writer.AppendAsync([new JournalAppendRecord(user, 1, [JournalEventCodec.Encode(new ListenEvent("stale", "st", "sa", EventKind.Play, start))])]);
            var loaded = await cluster.User(user).GetProfileAsync();
            var next = await cluster.User(user).RecordAsync(new ListenEvent("s-4", "rt-4", "ra", EventKind.Complete, cluster.Clock.Now.AddMinutes(-1), 1000, 1000));
            await cluster.Client.GetGrain<IListenerCheckpointGrain>(user).CheckpointAsync(); // snapshot 4 covers rows 1..3
            var rowsLeft = await StoredJournal.CountEntriesAsync(azurite.ConnectionString, table, user, JournalOptions.RowsLayout);

            Assert.Equal([JournalAppendOutcome.Conflict], stale); // sequence 1 is taken by a row
            Assert.Equal(3, loaded.Sequence);
            Assert.Equal(3, loaded.Counters.Events);
            Assert.Equal(4, next.Sequence);
            Assert.Equal(0, rowsLeft);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }
}
