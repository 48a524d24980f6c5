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
    private readonly ConcurrentDictionary<int, ArtistTop> _artistTops = new();
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
    /// An estimate of the bytes the read model holds: its lists' entries (8 bytes each; artist tops are kept twice) plus
    /// a fixed cost per key (a dictionary node, array headers), and the track → artist table.
    /// </summary>
    public long EstimatedBytes =>
        (Interlocked.Read(ref _successorEntries) + (2 * Interlocked.Read(ref _artistTopEntries))) * 8
        + ((long)_successors.Count * (Node + ArrayHeader)) + ((long)_artistTops.Count * (Node + 32 + (2 * ArrayHeader))) + _artistOf.AllocatedBytes;

    private const int Node = 48;        // a concurrent dictionary node and its bucket slot
    private const int ArrayHeader = 24;

    public ReadOnlySpan<ScoredId> SuccessorsOf(int track) =>
        _successors.TryGetValue(track, out var list) ? list : ReadOnlySpan<ScoredId>.Empty;

    public ReadOnlySpan<ScoredId> TopTracksOf(int artist) =>
        _artistTops.TryGetValue(artist, out var top) ? top.ByWeight : ReadOnlySpan<ScoredId>.Empty;

    /// <summary>
    /// The track's weight on its artist's top list (the recommender asks this for every successor): read from the
    /// track's entry in the artist table, which <see cref="Apply"/> keeps equal to <see cref="SearchTopWeight"/>.
    /// </summary>
    public bool TryGetTopWeight(int track, out float weight) => _artistOf.TryGetTopWeight(track, out weight);

    /// <summary>A binary search in the track's artist's list kept sorted by id.</summary>
    private float? SearchTopWeight(int track)
    {
        if (_artistOf.ArtistOf(track) is var artist and >= 0 && _artistTops.TryGetValue(artist, out var top))
        {
            var byId = top.ById;
            int low = 0, high = byId.Length - 1;
            while (low <= high)
            {
                var middle = (low + high) >>> 1;
                var id = byId[middle].Id;
                if (id == track) return byId[middle].Weight;
                if (id < track) low = middle + 1;
                else high = middle - 1;
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
                before = old.ByWeight.Length;
                foreach (var entry in old.ByWeight) reweigh.Add(entry.Id);
            }

            if (list.Length == 0) _artistTops.TryRemove(artist, out _);
            else _artistTops[artist] = ArtistTop.Of(list);
            foreach (var entry in list) reweigh.Add(entry.Id);
            Interlocked.Add(ref _artistTopEntries, list.Length - before);
        }

        foreach (var track in reweigh) _artistOf.SetTopWeight(track, SearchTopWeight(track));
        if (delta.Trending is not null) Volatile.Write(ref _trending, delta.Trending);
        if (delta.Popular is not null) Volatile.Write(ref _popular, delta.Popular);
        Interlocked.Increment(ref _version);
    }

    /// <summary>An artist's top list as published (by weight) and the same entries by id, swapped together.</summary>
    private sealed class ArtistTop(ScoredId[] byWeight, ScoredId[] byId)
    {
        public ScoredId[] ByWeight { get; } = byWeight;

        public ScoredId[] ById { get; } = byId;

        public static ArtistTop Of(ScoredId[] byWeight)
        {
            var byId = (ScoredId[])byWeight.Clone();
            Array.Sort(byId, static (a, b) => a.Id.CompareTo(b.Id));
            return new ArtistTop(byWeight, byId);
        }
    }
}
