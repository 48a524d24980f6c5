using Personalization.Engine.Catalog;
using Personalization.Engine.Model;
using Personalization.Engine.Rewards;

namespace Personalization.Engine.Exploration;

/// <summary>
/// What a listener is served: the <see cref="Recommender"/>'s deterministic ranking (learned re-ranking included), or — when exploration is
/// enabled — its re-ranking by <see cref="SourceExplorer"/>; either way the list is remembered in the listener's
/// <see cref="RewardLedger"/> so later events are attributed to it.
/// </summary>
public sealed class RecommendationPolicy(Recommender recommender, SourceExplorer explorer, EngineOptions engine)
{
    public bool Exploring => explorer.Options.Enabled;

    /// <param name="listenerKey">A stable hash of the listener (seeds exploration with the listener's served-list count).</param>
    public IReadOnlyList<ServedTrack> Serve(
        ListenerState state, IModelView model, long nowMs, int count, IReadOnlySet<int>? exclude, ulong listenerKey, ServeRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var context = state.IsSessionActive(nowMs) ? ListeningContext.InSession : ListeningContext.NoSession;
        IReadOnlyList<ServedTrack> served;
        if (Exploring)
        {
            var seed = listenerKey ^ (ulong)explorer.Options.Seed ^ ((ulong)state.Rewards.Stats.ListsServed * 0x9E3779B97F4A7C15UL);
            using var span = EngineTracing.Source.StartActivity(EngineTracing.Explore); // the candidates and re-rank spans are its children
            served = explorer.Choose(recommender.Served(state, model, nowMs, exclude, rules), Math.Min(count, engine.MaxRecommendations), context, seed);
        }
        else
        {
            served = [.. recommender.Recommend(state, model, nowMs, count, exclude, rules).Select(r => new ServedTrack(r, 1, false))];
        }

        Remember(state, nowMs, context, served);
        return served;
    }

    private static void Remember(ListenerState state, long nowMs, ListeningContext context, IReadOnlyList<ServedTrack> served)
    {
        var n = served.Count;
        var tracks = new int[n];
        var sources = new ReasonKind[n];
        var explored = new bool[n];
        for (var i = 0; i < n; i++) (tracks[i], sources[i], explored[i]) = (served[i].Item.Track, served[i].Item.Reason, served[i].Explored);
        state.Rewards.Serve(nowMs, context, tracks, sources, explored);
    }
}
