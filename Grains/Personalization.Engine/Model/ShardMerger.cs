namespace Personalization.Engine.Model;

/// <summary>
/// Merges per-shard partial lists into the read model. Every (key, id) pair lives in exactly one shard, so the merged
/// list of a key is the union of its shards' lists, heaviest first, capped. A track's successors are whole in one shard
/// (the shard of the track, which learns every transition out of it), so they pass through unmerged. Trending lists are
/// each normalized by their shard, so the merged trending list is an approximation (documented in the architecture notes).
/// </summary>
public sealed class ShardMerger(int shards, int cap, int trendingCap)
{
    private readonly Dictionary<int, ScoredId[]?[]> _artistTops = [];
    private readonly ScoredId[]?[] _trending = new ScoredId[]?[shards];
    private readonly ScoredId[]?[] _popular = new ScoredId[]?[shards];
    private long _partialEntries;
    private long _partialLists;

    /// <summary>
    /// An estimate of the bytes the merger holds: per artist a slot per shard, and every shard's partial list (8 bytes
    /// per entry plus an array header).
    /// </summary>
    public long EstimatedBytes =>
        ((long)_artistTops.Count * (28 + 24 + (8L * shards))) + (_partialLists * 24) + (_partialEntries * 8);

    /// <summary>
    /// Merges one shard's changes (its partial lists, its evictions) into a delta for the read model: artists, removals
    /// and successors pass through, every artist's list becomes the union of its partials over all shards.
    /// </summary>
    public ModelDelta Merge(int shard, ModelDelta partial)
    {
        ArgumentNullException.ThrowIfNull(partial);
        var merged = new ModelDelta();
        merged.TrackArtists.AddRange(partial.TrackArtists);
        merged.RemovedTracks.AddRange(partial.RemovedTracks);
        foreach (var (track, list) in partial.Successors) merged.Successors.Add((track, list.Length <= cap ? list : list[..cap]));
        foreach (var (artist, list) in partial.ArtistTops) SetArtistTop(merged, shard, artist, list);
        if (partial.Trending is { } trending) SetTrending(merged, shard, trending);
        if (partial.Popular is { } popular) SetPopular(merged, shard, popular);
        return merged;
    }

    private void SetArtistTop(ModelDelta delta, int shard, int artist, ScoredId[] list) =>
        delta.ArtistTops.Add((artist, Merge(_artistTops, shard, artist, list, cap)));

    private void SetTrending(ModelDelta delta, int shard, ScoredId[] list)
    {
        _trending[shard] = list;
        delta.Trending = Union(_trending, trendingCap);
    }

    private void SetPopular(ModelDelta delta, int shard, ScoredId[] list)
    {
        _popular[shard] = list;
        delta.Popular = Union(_popular, trendingCap);
    }

    private ScoredId[] Merge(Dictionary<int, ScoredId[]?[]> partials, int shard, int key, ScoredId[] list, int limit)
    {
        if (!partials.TryGetValue(key, out var slots))
        {
            slots = new ScoredId[]?[shards];
            partials[key] = slots;
        }

        var before = slots[shard];
        _partialLists += (list.Length > 0 ? 1 : 0) - (before is { Length: > 0 } ? 1 : 0);
        _partialEntries += list.Length - (before?.Length ?? 0);
        slots[shard] = list.Length > 0 ? list : null;
        var merged = Union(slots, limit);
        if (merged.Length == 0) partials.Remove(key); // every shard dropped the key: so does the merger
        return merged;
    }

    private static ScoredId[] Union(ScoredId[]?[] slots, int limit)
    {
        ScoredId[]? only = null;
        var lists = 0;
        var total = 0;
        foreach (var s in slots)
        {
            if (s is not { Length: > 0 }) continue;
            only = s;
            lists++;
            total += s.Length;
        }

        if (lists == 0) return [];
        if (lists == 1) return only!.Length <= limit ? only : only[..limit];
        var merged = new ScoredId[total];
        var at = 0;
        foreach (var s in slots)
        {
            if (s is null) continue;
            s.CopyTo(merged, at);
            at += s.Length;
        }

        ScoredIdOrder.Sort(merged);
        return merged.Length <= limit ? merged : merged[..limit];
    }
}
