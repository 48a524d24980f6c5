using Personalization.Engine;
using Personalization.Engine.Model;

namespace Personalization.Tests.Domain;

[Trait("Category", "Domain")]
[Trait("Requires", "None")]
public sealed class ModelLearnerTests
{
    private const long T0 = 1_767_571_200_000;
    private const int Artist = 500;

    [Fact]
    public void A_checkpoint_written_under_a_larger_cap_restores_its_heaviest_entries()
    {
        // Written when 12 successors and 12 artist tracks were kept; restored where 8 are (4 published, twice kept).
        var learner = new ModelLearner(new EngineOptions { MaxSuccessorsPerTrack = 4, MaxTopTracksPerArtist = 4 });
        var stored = Enumerable.Range(0, 12).Select(i => (Id: 100 + i, Weight: (float)((i * 7) % 12))).ToArray(); // heaviest not first
        learner.RestoreTrack(1, Artist, stored, 0, T0, 0, T0);
        learner.RestoreArtist(Artist, stored);

        var heaviest = stored.OrderByDescending(e => e.Weight).Take(8).Select(e => e.Id).Order().ToArray();
        Assert.Equal(heaviest, learner.SuccessorsOf(1)!.Ids.ToArray().Order().ToArray());
        Assert.Equal(heaviest, learner.TracksOf(Artist)!.Ids.ToArray().Order().ToArray());
        Assert.Equal(stored.OrderByDescending(e => e.Weight).Take(4).Select(e => e.Id), learner.SuccessorsOf(1)!.Top(4).Select(s => s.Id));
    }

    [Fact]
    public void A_checkpoint_that_fits_restores_in_its_stored_order()
    {
        var learner = new ModelLearner(new EngineOptions { MaxSuccessorsPerTrack = 8 });
        var stored = new[] { (Id: 7, Weight: 1f), (Id: 3, Weight: 5f), (Id: 9, Weight: 2f) };
        learner.RestoreTrack(1, Artist, stored, 0, T0, 0, T0);

        Assert.Equal([7, 3, 9], learner.SuccessorsOf(1)!.Ids.ToArray());
        Assert.Equal([1f, 5f, 2f], learner.SuccessorsOf(1)!.Weights.ToArray());
    }

    [Fact]
    public void A_transition_weighs_one_over_its_gap_in_the_session()
    {
        var model = new LiveModel();
        var learner = new ModelLearner(new EngineOptions());
        model.Apply(learner.Apply([Observe(4, T0, 3, 2, 1)]));

        Assert.Equal([new ScoredId(4, 1f)], model.SuccessorsOf(3).ToArray());
        Assert.Equal([new ScoredId(4, 0.5f)], model.SuccessorsOf(2).ToArray());
        Assert.Equal(1f / 3, model.SuccessorsOf(1)[0].Weight, 5);
        Assert.Equal(Artist, model.ArtistOf(4));
        Assert.Equal(-1, model.ArtistOf(99));
    }

    [Fact]
    public void Predecessors_beyond_the_transition_window_and_self_transitions_are_ignored()
    {
        var model = new LiveModel();
        var learner = new ModelLearner(new EngineOptions { TransitionWindow = 2, LearnRepeats = false });
        model.Apply(learner.Apply([Observe(4, T0, 4, 2, 1)]));

        Assert.True(model.SuccessorsOf(4).IsEmpty);
        Assert.Equal(0.5f, model.SuccessorsOf(2)[0].Weight);
        Assert.True(model.SuccessorsOf(1).IsEmpty);
    }

    [Fact]
    public void Repeated_transitions_accumulate_and_successors_are_ordered_heaviest_first()
    {
        var model = new LiveModel();
        var learner = new ModelLearner(new EngineOptions());
        model.Apply(learner.Apply([Observe(7, T0, 1), Observe(8, T0, 1), Observe(8, T0, 1), Observe(9, T0, 1)]));

        Assert.Equal([8, 7, 9], model.SuccessorsOf(1).ToArray().Select(s => s.Id));
        Assert.Equal(2f, model.SuccessorsOf(1)[0].Weight);
        Assert.Equal(4, learner.ObservationsApplied);
    }

