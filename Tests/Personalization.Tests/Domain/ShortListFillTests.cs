using Personalization.Engine;
using Personalization.Engine.Model;

namespace Personalization.Tests.Domain;

/// <summary>A list is never short while the cluster knows enough eligible tracks: popular tracks, then the listener's history, fill it.</summary>
[Trait("Category", "Domain")]
[Trait("Requires", "None")]
public sealed class ShortListFillTests
{
    private const long T0 = 1_767_571_200_000;
    private const long Day = 86_400_000;
    private const int Disliked = 900;

    [Fact]
    public void A_request_for_10_gets_10_from_popular_then_history_and_never_a_disliked_artist()
    {
        var options = new EngineOptions { TrendingSize = 2, PopularSize = 6, FavoriteArtistSourceWeight = 0, HistorySourceWeight = 0 };
        var model = Model(options);
        var state = new ListenerState(options);
        for (var t = 20; t < 26; t++) state.Apply($"e{t}", new Listen(t, 300 + t, SignalKind.Complete, T0 + t * 200_000L, 200_000, 200_000));
        state.Apply("no", new Listen(3, Disliked, SignalKind.Dislike, T0 + 30 * 200_000L)); // track 3 is by the disliked artist

        var filled = new Recommender(options).Recommend(state, model, T0 + 2 * Day, 10);
        var unfilled = new Recommender(new EngineOptions { TrendingSize = 2, PopularSize = 6, FavoriteArtistSourceWeight = 0, HistorySourceWeight = 0, FillShortLists = false })
            .Recommend(state, model, T0 + 2 * Day, 10);

        Assert.True(unfilled.Count < 10, $"the sources alone give {unfilled.Count}");
        Assert.Equal(10, filled.Count);
        Assert.Equal(10, filled.Select(r => r.Track).Distinct().Count());
        Assert.DoesNotContain(filled, r => r.Artist == Disliked || r.Track == 3);
        Assert.Equal(unfilled.Select(r => r.Track), filled.Take(unfilled.Count).Select(r => r.Track)); // the fill only appends
        var fill = filled.Skip(unfilled.Count).ToList();
        Assert.Contains(fill, r => r.Reason == ReasonKind.Popular);
        Assert.Contains(fill, r => r.Reason == ReasonKind.RecentlyPlayed && r.Anchor == r.Track);
        var firstHistory = fill.FindIndex(r => r.Reason == ReasonKind.RecentlyPlayed);
        Assert.All(fill.Take(firstHistory), r => Assert.Equal(ReasonKind.Popular, r.Reason)); // popular before history
    }

    [Fact]
    public void A_new_listener_on_a_quiet_cluster_still_gets_a_full_list()
    {
        var options = new EngineOptions { TrendingSize = 3, PopularSize = 20 };

        var list = new Recommender(options).Recommend(new ListenerState(options), Model(options), T0 + 2 * Day, 10);

        Assert.Equal(10, list.Count);
        Assert.Equal(ReasonKind.Trending, list[0].Reason);
        Assert.Contains(list, r => r.Reason == ReasonKind.Popular);
    }

    /// <summary>12 tracks (0–11) by artists 100+, track 3 by the disliked artist, learned two days before.</summary>
    private static LiveModel Model(EngineOptions options)
    {
        var learner = new ModelLearner(options);
        var batch = new List<ModelObservation>();
        for (var t = 0; t < 12; t++)
        {
            for (var n = 0; n <= t; n++) batch.Add(new ModelObservation(t, t == 3 ? Disliked : 100 + t, T0 + n, 1f, []));
        }

        var model = new LiveModel();
        model.Apply(learner.Apply(batch));
        return model;
    }
}
