using Personalization.Engine;
using Personalization.Engine.Model;

namespace Personalization.Tests.Domain;

[Trait("Category", "Domain")]
[Trait("Requires", "None")]
public sealed class RecommenderTests
{
    private const long T0 = 1_767_571_200_000;
    private const long Minute = 60_000;
    private const long Day = 86_400_000;
    private const int ArtistA = 100; // tracks 1, 11, 12
    private const int ArtistB = 200; // tracks 2, 9
    private const int ArtistC = 300; // tracks 3, 5
    private const int ArtistD = 400; // tracks 4, 6

    [Fact]
    public void A_learned_successor_of_the_last_session_track_is_recommended_after_that_track()
    {
        var options = new EngineOptions { RecommendPlayingTrack = false }; // the filter under test
        var state = Listened(options, 1);

        var recommended = new Recommender(options).Recommend(state, SharedModel(options), T0 + Minute, 5);

        var first = recommended[0];
        Assert.Equal(2, first.Track);
        Assert.Equal(ArtistB, first.Artist);
        Assert.Equal(ReasonKind.AfterTrack, first.Reason);
        Assert.Equal(1, first.Anchor);
        Assert.Contains(recommended, r => r.Track == 3 && r.Reason == ReasonKind.AfterTrack && r.Anchor == 1);
        Assert.DoesNotContain(recommended, r => r.Track == 1); // the playing track
        Assert.Equal(recommended.OrderByDescending(r => r.Score).Select(r => r.Track), recommended.Select(r => r.Track));
    }

    [Fact]
    public void An_early_skipped_track_is_not_an_anchor_but_is_the_playing_track()
    {
        var options = new EngineOptions { RecommendPlayingTrack = false }; // the filter under test
        var state = Listened(options, 1);
        state.Apply("p5", new Listen(5, ArtistC, SignalKind.Play, T0 + 4 * Minute, 0, 200_000));
        state.Apply("s5", new Listen(5, ArtistC, SignalKind.Skip, T0 + 4 * Minute + 5_000, 5_000, 200_000));

        var recommended = new Recommender(options).Recommend(state, SharedModel(options), T0 + 5 * Minute, 10);

        Assert.DoesNotContain(recommended, r => r.Track == 5);
        Assert.DoesNotContain(recommended, r => r.Reason == ReasonKind.AfterTrack && r.Anchor == 5);
        Assert.Equal(2, recommended[0].Track);
        Assert.Equal(1, recommended[0].Anchor);
    }

    [Fact]
    public void A_disliked_track_is_never_recommended_even_as_the_strongest_transition()
    {
        var options = new EngineOptions { DislikedArtistThreshold = -100 }; // isolate the track block from the artist rule
        var state = Listened(options, 1);
        state.Apply("d2", new Listen(2, ArtistB, SignalKind.Dislike, T0 + 4 * Minute));

        var recommended = new Recommender(options).Recommend(state, SharedModel(options), T0 + 5 * Minute, 50);

        Assert.DoesNotContain(recommended, r => r.Track == 2);
        Assert.Contains(recommended, r => r.Track == 3 && r.Reason == ReasonKind.AfterTrack);
        Assert.Contains(recommended, r => r.Artist == ArtistB); // the artist itself is not excluded here
    }

    [Fact]
    public void A_disliked_artists_tracks_are_never_recommended_even_as_the_strongest_transition()
    {
        var options = new EngineOptions();
        var state = new ListenerState(options);
        state.Apply("d9", new Listen(9, ArtistB, SignalKind.Dislike, T0 - Minute));
        Play(state, 1, ArtistA, T0);

        var recommended = new Recommender(options).Recommend(state, SharedModel(options), T0 + 5 * Minute, 50);

        Assert.True(state.IsArtistDisliked(ArtistB, T0 + 5 * Minute));
        Assert.NotEmpty(recommended);
        Assert.DoesNotContain(recommended, r => r.Artist == ArtistB || r.Track is 2 or 9);
        Assert.Contains(recommended, r => r.Track == 3 && r.Reason == ReasonKind.AfterTrack);
    }

    [Fact]
    public void The_same_state_and_model_always_give_the_same_ranking()
    {
        var options = new EngineOptions();
        var recommender = new Recommender(options);
        var state = Listened(options, 1, 4);
        var model = SharedModel(options);

        var first = recommender.Recommend(state, model, T0 + 9 * Minute, 20);
        var again = recommender.Recommend(state, model, T0 + 9 * Minute, 20);
        var rebuilt = new Recommender(options).Recommend(Listened(options, 1, 4), SharedModel(options), T0 + 9 * Minute, 20);

        Assert.True(first.Count > 3);
        Assert.Equal(first, again);
        Assert.Equal(first, rebuilt);
    }

