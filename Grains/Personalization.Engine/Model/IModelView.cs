namespace Personalization.Engine.Model;

/// <summary>
/// Read side of the shared model: what every recommendation reads. Lists are sorted by weight, highest first.
/// Implementations are safe for concurrent readers while a single writer publishes updates.
/// </summary>
public interface IModelView
{
    /// <summary>Tracks that listeners played after <paramref name="track"/> (within a session), by decayed-gap weight.</summary>
    ReadOnlySpan<ScoredId> SuccessorsOf(int track);

    /// <summary>An artist's most played tracks.</summary>
    ReadOnlySpan<ScoredId> TopTracksOf(int artist);

    /// <summary>Tracks played most recently and often (event-time decayed).</summary>
    ReadOnlySpan<ScoredId> Trending { get; }

    /// <summary>Tracks played most over a long memory (<see cref="EngineOptions.PopularHalfLife"/>): the fill below trending.</summary>
    ReadOnlySpan<ScoredId> Popular => ReadOnlySpan<ScoredId>.Empty;

    /// <summary>The artist of a track, or -1 when the model has not seen it.</summary>
    int ArtistOf(int track);

    /// <summary>Distinct tracks the model has seen.</summary>
    int TrackCount { get; }

    /// <summary>
    /// The weight of <paramref name="track"/> in its artist's top list (<see cref="TopTracksOf"/> of
    /// <see cref="ArtistOf"/>); false when it is not there. The default scans the list; a model may index it.
    /// </summary>
    bool TryGetTopWeight(int track, out float weight)
    {
        foreach (var t in TopTracksOf(ArtistOf(track)))
        {
            if (t.Id != track) continue;
            weight = t.Weight;
            return true;
        }

        weight = 0;
        return false;
    }
}
