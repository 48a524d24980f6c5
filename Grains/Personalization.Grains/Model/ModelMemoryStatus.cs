using System.Collections.Concurrent;

namespace Personalization.Grains.Model;

/// <summary>What the model shards hosted on this silo hold, for metrics: keys, evictions, estimated bytes. Thread-safe.</summary>
public sealed class ModelMemoryStatus
{
    private readonly ConcurrentDictionary<string, ShardMemory> _shards = new(StringComparer.Ordinal);
    private long _evictedTracksGone;
    private long _evictedArtistsGone;

    public void Report(string shard, ShardMemory memory) => _shards[shard] = memory;

    /// <summary>A shard left this silo: its evictions stay counted (the counter never goes down).</summary>
    public void Left(string shard)
    {
        if (!_shards.TryRemove(shard, out var memory)) return;
        Interlocked.Add(ref _evictedTracksGone, memory.TrackEvictions);
        Interlocked.Add(ref _evictedArtistsGone, memory.ArtistEvictions);
    }

    public long Tracks => _shards.Values.Sum(s => (long)s.Tracks);

    public long Artists => _shards.Values.Sum(s => (long)s.Artists);

    public long TrackEvictions => Interlocked.Read(ref _evictedTracksGone) + _shards.Values.Sum(s => s.TrackEvictions);

    public long ArtistEvictions => Interlocked.Read(ref _evictedArtistsGone) + _shards.Values.Sum(s => s.ArtistEvictions);

    public long EstimatedBytes => _shards.Values.Sum(s => s.EstimatedBytes);

    /// <summary>One shard's learner: keys held, keys evicted by this activation, and its estimated bytes.</summary>
    public readonly record struct ShardMemory(int Tracks, int Artists, long TrackEvictions, long ArtistEvictions, long EstimatedBytes);
}
