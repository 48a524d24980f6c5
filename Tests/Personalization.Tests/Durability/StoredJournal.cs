using Microsoft.Extensions.Logging.Abstractions;
using Personalization.Grains.Journal;
using Personalization.Grains.Journal.Segments;

namespace Personalization.Tests.Durability;

/// <summary>Reads a journal table directly (bypassing the silo) in either layout: what storage really holds.</summary>
public static class StoredJournal
{
    /// <summary>The user's stored entries (rows, or entries inside segments), covered or not.</summary>
    public static async Task<int> CountEntriesAsync(string connectionString, string tableName, string userId, string layout)
    {
        var options = Options(connectionString, tableName, layout);
        if (layout == JournalOptions.RowsLayout)
        {
            var journal = new AzureTableEventJournal(AzureTableEventJournal.CreateServiceClient(options), options, new JournalCounters(), NullLogger<AzureTableEventJournal>.Instance);
            await using (journal)
            {
                var count = 0;
                await foreach (var _ in journal.ReadAfterAsync(userId, 0)) count++;
                return count;
            }
        }

        return (await SegmentsAsync(connectionString, tableName)).Sum(s => s.Entries.Count(e => e.UserId == userId));
    }

    /// <summary>Every stored segment of every partition (segment layout), as (partition, segment).</summary>
    public static async Task<IReadOnlyList<StoredSegment>> SegmentsAsync(string connectionString, string tableName, int? partition = null)
    {
        var options = Options(connectionString, tableName, JournalOptions.SegmentsLayout);
        using var table = Table(options);
        var segments = new List<StoredSegment>();
        foreach (var p in partition is { } only ? [only] : Enumerable.Range(0, options.Partitions))
        {
            await foreach (var segment in table.ScanAsync(p)) segments.Add(segment);
        }

        return segments;
    }

    public static SegmentTable Table(JournalOptions options) => new(AzureTableEventJournal.CreateServiceClient(options), options);

    public static JournalOptions Options(string connectionString, string tableName, string layout) =>
        new() { Provider = "AzureTable", Layout = layout, ConnectionString = connectionString, TableName = tableName };
}
