using Personalization.Engine;
using Personalization.Engine.Model;
using Personalization.Engine.Ranking;

namespace Personalization.Tests.Quality;

/// <summary>
/// The learned re-ranker: LambdaMART learns what marks the played track, the silo's learner trains on its cadence from
/// a bounded buffer and ends on the latest trigger's model whatever the timing, and the recommender re-orders its top
/// candidates with it (keeping each track's score and reason) and turns plays into examples from its own order.
/// </summary>
[Trait("Category", "Quality")]
[Trait("Requires", "None")]
public sealed class LearnedRankerTests
{
    private const long T0 = 1_767_571_200_000;
    private const long Minute = 60_000;
    private static readonly int Features = RankingFeatures.Names.Count;
    private static readonly int Rank = Index("rank");
    private static readonly int After1 = Index("after_1");

    [Fact]
    public void LambdaMart_learns_a_feature_that_marks_the_played_track()
    {
        // The played track is listed 7th to 12th of 12 and only it follows the playing track (after_1 > 0).
        var examples = Enumerable.Range(0, 40)
            .Select(q => 6 + q % 6)
            .Select(target => Example(12, target, (row, i) => row[After1] = i == target ? 5 : 0))
            .ToList();

        var model = LambdaMart.Fit(examples[..20], Small());

        Assert.Equal(20, model.Examples);
        Assert.All(examples[20..], e => Assert.Equal(e.Target, model.Order(e.Rows)[0]));
    }

    [Fact]
    public async Task The_learner_trains_after_enough_examples_on_its_cadence_and_keeps_only_the_newest()
    {
        var ranker = new LearnedRanker(Small(minExamples: 3, retrainEvery: 2, maxExamples: 4));

        ranker.Add(LastPlayed(), T0);
        ranker.Add(LastPlayed(), T0);
        await ranker.WhenTrainedAsync();
        Assert.Null(ranker.Current); // fewer than MinExamples

        ranker.Add(LastPlayed(), T0);
        await ranker.WhenTrainedAsync();
        Assert.Equal((3, 1), (ranker.Current!.Examples, ranker.ModelsTrained));

        ranker.Add(LastPlayed(), T0);
        await ranker.WhenTrainedAsync();
        Assert.Equal((3, 1), (ranker.Current.Examples, ranker.ModelsTrained)); // one new example: not yet RetrainEvery

        ranker.Add(LastPlayed(), T0);
        await ranker.WhenTrainedAsync();
        Assert.Equal((4, 2, 5L), (ranker.Current.Examples, ranker.ModelsTrained, ranker.ExamplesSeen)); // the ring keeps 4
    }

    [Fact]
    public async Task Whatever_the_timing_the_model_after_training_is_the_latest_triggers()
    {
        var ranker = new LearnedRanker(Small(minExamples: 1, retrainEvery: 1, maxExamples: 50));

        for (var i = 0; i < 30; i++) ranker.Add(LastPlayed(), T0);
        await ranker.WhenTrainedAsync();

        Assert.Equal(30, ranker.Current!.Examples);
        Assert.InRange(ranker.ModelsTrained, 1, 30);
        Assert.Null(ranker.LastError);
    }

    [Fact]
    public async Task Trainings_are_at_least_the_minimum_interval_of_event_time_apart()
    {
        var options = Small(minExamples: 1, retrainEvery: 1, maxExamples: 50);
        options.MinRetrainInterval = TimeSpan.FromMinutes(10);
        var ranker = new LearnedRanker(options);

        ranker.Add(LastPlayed(), T0);
        await ranker.WhenTrainedAsync();
        ranker.Add(LastPlayed(), T0 + 9 * Minute); // too soon: kept, not trained on
        await ranker.WhenTrainedAsync();
        Assert.Equal((1, 1), (ranker.Current!.Examples, ranker.ModelsTrained));

        ranker.Add(LastPlayed(), T0 + 10 * Minute);
        await ranker.WhenTrainedAsync();
        Assert.Equal((3, 2), (ranker.Current.Examples, ranker.ModelsTrained));
    }

    [Fact]
    public void The_example_budget_refills_with_event_time()
    {
        var options = Small();
        options.ExamplesPerMinute = 2;
        var ranker = new LearnedRanker(options);

        Assert.Equal([true, true, false], [ranker.TryReserve(T0), ranker.TryReserve(T0), ranker.TryReserve(T0 + 1_000)]);
        Assert.True(ranker.TryReserve(T0 + 30_000)); // half a minute later: one more
        Assert.False(ranker.TryReserve(T0 + 31_000));
        Assert.False(ranker.TryReserve(T0 - Minute)); // an older event does not turn the clock back to refill
        Assert.Equal([true, true, false], [ranker.TryReserve(T0 + 60 * Minute), ranker.TryReserve(T0 + 60 * Minute), ranker.TryReserve(T0 + 60 * Minute)]); // at most a minute's worth
    }

