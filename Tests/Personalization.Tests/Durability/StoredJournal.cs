using Personalization.Journal;
using Personalization.Journal.Segments;

namespace Personalization.Tests.Durability;

/// <summary>Reads a journal table directly (bypassing the silo): what storage really holds.</summary>
public static class StoredJournal
{
    /// <summary>The user's entries inside stored segments, covered or not.</summary>
    public static async Task<int> CountEntriesAsync(string connectionString, string tableName, string userId) =>
        (await SegmentsAsync(connectionString, tableName)).Sum(s => s.Entries.Count(e => e.UserId == userId));

    /// <summary>Every stored segment of every partition (or of one), in partition and segment order.</summary>
    public static async Task<IReadOnlyList<StoredSegment>> SegmentsAsync(string connectionString, string tableName, int? partition = null)
    {
        var options = Options(connectionString, tableName);
        var table = Table(options);
        var segments = new List<StoredSegment>();
        foreach (var p in partition is { } only ? [only] : Enumerable.Range(0, options.Partitions))
        {
            await foreach (var segment in table.ScanAsync(p)) segments.Add(segment);
        }

        return segments;
    }

    public static SegmentTable Table(JournalOptions options) => new(JournalTableClient.Create(options), options);

    public static JournalOptions Options(string connectionString, string tableName) =>
        new() { Provider = "AzureTable", ConnectionString = connectionString, TableName = tableName };
}
