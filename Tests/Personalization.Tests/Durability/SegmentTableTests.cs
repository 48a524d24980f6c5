using Personalization.Journal;
using Personalization.Journal.Segments;

namespace Personalization.Tests.Durability;

/// <summary>The journal's storage (<see cref="SegmentTable"/>) on Azurite: inserts all or nothing, once per number; reads, scans, rewrites, deletes.</summary>
[Trait("Category", "Durability")]
[Trait("Requires", "Azurite")]
[Collection(AzuriteCollection.Name)]
public sealed class SegmentTableTests(AzuriteFixture azurite)
{
    private const int Partition = 2;

    [Fact]
    public async Task Segments_are_inserted_once_read_scanned_rewritten_and_deleted()
    {
        await using var scope = new SegmentTableScope(azurite.ConnectionString, "Segments");
        var first = Parts(("a", 1), ("b", 1));
        var second = Parts(("a", 2));

        await scope.Segments.InsertAsync(Partition, 1, first);
        await scope.Segments.InsertAsync(Partition, 2, second);
        var taken = await Assert.ThrowsAsync<SegmentTakenException>(() => scope.Segments.InsertAsync(Partition, 2, Parts(("b", 2))));
        var read = await scope.Segments.ReadAsync(Partition, 2);
        var missing = await scope.Segments.ReadAsync(Partition, 3);
        var scanned = await ScanAsync(scope);

        Assert.NotNull(taken.Message);
        Assert.True(read!.Holds(second)); // the refused insert changed nothing
        Assert.Null(missing);
        Assert.Equal([1L, 2], scanned.Select(s => s.Number));
        Assert.Equal([("a", 1L), ("b", 1L), ("a", 2L)], scanned.SelectMany(s => s.Entries).Select(e => (e.UserId, e.Sequence)));

        await scope.Segments.RewriteAsync(Partition, 1, first.Count, Parts(("b", 1))); // "a" forgotten
        await scope.Segments.DeleteAsync(Partition, [(2, second.Count), (7, 1)]); // a segment that does not exist is skipped
        var left = await ScanAsync(scope);

        Assert.Equal([1L], left.Select(s => s.Number));
        Assert.Equal([("b", 1L)], left.SelectMany(s => s.Entries).Select(e => (e.UserId, e.Sequence)));
    }

    private static IReadOnlyList<string> Parts(params (string User, long Sequence)[] entries) =>
        SegmentFormat.Encode([.. entries.Select(e => new SegmentEntry(e.User, e.Sequence, JournalEventCodec.Encode(JournalSamples.Event(e.User, e.Sequence))))]);

    private static async Task<List<StoredSegment>> ScanAsync(SegmentTableScope scope)
    {
        var segments = new List<StoredSegment>();
        await foreach (var segment in scope.Segments.ScanAsync(Partition)) segments.Add(segment);
        return segments;
    }
}
