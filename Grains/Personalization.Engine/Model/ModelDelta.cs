namespace Personalization.Engine.Model;

/// <summary>What a learner changed: the new published lists of every key it touched.</summary>
public sealed class ModelDelta
{
    public List<(int Track, ScoredId[] Successors)> Successors { get; } = [];
    public List<(int Artist, ScoredId[] Tracks)> ArtistTops { get; } = [];
    public List<(int Track, int Artist)> TrackArtists { get; } = [];
    public ScoredId[]? Trending { get; set; }

    /// <summary>The long-memory popularity list, when it changed (the fill below trending).</summary>
    public ScoredId[]? Popular { get; set; }

    public bool IsEmpty => Successors.Count == 0 && ArtistTops.Count == 0 && TrackArtists.Count == 0 && Trending is null && Popular is null;
}
