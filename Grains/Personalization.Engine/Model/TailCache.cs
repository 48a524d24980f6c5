using System.Collections.Concurrent;

namespace Personalization.Engine.Model;

/// <summary>
/// A silo's bounded cache of tail successor lists (sources outside the head its read model replicates), read from
/// their shards on demand. An entry is fresh for <c>ttl</c> and served (stale) until it is fetched again or evicted;
/// beyond <c>capacity</c> keys the least recently fetched tenth is evicted. An empty list is cached too (the shard
/// has no successors for the track). Safe for concurrent readers and writers.
/// </summary>
public sealed class TailCache
{
    private readonly ConcurrentDictionary<int, Entry> _entries = new();
    private readonly int _capacity;
    private readonly long _ttlTicks;
    private readonly TimeProvider _clock;
    private readonly Lock _evicting = new();
    private long _hits;
    private long _misses;
    private long _evictions;
    private long _entriesHeld;

    public TailCache(int capacity, TimeSpan ttl, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(clock);
        _capacity = capacity;
        _ttlTicks = ttl.Ticks;
        _clock = clock;
    }

    public int Count => _entries.Count;

    /// <summary>Anchors found fresh in the cache.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Anchors that had to be read from their shard.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    public long Evictions => Interlocked.Read(ref _evictions);

    /// <summary>Lists' entries (8 bytes each) plus a fixed cost per key (dictionary node, entry, array header).</summary>
    public long EstimatedBytes => (Interlocked.Read(ref _entriesHeld) * 8) + ((long)_entries.Count * (48 + 32 + 24));

    /// <summary>The cached list of <paramref name="track"/>, fresh or not (what a recommendation reads).</summary>
    public bool TryGet(int track, out ScoredId[] list)
    {
        if (_entries.TryGetValue(track, out var entry))
        {
            list = entry.List;
            return true;
        }

        list = [];
        return false;
    }

    /// <summary>Whether the track's list is cached and fresh; counts a hit or a miss.</summary>
    public bool IsFresh(int track)
    {
        var fresh = _entries.TryGetValue(track, out var entry) && _clock.GetUtcNow().UtcTicks - entry.FetchedTicks < _ttlTicks;
        Interlocked.Increment(ref fresh ? ref _hits : ref _misses);
        return fresh;
    }

    public void Put(int track, ScoredId[] list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var entry = new Entry(list, _clock.GetUtcNow().UtcTicks);
        var before = 0;
        _entries.AddOrUpdate(track, entry, (_, old) =>
        {
            before = old.List.Length;
            return entry;
        });
        Interlocked.Add(ref _entriesHeld, list.Length - before);
        if (_entries.Count > _capacity) EvictOldest();
    }

    private void EvictOldest()
    {
        if (!_evicting.TryEnter()) return; // another writer is evicting
        try
        {
            var excess = _entries.Count - (_capacity - (_capacity / 10));
            if (excess <= 0) return;
            foreach (var (track, _) in _entries.OrderBy(e => e.Value.FetchedTicks).Take(excess).ToList())
            {
                if (!_entries.TryRemove(track, out var gone)) continue;
                Interlocked.Add(ref _entriesHeld, -gone.List.Length);
                Interlocked.Increment(ref _evictions);
            }
        }
        finally
        {
            _evicting.Exit();
        }
    }

    private sealed record Entry(ScoredId[] List, long FetchedTicks);
}
