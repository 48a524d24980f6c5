namespace Personalization.Journal.Segments;

/// <summary>
/// Where the segment layout stores its segments: a segment (a partition's number) is a list of parts, inserted all or
/// nothing, never over an existing number. <see cref="SegmentTable"/> is the Azure table; <see cref="MemorySegmentStore"/>
/// holds them in the process (the test kit's cluster shares one among its silos).
/// </summary>
public interface ISegmentStore
{
    /// <summary>Stores a new segment. Throws <see cref="SegmentTakenException"/> when the number is already stored.</summary>
    Task InsertAsync(int partition, long segment, IReadOnlyList<string> parts);

    /// <summary>The stored segment, or null when it does not exist.</summary>
    Task<StoredSegment?> ReadAsync(int partition, long segment);

    /// <summary>Every stored segment of the partition, ascending.</summary>
    IAsyncEnumerable<StoredSegment> ScanAsync(int partition, CancellationToken cancellationToken = default);

    /// <summary>Deletes whole segments (every part); missing ones are skipped.</summary>
    Task DeleteAsync(int partition, IReadOnlyList<(long Segment, int Parts)> segments);

    /// <summary>Replaces a stored segment's parts with <paramref name="parts"/> (all or nothing; surplus old parts are deleted).</summary>
    Task RewriteAsync(int partition, long segment, int oldParts, IReadOnlyList<string> parts);
}