    [Fact]
    public void Favourite_artists_are_the_reason_when_they_are_the_only_source()
    {
        var options = new EngineOptions { HistorySourceWeight = 0, TrendingSourceWeight = 0, FillShortLists = false };
        var state = Listened(options, 1);

        // Two days later the session is over: only the favourite artist (A) can contribute.
        var recommended = new Recommender(options).Recommend(state, SharedModel(options), T0 + 2 * Day, 10);

        Assert.Equal([11, 12, 1], recommended.Select(r => r.Track));
        Assert.All(recommended, r =>
        {
            Assert.Equal(ReasonKind.FavoriteArtist, r.Reason);
            Assert.Equal(ArtistA, r.Anchor);
            Assert.Equal(ArtistA, r.Artist);
        });
    }

    [Fact]
    public void Trending_is_the_reason_for_a_listener_without_history()
    {
        var options = new EngineOptions();
        var model = SharedModel(options);

        var recommended = new Recommender(options).Recommend(new ListenerState(options), model, T0 + Minute, 100);

        Assert.Equal(model.Trending.ToArray().Select(t => t.Id), recommended.Select(r => r.Track));
        Assert.All(recommended, r => Assert.Equal(ReasonKind.Trending, r.Reason));
        Assert.All(recommended, r => Assert.Equal(-1, r.Anchor));
        Assert.All(recommended, r => Assert.NotEqual(-1, r.Artist)); // resolved through the model
    }

    [Fact]
    public void Liked_tracks_of_the_listener_come_back_from_history()
    {
        var options = new EngineOptions { FavoriteArtistSourceWeight = 0, TrendingSourceWeight = 0, FillShortLists = false };
        var state = Listened(options, 4);
        state.Apply("like4", new Listen(4, ArtistD, SignalKind.Like, T0 + 2 * Minute));

        var recommended = new Recommender(options).Recommend(state, SharedModel(options), T0 + 2 * Day, 10);

        var only = Assert.Single(recommended);
        Assert.Equal((4, ReasonKind.FromHistory, 4), (only.Track, only.Reason, only.Anchor));
    }

    [Fact]
    public void Exclusions_and_the_requested_count_are_honoured()
    {
        var options = new EngineOptions { MaxRecommendations = 2 };
        var state = Listened(options, 1);
        var recommender = new Recommender(options);
        var model = SharedModel(options);

        var top = recommender.Recommend(state, model, T0 + Minute, 1);
        var excluded = recommender.Recommend(state, model, T0 + Minute, 1, new HashSet<int> { top[0].Track });
        var capped = recommender.Recommend(state, model, T0 + Minute, 50);

        Assert.Equal(2, Assert.Single(top).Track);
        Assert.NotEqual(2, Assert.Single(excluded).Track);
        Assert.Equal(capped[1].Track, excluded[0].Track);
        Assert.Equal(2, capped.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => recommender.Recommend(state, model, T0, 0));
    }

    /// <summary>What other listeners taught the model: 1 → 2 (often), 1 → 3, 4 → 6, and plays of every artist's tracks.</summary>
    [Fact]
    public void By_default_the_playing_track_may_come_back_but_damped_below_its_own_successor()
    {
        var options = new EngineOptions();
        var state = Listened(options, 1);
        var recommended = new Recommender(options).Recommend(state, SharedModel(options), T0 + 5 * Minute, 20);

        var playing = recommended.Single(r => r.Track == 1);
        Assert.True(recommended[0].Track != 1, "the playing track must not lead the list");
        Assert.True(playing.Score < recommended[0].Score);
    }

    private static LiveModel SharedModel(EngineOptions options)
    {
        var learner = new ModelLearner(options);
        var model = new LiveModel();
        model.Apply(learner.Apply(
        [
            Obs(2, ArtistB, 1), Obs(2, ArtistB, 1), Obs(2, ArtistB, 1), Obs(3, ArtistC, 1), Obs(6, ArtistD, 4),
            Obs(11, ArtistA), Obs(11, ArtistA), Obs(11, ArtistA), Obs(12, ArtistA), Obs(12, ArtistA), Obs(1, ArtistA),
            Obs(9, ArtistB), Obs(5, ArtistC), Obs(4, ArtistD),
        ]));
        return model;
    }

    private static ModelObservation Obs(int track, int artist, params int[] predecessors) => new(track, artist, T0 - Day, 1f, predecessors);

    private static ListenerState Listened(EngineOptions options, params int[] tracks)
    {
        var state = new ListenerState(options);
        for (var i = 0; i < tracks.Length; i++)
        {
            var artist = tracks[i] switch { 1 or 11 or 12 => ArtistA, 2 or 9 => ArtistB, 3 or 5 => ArtistC, _ => ArtistD };
            Play(state, tracks[i], artist, T0 + i * 4 * Minute);
        }

        return state;
    }

    private static void Play(ListenerState state, int track, int artist, long timeMs)
    {
        state.Apply($"p{track}@{timeMs}", new Listen(track, artist, SignalKind.Play, timeMs, 0, 180_000));
        state.Apply($"c{track}@{timeMs}", new Listen(track, artist, SignalKind.Complete, timeMs + 180_000, 180_000, 180_000));
    }
}