    [Fact]
    public void Pruning_keeps_per_key_lists_bounded_and_frequent_pairs_survive()
    {
        var options = new EngineOptions { MaxSuccessorsPerTrack = 4, MaxTopTracksPerArtist = 3 };
        var model = new LiveModel();
        var learner = new ModelLearner(options);
        for (var i = 0; i < 300; i++)
        {
            model.Apply(learner.Apply([Observe(1_000 + i, T0 + i, 1), Observe(42, T0 + i, 1)]));
            Assert.True(model.SuccessorsOf(1).Length <= 4);
            Assert.True(model.TopTracksOf(Artist).Length <= 3);
        }

        Assert.Equal(42, model.SuccessorsOf(1)[0].Id);
        Assert.Equal(300f, model.SuccessorsOf(1)[0].Weight);
        Assert.Equal(42, model.TopTracksOf(Artist)[0].Id);
    }

    [Fact]
    public void A_weighted_set_never_holds_more_than_its_capacity_and_ignores_credit_taken_from_absent_pairs()
    {
        var set = new WeightedSet(6);
        for (var i = 0; i < 100; i++)
        {
            set.Add(i, 1 + i % 5);
            Assert.True(set.Count <= 6);
        }

        set.Add(1_000, -1);
        Assert.DoesNotContain(set.Top(10), s => s.Id == 1_000);

        var small = new WeightedSet(4);
        small.Add(1, 2);
        small.Add(1, -2);
        Assert.Empty(small.Top(4)); // no positive weight left: not published
    }

    [Fact]
    public void Trending_ranks_by_decayed_plays_normalized_to_the_first_and_bounded_by_its_size()
    {
        var options = new EngineOptions { TrendingSize = 3, TrendingHalfLife = TimeSpan.FromHours(6) };
        var model = new LiveModel();
        var learner = new ModelLearner(options);
        var sixHours = (long)TimeSpan.FromHours(6).TotalMilliseconds;

        // Track 1: four old plays (worth 2 six hours later); track 2: three fresh plays; 3 and 4: one each, 4 first.
        model.Apply(learner.Apply([.. Enumerable.Repeat(Observe(1, T0), 4), Observe(4, T0)]));
        model.Apply(learner.Apply([.. Enumerable.Repeat(Observe(2, T0 + sixHours), 3), Observe(3, T0 + sixHours)]));

        var trending = model.Trending.ToArray();
        Assert.Equal([2, 1, 3], trending.Select(t => t.Id));
        Assert.Equal(1f, trending[0].Weight);
        Assert.Equal(2f / 3, trending[1].Weight, 5);
    }

    [Fact]
    public void Trending_stays_exact_across_renormalization()
    {
        var options = new EngineOptions { TrendingSize = 10, TrendingHalfLife = TimeSpan.FromMinutes(1) };
        var learner = new ModelLearner(options);
        var model = new LiveModel();
        var hour = (long)TimeSpan.FromHours(1).TotalMilliseconds; // 60 half-lives: forces a renormalization

        model.Apply(learner.Apply([Observe(1, T0), Observe(1, T0)]));
        model.Apply(learner.Apply([Observe(2, T0 + hour), Observe(2, T0 + hour), Observe(3, T0 + hour)]));

        Assert.Equal([new ScoredId(2, 1f), new ScoredId(3, 0.5f)], model.Trending.ToArray());
    }

    [Fact]
    public void Trending_lets_a_track_outside_the_top_back_in_when_a_top_track_loses_credit()
    {
        var options = new EngineOptions { TrendingSize = 1 };
        var learner = new ModelLearner(options);
        var model = new LiveModel();
        model.Apply(learner.Apply([Observe(1, T0), Observe(1, T0), Observe(1, T0)]));
        model.Apply(learner.Apply([Observe(2, T0), Observe(2, T0)]));
        Assert.Equal(1, model.Trending[0].Id);

        // Two of track 1's plays were early skips: their credit is taken back, so track 2 now leads.
        model.Apply(learner.Apply([Observe(1, T0) with { Weight = -1 }, Observe(1, T0) with { Weight = -1 }]));

        Assert.Equal(2, model.Trending[0].Id);
    }

    [Fact]
    public void The_learner_publishes_artist_tops_and_track_artists_once()
    {
        var learner = new ModelLearner(new EngineOptions());
        var first = learner.Apply([Observe(1, T0), Observe(2, T0), Observe(2, T0)]);
        var second = learner.Apply([Observe(2, T0 + 1)]);

        Assert.Equal(2, first.TrackArtists.Count);
        Assert.Empty(second.TrackArtists);
        var tops = Assert.Single(second.ArtistTops);
        Assert.Equal([2, 1], tops.Tracks.Select(t => t.Id));
        Assert.True(learner.Apply([]).IsEmpty);
    }

    private static ModelObservation Observe(int track, long timeMs, params int[] predecessors) =>
        new(track, Artist, timeMs, 1f, predecessors);
}