    [Fact]
    public void A_disabled_learner_keeps_nothing()
    {
        var options = Small(minExamples: 1, retrainEvery: 1, maxExamples: 5);
        options.Enabled = false;
        var ranker = new LearnedRanker(options);

        ranker.Add(LastPlayed(), T0);

        Assert.Equal(0, ranker.ExamplesSeen);
        Assert.Null(ranker.Current);
        Assert.False(ranker.TryReserve(T0));
    }

    [Fact]
    public async Task In_a_session_the_recommender_serves_its_top_candidates_in_the_learned_order()
    {
        var (options, state, model) = ArtistSession();
        var engineOrder = new Recommender(options).Recommend(state, model, T0 + 20 * Minute, 10);
        Assert.True(engineOrder.Count >= 3);
        var ranker = new LearnedRanker(Small(minExamples: 10, retrainEvery: 10, maxExamples: 10));
        for (var i = 0; i < 10; i++) ranker.Add(LastPlayed(engineOrder.Count), T0); // listeners always played the engine's last candidate
        await ranker.WhenTrainedAsync();

        var learned = new Recommender(options, ranker).Recommend(state, model, T0 + 20 * Minute, 10);

        Assert.Equal(engineOrder[^1], learned[0]); // same track, score and reason
        Assert.Equal(engineOrder.Select(r => r.Track).Order(), learned.Select(r => r.Track).Order());
        var later = T0 + 24 * 60 * Minute; // no active session: the engine's order
        Assert.Equal(new Recommender(options).Recommend(state, model, later, 10), new Recommender(options, ranker).Recommend(state, model, later, 10));
    }

    [Fact]
    public void A_play_becomes_an_example_from_the_engines_own_order_only_in_a_session_and_only_when_listed()
    {
        var (options, state, model) = ArtistSession();
        var now = T0 + 20 * Minute;
        var engineOrder = new Recommender(options).Recommend(state, model, now, 50);
        var recommender = new Recommender(options, new LearnedRanker(new RankerOptions()));

        var example = recommender.ExampleFor(state, model, now, engineOrder[2].Track);

        Assert.NotNull(example);
        Assert.Equal(2, example.Target);
        Assert.Equal(engineOrder.Count, example.Rows.Length);
        Assert.All(example.Rows, row => Assert.Equal(Features, row.Length));
        Assert.Equal([.. Enumerable.Range(0, engineOrder.Count).Select(i => (float)i)], example.Rows.Select(r => r[Rank]));
        Assert.Null(recommender.ExampleFor(state, model, now, track: 999)); // not among the candidates
        Assert.Null(recommender.ExampleFor(state, model, now + 24 * 60 * Minute, engineOrder[2].Track)); // no active session
        Assert.Null(new Recommender(options).ExampleFor(state, model, now, engineOrder[2].Track)); // no re-ranker
    }

    [Fact]
    public void Ranker_options_are_validated()
    {
        Assert.Empty(new RankerOptions().Validate());
        var errors = new RankerOptions { MinExamples = 100, MaxExamples = 10, Depth = 9, Bins = 300 }.Validate();
        Assert.Contains(errors, e => e.Contains("MaxExamples must be at least MinExamples", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Depth must be in [1, 8]", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Bins must be in [2, 255]", StringComparison.Ordinal));
    }

    private static RankerOptions Small(int minExamples = 1, int retrainEvery = 1, int maxExamples = 100) => new()
    {
        Trees = 30, MinLeaf = 1, LearningRate = 0.3, MinExamples = minExamples, RetrainEvery = retrainEvery, MaxExamples = maxExamples,
        MinRetrainInterval = TimeSpan.Zero,
    };

    private static int Index(string name) => RankingFeatures.Names.ToList().IndexOf(name);

    /// <summary>An example of <paramref name="count"/> candidates whose "rank" feature is their position.</summary>
    private static RankingExample Example(int count, int target, Action<float[], int> fill)
    {
        var rows = new float[count][];
        for (var i = 0; i < count; i++)
        {
            rows[i] = new float[Features];
            rows[i][Rank] = i;
            fill(rows[i], i);
        }

        return new RankingExample(rows, target);
    }

    private static RankingExample LastPlayed(int count = 6) => Example(count, target: count - 1, (_, _) => { });

    /// <summary>A session of three tracks by one artist, and a model that knows six of that artist's tracks.</summary>
    private static (EngineOptions Options, ListenerState State, LiveModel Model) ArtistSession()
    {
        var options = new EngineOptions();
        var model = new LiveModel();
        model.Apply(new ModelLearner(options).Apply([.. Enumerable.Range(1, 6).Select(t => new ModelObservation(t, 100, T0 - 86_400_000, 1f, []))]));
        var state = new ListenerState(options);
        for (var t = 1; t <= 3; t++)
        {
            var at = T0 + (t - 1) * 4 * Minute;
            state.Apply($"p{t}", new Listen(t, 100, SignalKind.Play, at, 0, 180_000));
        }

        return (options, state, model);
    }
}
