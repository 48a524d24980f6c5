using System.Collections.Concurrent;

namespace Personalization.Engine.Model;

/// <summary>
/// The read model: immutable per-key arrays swapped atomically by one writer, so readers never lock and never see a
/// half-updated list. A key published with an empty list (or a track listed removed) is dropped, so the read model holds
/// no more keys than its learners do. Fed by <see cref="ModelLearner"/> deltas (silo-local) or by deltas pulled from model shards.
/// </summary>
public sealed class LiveModel : IModelView
{
    private readonly ConcurrentDictionary<int, ScoredId[]> _successors = new();
    private readonly ConcurrentDictionary<int, ScoredId[]> _artistTops = new();
    private readonly TrackArtistTable _artistOf = new();
    private ScoredId[] _trending = [];
    private ScoredId[] _popular = [];
    private long _version;
    private long _successorEntries;
    private long _artistTopEntries;

    /// <summary>Incremented on every applied delta.</summary>
    public long Version => Interlocked.Read(ref _version);

    public ReadOnlySpan<ScoredId> Trending => Volatile.Read(ref _trending);

    public ReadOnlySpan<ScoredId> Popular => Volatile.Read(ref _popular);

    public int TrackCount => _artistOf.Count;

    /// <summary>Artists with a published top list.</summary>
    public int ArtistCount => _artistTops.Count;

    public int SourceTrackCount => _successors.Count;

    /// <summary>
    /// An estimate of the bytes the read model holds: its lists' entries (8 bytes each) plus a fixed cost per key (a
    /// dictionary node, an array header), and the track → artist table. An artist's list merged from shards is usually
    /// the merger's own array, shared (<see cref="ShardMerger.EstimatedBytes"/> leaves it out).
    /// </summary>
    public long EstimatedBytes =>
        (Interlocked.Read(ref _successorEntries) + Interlocked.Read(ref _artistTopEntries)) * 8
        + ((long)(_successors.Count + _artistTops.Count) * (Node + ArrayHeader)) + _artistOf.AllocatedBytes;

    private const int Node = 48;        // a concurrent dictionary node and its bucket slot
    private const int ArrayHeader = 24;

    public ReadOnlySpan<ScoredId> SuccessorsOf(int track) =>
        _successors.TryGetValue(track, out var list) ? list : ReadOnlySpan<ScoredId>.Empty;

    public ReadOnlySpan<ScoredId> TopTracksOf(int artist) =>
        _artistTops.TryGetValue(artist, out var top) ? top : ReadOnlySpan<ScoredId>.Empty;

    /// <summary>
    /// The track's weight on its artist's top list (the recommender asks this for every successor): read from the
    /// track's entry in the artist table, which <see cref="Apply"/> keeps equal to <see cref="SearchTopWeight"/>.
    /// </summary>
    public bool TryGetTopWeight(int track, out float weight) => _artistOf.TryGetTopWeight(track, out weight);

    /// <summary>
    /// The track's entry in its artist's list, scanned (the lists are short: <see cref="EngineOptions.MaxTopTracksPerArtist"/>,
    /// 32 by default; this runs when a list or a track's artist changes, never on the recommend path). No second copy
    /// of every list sorted by id is kept for it.
    /// </summary>
    private float? SearchTopWeight(int track)
    {
        if (_artistOf.ArtistOf(track) is var artist and >= 0 && _artistTops.TryGetValue(artist, out var top))
        {
            foreach (var entry in top)
            {
                if (entry.Id == track) return entry.Weight;
            }
        }

        return null;
    }

    public int ArtistOf(int track) => _artistOf.ArtistOf(track);

    public void Apply(ModelDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        if (delta.ListsOmitted) throw new ArgumentException("A delta without its lists names keys only; it cannot be applied to a read model.", nameof(delta));
        // Tracks whose top-list weight may have changed: their artist changed, or an artist's list they were or are on.
        var reweigh = new HashSet<int>();
        foreach (var (track, artist) in delta.TrackArtists)
        {
            _artistOf.Set(track, artist);
            reweigh.Add(track);
        }

        foreach (var track in delta.RemovedTracks) _artistOf.Remove(track);
        foreach (var (track, list) in delta.Successors)
        {
            var before = _successors.TryGetValue(track, out var old) ? old.Length : 0;
            if (list.Length == 0) _successors.TryRemove(track, out _);
            else _successors[track] = list;
            Interlocked.Add(ref _successorEntries, list.Length - before);
        }

        foreach (var (artist, list) in delta.ArtistTops)
        {
            var before = 0;
            if (_artistTops.TryGetValue(artist, out var old))
            {
                before = old.Length;
                foreach (var entry in old) reweigh.Add(entry.Id);
            }

            if (list.Length == 0) _artistTops.TryRemove(artist, out _);
            else _artistTops[artist] = list;
            foreach (var entry in list) reweigh.Add(entry.Id);
            Interlocked.Add(ref _artistTopEntries, list.Length - before);
        }

        foreach (var track in reweigh) _artistOf.SetTopWeight(track, SearchTopWeight(track));
        if (delta.Trending is not null) Volatile.Write(ref _trending, delta.Trending);
        if (delta.Popular is not null) Volatile.Write(ref _popular, delta.Popular);
        Interlocked.Increment(ref _version);
    }
}
