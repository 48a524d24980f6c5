using Personalization.Engine;
using Personalization.Engine.Exploration;
using Personalization.Engine.Model;
using Personalization.Engine.Rewards;

namespace Personalization.Tests.Beyond;

/// <summary>The exploration policy: an exact off switch, valid propensities that match what it samples.</summary>
[Trait("Category", "Beyond")]
[Trait("Requires", "None")]
public sealed class ExplorationPolicyTests
{
    private const long T0 = 1_767_571_200_000;
    private const long Minute = 60_000;

    [Fact]
    public void Off_serves_exactly_the_deterministic_ranking_with_propensity_one()
    {
        var options = new EngineOptions();
        var (state, model) = Scenario(options);
        var expected = new Recommender(options).Recommend(state, model, T0 + 10 * Minute, 10);

        var served = Policy(options, new ExplorationOptions { Enabled = false, Epsilon = 0.5 }).Serve(state, model, T0 + 10 * Minute, 10, null, 42);

        Assert.True(expected.Count >= 5);
        Assert.Equal(expected, served.Select(s => s.Item)); // same tracks, scores, reasons and anchors, in the same order
        Assert.All(served, s => Assert.Equal((1.0, false), (s.Propensity, s.Explored)));
        Assert.Equal(1, state.Rewards.Stats.ListsServed); // served lists are remembered with exploration off too
    }

    [Fact]
    public void On_with_epsilon_zero_is_the_deterministic_ranking_too()
    {
        var options = new EngineOptions();
        var (state, model) = Scenario(options);
        var expected = new Recommender(options).Recommend(state, model, T0 + 10 * Minute, 10);

        var served = Policy(options, new ExplorationOptions { Enabled = true, Epsilon = 0 }).Serve(state, model, T0 + 10 * Minute, 10, null, 42);

        Assert.Equal(expected, served.Select(s => s.Item));
        Assert.All(served, s => Assert.Equal(1.0, s.Propensity));
    }

    [Fact]
    public void On_explores_other_sources_and_the_same_seed_gives_the_same_list()
    {
        var options = new EngineOptions();
        var (state, model) = Scenario(options);
        var exploration = new ExplorationOptions { Enabled = true, Epsilon = 0.5 };
        var explorer = new SourceExplorer(exploration, new SourceArms(exploration));
        var ranked = new Recommender(options).RankAll(state, model, T0 + 10 * Minute).ToList();

        var first = explorer.Choose(ranked, 10, ListeningContext.InSession, 7);
        var again = explorer.Choose(ranked, 10, ListeningContext.InSession, 7);
        var lists = Enumerable.Range(0, 50).Select(seed => explorer.Choose(ranked, 10, ListeningContext.InSession, (ulong)seed)).ToList();

        Assert.Equal(first, again);
        Assert.Contains(lists, l => l.Any(s => s.Explored));
        Assert.Contains(lists, l => l.Select(s => s.Item.Track).Intersect(ranked.Skip(10).Select(r => r.Track)).Any()); // reaches below the top 10
        Assert.All(lists, l => Assert.Equal(10, l.Select(s => s.Item.Track).Distinct().Count()));
    }

    [Fact]
    public void Propensities_are_probabilities_and_inverse_propensity_weights_match_the_sampling()
    {
        // Five sources, the best candidates interleaved; arms with different evidence so the Thompson weights differ.
        var exploration = new ExplorationOptions { Enabled = true, Epsilon = 0.3, ThompsonDraws = 8, ExploreDepth = 2 };
        var arms = new SourceArms(exploration);
        for (var i = 0; i < 40; i++)
        {
            arms.Served(ListeningContext.InSession, ReasonKind.Trending, 0, false);
            arms.Attributed(ListeningContext.InSession, ReasonKind.Trending, 0, ItemOutcome.Completed, i % 2);
            arms.Served(ListeningContext.InSession, ReasonKind.FromHistory, 0, false);
        }

        var ranked = Enumerable.Range(0, 30).Select(i => new RecommendedTrack(i, -1, 100 - i, (ReasonKind)(i % 3 == 0 ? 0 : i % 5), -1)).ToList();
        var explorer = new SourceExplorer(exploration, arms);
        const int Runs = 200_000;
        var weightByFirst = new Dictionary<int, double>();
        for (var seed = 0; seed < Runs; seed++)
        {
            var served = explorer.Choose(ranked, 5, ListeningContext.InSession, (ulong)seed * 7919);
            Assert.All(served, s => Assert.InRange(s.Propensity, 1e-9, 1.0));
            var first = served[0];
            weightByFirst[first.Item.Track] = weightByFirst.GetValueOrDefault(first.Item.Track) + 1 / first.Propensity;
        }

        // E[1{first = x} / p(first)] = 1 for every x the policy can put first: each source's two best candidates.
        var reachable = ranked.GroupBy(r => r.Reason).SelectMany(g => g.Take(2)).Select(r => r.Track).ToList();
        Assert.Equal(reachable.Order(), weightByFirst.Keys.Order());
        Assert.All(reachable, x => Assert.InRange(weightByFirst[x] / Runs, 0.9, 1.1));
    }

    private static RecommendationPolicy Policy(EngineOptions options, ExplorationOptions exploration) =>
        new(new Recommender(options), new SourceExplorer(exploration, new SourceArms(exploration)), options);

    /// <summary>A listener in a session after track 1, and a model where several sources offer candidates.</summary>
    private static (ListenerState State, IModelView Model) Scenario(EngineOptions options)
    {
        var learner = new ModelLearner(options);
        var model = new LiveModel();
        var observations = new List<ModelObservation>();
        for (var t = 2; t < 40; t++)
        {
            observations.Add(new ModelObservation(t, 100 + t % 7, T0 - t * Minute, 1f, t % 3 == 0 ? [1] : []));
        }

        model.Apply(learner.Apply(observations));
        var state = new ListenerState(options);
        state.Apply("f1", new Listen(30, 102, SignalKind.Like, T0 - 60 * Minute));
        state.Apply("p1", new Listen(1, 101, SignalKind.Complete, T0, 200_000, 200_000));
        return (state, model);
    }
}
