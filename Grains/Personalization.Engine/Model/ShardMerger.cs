namespace Personalization.Engine.Model;

/// <summary>
/// Merges per-shard partial lists into the read model. Every (key, id) pair lives in exactly one shard, so the merged
/// list of a key is the union of its shards' lists, heaviest first, capped. A track's successors are whole in one shard
/// (the shard of the track, which learns every transition out of it), so they pass through unmerged. Trending lists are
/// each normalized by their shard, so the merged trending list is an approximation (documented in the architecture notes).
/// </summary>
/// <remarks>
/// An artist's union is kept whole (uncapped, at most shards × the shards' own cap) in one array sorted heaviest first,
/// with each entry's shard beside it (2 bytes), so a shard's new partial list replaces exactly its own entries. No copy
/// of each shard's partial list is kept: the union itself is what the read model publishes whenever it is within the
/// cap (the array is shared, never changed once made), and only a longer union is published as a capped copy. At 3M
/// tracks, ten an artist, a silo holds 112–127 MB less than when every partial was kept (BENCHMARKS "Scale").
/// </remarks>
public sealed class ShardMerger(int shards, int cap, int trendingCap)
{
    private readonly Dictionary<int, ArtistUnion> _artistTops = [];
    private readonly ScoredId[]?[] _trending = new ScoredId[]?[shards];
    private readonly ScoredId[]?[] _popular = new ScoredId[]?[shards];
    private long _unionEntries;
    private long _entriesOfLongUnions;

    /// <summary>
    /// An estimate of the bytes the merger holds beyond what the read model counts: per artist a dictionary entry, the
    /// union's object and its shard array (2 bytes an entry), and the entries of unions longer than the cap (the read
    /// model holds their capped copy; a union within the cap is the read model's own array).
    /// </summary>
    public long EstimatedBytes =>
        ((long)_artistTops.Count * (24 + 24 + 24)) + (_unionEntries * 2) + (_entriesOfLongUnions * 8);

    /// <summary>
    /// Merges one shard's changes (its partial lists, its evictions) into a delta for the read model: artists, removals
    /// and successors pass through, every artist's list becomes the union of its partials over all shards.
    /// </summary>
    public ModelDelta Merge(int shard, ModelDelta partial)
    {
        ArgumentNullException.ThrowIfNull(partial);
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shard, shards);
        var merged = new ModelDelta();
        merged.TrackArtists.AddRange(partial.TrackArtists);
        merged.RemovedTracks.AddRange(partial.RemovedTracks);
        foreach (var (track, list) in partial.Successors) merged.Successors.Add((track, list.Length <= cap ? list : list[..cap]));
        foreach (var (artist, list) in partial.ArtistTops) merged.ArtistTops.Add((artist, MergeArtist(shard, artist, list)));
        if (partial.Trending is { } trending) SetTrending(merged, shard, trending);
        if (partial.Popular is { } popular) SetPopular(merged, shard, popular);
        return merged;
    }

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

    /// <summary>The artist's union with <paramref name="shard"/>'s entries replaced by <paramref name="list"/>; what the read model publishes.</summary>
    private ScoredId[] MergeArtist(int shard, int artist, ScoredId[] list)
    {
        _artistTops.TryGetValue(artist, out var old);
        var oldEntries = old?.Entries ?? [];
        var oldShards = old?.Shards ?? [];
        var kept = 0;
        foreach (var s in oldShards)
        {
            if (s != shard) kept++;
        }

        var incoming = list;
        if (!IsInOrder(incoming))
        {
            incoming = (ScoredId[])list.Clone();
            ScoredIdOrder.Sort(incoming);
        }

        var total = kept + incoming.Length;
        var entries = total == 0 ? [] : new ScoredId[total];
        var owners = total == 0 ? [] : new ushort[total];
        int i = 0, j = 0, at = 0;
        while (at < total)
        {
            while (i < oldEntries.Length && oldShards[i] == shard) i++; // this shard's earlier entries: replaced
            var takeOld = i < oldEntries.Length && (j == incoming.Length || ScoredIdOrder.Instance.Compare(oldEntries[i], incoming[j]) <= 0);
            if (takeOld)
            {
                entries[at] = oldEntries[i];
                owners[at++] = oldShards[i++];
            }
            else
            {
                entries[at] = incoming[j++];
                owners[at++] = (ushort)shard;
            }
        }

        _unionEntries += total - oldEntries.Length;
        _entriesOfLongUnions += (total > cap ? total : 0) - (oldEntries.Length > cap ? oldEntries.Length : 0);
        if (total == 0)
        {
            _artistTops.Remove(artist); // every shard dropped the artist: so does the merger
            return [];
        }

        _artistTops[artist] = new ArtistUnion(entries, owners);
        return total <= cap ? entries : entries[..cap];
    }

    private static bool IsInOrder(ScoredId[] list)
    {
        for (var k = 1; k < list.Length; k++)
        {
            if (ScoredIdOrder.Instance.Compare(list[k - 1], list[k]) > 0) return false;
        }

        return true;
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

    /// <summary>An artist's entries over every shard, heaviest first, and the shard of each.</summary>
    private sealed class ArtistUnion(ScoredId[] entries, ushort[] shards)
    {
        public ScoredId[] Entries { get; } = entries;

        public ushort[] Shards { get; } = shards;
    }
}
