namespace Personalization.Journal.Segments;

/// <summary>
/// Segments held in the process, with the table's semantics (an insert over an existing number is refused, a rewrite
/// replaces every part at once). Shared by every silo of a test kit cluster, as the table would be. Thread-safe.
/// </summary>
public sealed class MemorySegmentStore : ISegmentStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, SortedDictionary<long, string[]>> _partitions = [];

    /// <summary>Segments stored, over every partition.</summary>
    public int SegmentCount
    {
        get
        {
            lock (_lock) return _partitions.Values.Sum(p => p.Count);
        }
    }

    /// <summary>The entries of <paramref name="userId"/> the stored segments hold (covered ones too, until their segment is deleted or rewritten).</summary>
    public int CountOf(string userId)
    {
        lock (_lock)
        {
            return _partitions.Values.SelectMany(p => p.Values).SelectMany(parts => parts.SelectMany(SegmentFormat.Decode)).Count(e => e.UserId == userId);
        }
    }

    public Task InsertAsync(int partition, long segment, IReadOnlyList<string> parts)
    {
        lock (_lock)
        {
            if (!Partition(partition).TryAdd(segment, [.. parts])) throw new SegmentTakenException($"Journal segment {segment} of partition {partition} already exists.");
        }

        return Task.CompletedTask;
    }

    public Task<StoredSegment?> ReadAsync(int partition, long segment)
    {
        lock (_lock)
        {
            return Task.FromResult(Partition(partition).TryGetValue(segment, out var parts) ? new StoredSegment(segment, parts) : null);
        }
    }

    public async IAsyncEnumerable<StoredSegment> ScanAsync(int partition, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<StoredSegment> segments;
        lock (_lock) segments = [.. Partition(partition).Select(s => new StoredSegment(s.Key, s.Value))];
        foreach (var segment in segments)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return segment;
        }

        await Task.CompletedTask;
    }

    public Task DeleteAsync(int partition, IReadOnlyList<(long Segment, int Parts)> segments)
    {
        lock (_lock)
        {
            foreach (var (segment, _) in segments) Partition(partition).Remove(segment);
        }

        return Task.CompletedTask;
    }

    public Task RewriteAsync(int partition, long segment, int oldParts, IReadOnlyList<string> parts)
    {
        lock (_lock) Partition(partition)[segment] = [.. parts];
        return Task.CompletedTask;
    }

    private SortedDictionary<long, string[]> Partition(int partition)
    {
        if (!_partitions.TryGetValue(partition, out var segments)) _partitions[partition] = segments = [];
        return segments;
    }
}
