namespace Personalization.Engine.Model;

/// <summary>
/// The model a recommendation reads on a silo that replicates only the head: every list from the read model, and a
/// track's successors from the tail cache when the read model does not hold them (fetched before the recommendation by
/// the silo, <see cref="TailAnchors"/>). Reading never blocks: a tail list not fetched reads empty. It holds the read
/// model's own (sealed) type, so the calls it passes on are direct, not through the interface: a recommendation makes hundreds.
/// </summary>
public sealed class TieredModelView(LiveModel head, TailCache tail) : IModelView
{
    public ReadOnlySpan<ScoredId> SuccessorsOf(int track)
    {
        var list = head.SuccessorsOf(track);
        if (!list.IsEmpty) return list;
        return tail.TryGet(track, out var cached) ? cached : ReadOnlySpan<ScoredId>.Empty;
    }

    public ReadOnlySpan<ScoredId> TopTracksOf(int artist) => head.TopTracksOf(artist);

    public ReadOnlySpan<ScoredId> Trending => head.Trending;

    public ReadOnlySpan<ScoredId> Popular => head.Popular;

    public int ArtistOf(int track) => head.ArtistOf(track);

    public int TrackCount => head.TrackCount;

    public bool TryGetTopWeight(int track, out float weight) => head.TryGetTopWeight(track, out weight);
}
