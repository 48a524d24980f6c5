using Personalization.Engine;
using Personalization.Engine.Model;

namespace Personalization.Tests.Domain;

/// <summary>The ranking shape options tuned on 30Music slice 0: popularity damping of successors, session-artist decay, within-artist flattening.</summary>
[Trait("Category", "Domain")]
[Trait("Requires", "None")]
public sealed class RankingShapeTests
{
    private const long T0 = 1_767_571_200_000;
    private const long Minute = 60_000;
    private const long Day = 86_400_000;

    [Theory]
    [InlineData(0.0, 50)]  // equal evidence: tie broken by id, the popular track first
    [InlineData(0.5, 60)]  // damped: the specific successor beats the one played everywhere
    public void Successor_evidence_is_damped_by_the_candidates_popularity(double damping, int expectedFirst)
    {
        var options = Isolated(new EngineOptions { SuccessorPopularityDamping = damping, RecommendPlayingTrack = false });
        var learner = new ModelLearner(options);
        var model = new LiveModel();
        var batch = new List<ModelObservation>
        {
            Obs(1, 100), Obs(50, 500, 1), Obs(50, 500, 1), Obs(60, 600, 1), Obs(60, 600, 1),
        };
        for (var i = 0; i < 20; i++) batch.Add(Obs(50, 500, 70 + i)); // track 50 follows everything
        model.Apply(learner.Apply(batch));
        var state = new ListenerState(options);
        Play(state, 1, 100, T0);

        var recommended = new Recommender(options).Recommend(state, model, T0 + Minute, 2);

        Assert.Equal(expectedFirst, recommended[0].Track);
        Assert.Equal(ReasonKind.AfterTrack, recommended[0].Reason);
    }

    [Theory]
    [InlineData(0.0, 200)] // 1/k by distinct-artist recency: the last artist leads
    [InlineData(0.9, 100)] // summed decayed plays: the artist of most of the session leads
    public void Session_artist_weight_counts_the_artists_plays_when_decay_is_set(double decay, int expectedArtist)
    {
        var options = Isolated(new EngineOptions { SessionArtistDecay = decay, TransitionSourceWeight = 0, PersonalTransitionSourceWeight = 0 });
        var model = new LiveModel();
        model.Apply(new ModelLearner(options).Apply([Obs(1, 100), Obs(2, 100), Obs(3, 100), Obs(4, 100), Obs(5, 100), Obs(9, 200), Obs(8, 200)]));
        var state = new ListenerState(options);
        for (var i = 0; i < 4; i++) Play(state, i + 1, 100, T0 + i * 4 * Minute);
        Play(state, 9, 200, T0 + 16 * Minute);

        var recommended = new Recommender(options).Recommend(state, model, T0 + 17 * Minute, 1);

        Assert.Equal(expectedArtist, recommended[0].Artist);
        Assert.Equal(ReasonKind.SessionArtist, recommended[0].Reason);
    }

    [Fact]
    public void Artist_popularity_exponent_flattens_the_credit_within_an_artist()
    {
        double Ratio(double exponent)
        {
            var options = Isolated(new EngineOptions { ArtistPopularityExponent = exponent, TransitionSourceWeight = 0, PersonalTransitionSourceWeight = 0 });
            var model = new LiveModel();
            model.Apply(new ModelLearner(options).Apply([Obs(1, 100), Obs(2, 100), Obs(2, 100), Obs(2, 100), Obs(2, 100), Obs(3, 100)]));
            var state = new ListenerState(options);
            Play(state, 1, 100, T0);
            var recommended = new Recommender(options).Recommend(state, model, T0 + Minute, 5);
            return recommended.Single(r => r.Track == 3).Score / recommended.Single(r => r.Track == 2).Score;
        }

        Assert.Equal(0.25, Ratio(1), 6);
        Assert.Equal(0.5, Ratio(0.5), 6);
        Assert.Equal(1, Ratio(0), 6);
    }

    [Fact]
    public void Out_of_range_shape_options_are_rejected()
    {
        var errors = new EngineOptions { AnchorDecayExponent = -1, SuccessorPopularityDamping = 3, SessionArtistDecay = 1, ArtistPopularityExponent = double.NaN }.Validate();

        Assert.Contains(errors, e => e.Contains(nameof(EngineOptions.AnchorDecayExponent), StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains(nameof(EngineOptions.SuccessorPopularityDamping), StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains(nameof(EngineOptions.SessionArtistDecay), StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains(nameof(EngineOptions.ArtistPopularityExponent), StringComparison.Ordinal));
        Assert.Empty(new EngineOptions().Validate());
    }

    private static EngineOptions Isolated(EngineOptions options)
    {
        options.FavoriteArtistSourceWeight = 0;
        options.HistorySourceWeight = 0;
        options.TrendingSourceWeight = 0;
        return options;
    }

    private static ModelObservation Obs(int track, int artist, params int[] predecessors) => new(track, artist, T0 - Day, 1f, predecessors);

    private static void Play(ListenerState state, int track, int artist, long timeMs)
    {
        state.Apply($"p{track}@{timeMs}", new Listen(track, artist, SignalKind.Play, timeMs, 0, 180_000));
        state.Apply($"c{track}@{timeMs}", new Listen(track, artist, SignalKind.Complete, timeMs + 180_000, 180_000, 180_000));
    }
}
