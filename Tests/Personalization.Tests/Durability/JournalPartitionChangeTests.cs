using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Personalization.Grains.Journal;

namespace Personalization.Tests.Durability;

/// <summary>
/// Changing <see cref="JournalOptions.Partitions"/> moves a user's rows to another partition: with
/// <see cref="JournalOptions.PreviousPartitions"/> the journal still reads, truncates and deletes the rows written
/// under the old count, so no acknowledged event is lost by the change (Journal/README.md, "Changing the partition count").
/// </summary>
[Trait("Category", "Durability")]
[Trait("Requires", "Azurite")]
[Collection(AzuriteCollection.Name)]
public sealed class JournalPartitionChangeTests(AzuriteFixture azurite)
{
    private const int OldCount = 16;
    private const int NewCount = 4;

    [Fact]
    public async Task Rows_written_under_the_old_count_are_read_truncated_and_deleted_while_it_drains()
    {
        await using var before = new AzureJournalScope(azurite.ConnectionString, "PartChange", o => o.Partitions = OldCount);
        var user = UserWhosePartitionMoves();
        var entries = JournalSamples.Entries(user, 1, 8);
        await before.Journal.AppendAsync(user, entries[..5]);

        await using var after = OnSameTable(before, previous: OldCount);
        Assert.Equal(entries[..5], await after.ReadAllAsync(user));

        await after.AppendAsync(user, entries[5..]); // appends go to the new partition; the tail spans both
        Assert.Equal(entries, await after.ReadAllAsync(user));
        Assert.Equal(5, await RowCountAsync(before, JournalKeys.PartitionOf(user, OldCount)));
        Assert.Equal(3, await RowCountAsync(before, JournalKeys.PartitionOf(user, NewCount)));

        await after.TruncateThroughAsync(user, 6);
        Assert.Equal(entries[6..], await after.ReadAllAsync(user, afterSequence: 0));
        Assert.Equal(0, await RowCountAsync(before, JournalKeys.PartitionOf(user, OldCount)));

        await after.DeleteUserAsync(user);
        Assert.Empty(await after.ReadAllAsync(user));
        Assert.Equal(0, await RowCountAsync(before, JournalKeys.PartitionOf(user, NewCount)));
    }

    [Fact]
    public async Task Without_the_previous_count_the_old_rows_are_not_seen()
    {
        await using var before = new AzureJournalScope(azurite.ConnectionString, "PartChange", o => o.Partitions = OldCount);
        var user = UserWhosePartitionMoves();
        await before.Journal.AppendAsync(user, JournalSamples.Entries(user, 1, 3));

        await using var after = OnSameTable(before, previous: null);

        Assert.Empty(await after.ReadAllAsync(user)); // why the option exists: the change alone would hide acknowledged events
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void A_previous_count_out_of_range_is_rejected(int previous)
    {
        var options = new JournalOptions { PreviousPartitions = previous };

        Assert.Contains(options.Validate(), e => e.Contains(nameof(JournalOptions.PreviousPartitions), StringComparison.Ordinal));
    }

    private static string UserWhosePartitionMoves()
    {
        while (true)
        {
            var user = "moved-" + Guid.NewGuid().ToString("N");
            if (JournalKeys.PartitionOf(user, OldCount) != JournalKeys.PartitionOf(user, NewCount)) return user;
        }
    }

    private static AzureTableEventJournal OnSameTable(AzureJournalScope scope, int? previous)
    {
        var options = new JournalOptions
        {
            Provider = "AzureTable",
            Layout = JournalOptions.RowsLayout,
            ConnectionString = scope.Options.ConnectionString,
            TableName = scope.Options.TableName,
            Partitions = NewCount,
            PreviousPartitions = previous,
        };
        Assert.Empty(options.Validate());
        return new AzureTableEventJournal(
            AzureTableEventJournal.CreateServiceClient(options.ConnectionString!, options), options, new JournalCounters(), NullLogger<AzureTableEventJournal>.Instance);
    }

    private static async Task<int> RowCountAsync(AzureJournalScope scope, string partition)
    {
        var count = 0;
        await foreach (var _ in scope.Table.QueryAsync<TableEntity>($"PartitionKey eq '{partition}'", select: ["RowKey"])) count++;
        return count;
    }
}
