using Personalization.Engine.Ranking;

namespace Personalization.Engine.Model;

/// <summary>
/// The tracks whose successor lists a recommendation for this listener reads as anchors: the current session's
/// listened tracks, most recent first (what <see cref="Recommender"/> and <see cref="RankingFeatures"/> read), and a
/// radio's seed. A silo whose read model holds only the head of the model fetches the tail ones among them before it
/// recommends.
/// </summary>
public static class TailAnchors
{
    public static List<int> Of(ListenerState state, int max, int seed = -1)
    {
        ArgumentNullException.ThrowIfNull(state);
        var anchors = RankingFeatures.RecentDistinct(state, state.SessionStartIndex(), max);
        if (seed >= 0 && !anchors.Contains(seed)) anchors.Add(seed);
        return anchors;
    }
}
