namespace Personalization.Engine.Model;

/// <summary>
/// What a learner changed: the new published lists of every key it touched. A key it evicted is published with an
/// empty list (successors, artist tops) or listed in <see cref="RemovedTracks"/> (its artist), so readers drop it.
/// </summary>
public sealed class ModelDelta
{
    public List<(int Track, ScoredId[] Successors)> Successors { get; } = [];
    public List<(int Artist, ScoredId[] Tracks)> ArtistTops { get; } = [];
    public List<(int Track, int Artist)> TrackArtists { get; } = [];

    /// <summary>Tracks the learner no longer holds (evicted): readers forget their artist.</summary>
    public List<int> RemovedTracks { get; } = [];
    public ScoredId[]? Trending { get; set; }

    /// <summary>The long-memory popularity list, when it changed (the fill below trending).</summary>
    public ScoredId[]? Popular { get; set; }

    /// <summary>
    /// Keys only: <see cref="Successors"/> and <see cref="ArtistTops"/> name what changed with empty lists
    /// (<see cref="ModelLearner.Apply"/> without lists). A change log can record it; a read model must not apply it.
    /// </summary>
    public bool ListsOmitted { get; init; }

    /// <summary>
    /// The same changes as deltas of at most <paramref name="maxKeys"/> keys each (the lists last), so a change log
    /// records a large delta — a restored shard's whole state — as versions a reader can pull a bounded part of at a time.
    /// </summary>
    public IReadOnlyList<ModelDelta> Split(int maxKeys)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxKeys, 1);
        var parts = new List<ModelDelta> { new() { ListsOmitted = ListsOmitted } };
        var keys = 0;
        ModelDelta Next()
        {
            if (keys++ < maxKeys) return parts[^1];
            keys = 1;
            parts.Add(new ModelDelta { ListsOmitted = ListsOmitted });
            return parts[^1];
        }

        foreach (var pair in TrackArtists) Next().TrackArtists.Add(pair);
        foreach (var track in RemovedTracks) Next().RemovedTracks.Add(track);
        foreach (var list in Successors) Next().Successors.Add(list);
        foreach (var list in ArtistTops) Next().ArtistTops.Add(list);
        parts[^1].Trending = Trending;
        parts[^1].Popular = Popular;
        return parts;
    }

    public bool IsEmpty => Successors.Count == 0 && ArtistTops.Count == 0 && TrackArtists.Count == 0 && RemovedTracks.Count == 0 && Trending is null && Popular is null;
}
