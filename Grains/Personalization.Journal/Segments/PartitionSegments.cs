namespace Personalization.Journal.Segments;

/// <summary>
/// What the pieces of one partition writer (<see cref="JournalPartitionGrain"/>) share: the partition's number, its
/// store, the index of its segments, the cache of their entries, and the lock that lets one segment insert, settle
/// or rewrite run at a time. Plain state of one grain activation: used from its scheduler only, not thread-safe.
/// </summary>
/// <param name="report">Hands the silo's metrics what this writer holds now (uncovered entries, segments).</param>
public sealed class PartitionSegments(int partition, ISegmentStore store, long cacheChars, Action<long, int> report) : IDisposable
{
    public int Partition => partition;

    public ISegmentStore Store => store;

    public SegmentIndex Index { get; } = new();

    public SegmentCache Cache { get; } = new(cacheChars);

    /// <summary>Segment inserts, settling and rewrites: one at a time.</summary>
    public SemaphoreSlim Writes { get; } = new(1, 1);

    /// <summary>Reads every stored segment of the partition into the index and the cache; returns how many there are.</summary>
    public async Task<int> LoadAsync(CancellationToken cancellationToken)
    {
        var segments = 0;
        await foreach (var segment in store.ScanAsync(partition, cancellationToken))
        {
            Absorb(segment);
            segments++;
        }

        return segments;
    }

    /// <summary>The user's known uncovered entries after <paramref name="afterSequence"/>: from the cache, else read.</summary>
    public async Task<SortedDictionary<long, string>> TailAsync(string userId, long afterSequence)
    {
        var found = new SortedDictionary<long, string>();
        foreach (var number in Index.SegmentsAfter(userId, afterSequence))
        {
            if (!Cache.TryGet(number, out var entries))
            {
                var stored = await store.ReadAsync(partition, number);
                if (stored is null) continue; // deleted since: covered by a snapshot
                entries = [.. stored.Entries];
                Cache.Add(number, entries);
            }

            foreach (var entry in entries)
            {
                if (entry.Sequence > afterSequence && string.Equals(entry.UserId, userId, StringComparison.Ordinal)) found.TryAdd(entry.Sequence, entry.Event);
            }
        }

        return found;
    }

    /// <summary>Records a stored segment (scanned, or met in a collision) in the index and the cache.</summary>
    public void Absorb(StoredSegment stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var entries = stored.Entries.ToList();
        Index.Absorb(stored.Number, stored.Parts.Count, entries);
        Cache.Add(stored.Number, entries);
    }

    /// <summary>Hands the silo's metrics what this writer holds now.</summary>
    public void Report() => report(Index.LiveEntries, Index.SegmentCount);

    public void Dispose() => Writes.Dispose();
}
