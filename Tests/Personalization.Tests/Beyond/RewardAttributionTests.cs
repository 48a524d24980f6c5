using Personalization.Engine;
using Personalization.Engine.Rewards;

namespace Personalization.Tests.Beyond;

/// <summary>The engine's reward ledger: outcomes go to the newest served list (and position) that held the track.</summary>
[Trait("Category", "Beyond")]
[Trait("Requires", "None")]
public sealed class RewardAttributionTests
{
    private const long T0 = 1_767_571_200_000;
    private const long Minute = 60_000;
    private const long Hour = 60 * Minute;
    private const int Artist = 500;
    private const int Duration = 200_000;

    [Fact]
    public void Outcomes_are_attributed_to_the_served_items_with_the_documented_rewards()
    {
        var state = new ListenerState(new EngineOptions());
        var observed = new RecordingObserver();
        state.Rewards.Observer = observed;
        state.Apply("e0", new Listen(9, Artist, SignalKind.Complete, T0, Duration, Duration));
        Serve(state, T0 + Minute, [1, 2, 3, 4], [ReasonKind.AfterTrack, ReasonKind.SessionArtist, ReasonKind.FavoriteArtist, ReasonKind.Trending]);

        state.Apply("c1", new Listen(1, Artist, SignalKind.Complete, T0 + 5 * Minute, Duration, Duration)); // 1
        state.Apply("p2", new Listen(2, Artist, SignalKind.Play, T0 + 6 * Minute));                         // 0.5 ...
        state.Apply("s2", new Listen(2, Artist, SignalKind.Skip, T0 + 6 * Minute + 5_000, 5_000, Duration)); // ... then 0: early skip
        state.Apply("p3", new Listen(3, Artist, SignalKind.Play, T0 + 7 * Minute));                         // 0.5 ...
        state.Apply("l3", new Listen(3, Artist, SignalKind.Like, T0 + 8 * Minute));                         // ... then 1
        state.Apply("v3", new Listen(3, Artist, SignalKind.Save, T0 + 8 * Minute + 1));                     // still 1
        state.Apply("c7", new Listen(7, Artist, SignalKind.Complete, T0 + 9 * Minute, Duration, Duration)); // not served

        var s = state.Rewards.Stats;
        Assert.Equal((1L, 4L), (s.ListsServed, s.ItemsServed));
        Assert.Equal((3L, 1L, 1L, 1L, 1L), (s.Started, s.Completed, s.SkippedEarly, s.Liked, s.Saved));
        Assert.Equal(2.0, s.Reward, 9);
        Assert.Equal(1.0, s.RewardBySource[(int)ReasonKind.AfterTrack], 9);
        Assert.Equal(0.0, s.RewardBySource[(int)ReasonKind.SessionArtist], 9);
        Assert.Equal(1.0, s.RewardBySource[(int)ReasonKind.FavoriteArtist], 9);
        Assert.Equal(0.0, s.RewardBySource[(int)ReasonKind.Trending], 9);
        Assert.Equal([0, 1, 1, 2, 2, 2], observed.Attributions.Select(a => a.Position));
        Assert.All(observed.Attributions, a => Assert.Equal(ListeningContext.InSession, a.Context));
        Assert.Equal(2.0, observed.Attributions.Sum(a => a.Delta), 9);
        Assert.Equal(4, observed.Served.Count);
    }

    [Fact]
    public void The_newest_list_holding_the_track_gets_the_outcome_and_older_or_later_lists_do_not()
    {
        var state = new ListenerState(new EngineOptions());
        var observed = new RecordingObserver();
        state.Rewards.Observer = observed;
        Serve(state, T0, [1, 2], [ReasonKind.Trending, ReasonKind.Trending]);
        Serve(state, T0 + Minute, [5, 1], [ReasonKind.FromHistory, ReasonKind.FavoriteArtist]);
        Serve(state, T0 + 10 * Minute, [1], [ReasonKind.AfterTrack]); // served after the event below

        state.Apply("c1", new Listen(1, Artist, SignalKind.Complete, T0 + 2 * Minute, Duration, Duration));

        var only = Assert.Single(observed.Attributions);
        Assert.Equal((ReasonKind.FavoriteArtist, 1), (only.Source, only.Position));
        Assert.Equal(1.0, state.Rewards.Stats.RewardBySource[(int)ReasonKind.FavoriteArtist], 9);
    }

    [Fact]
    public void Outcomes_after_the_attribution_window_are_not_attributed()
    {
        var state = new ListenerState(new EngineOptions());
        Serve(state, T0, [1], [ReasonKind.AfterTrack]);

        state.Apply("c1", new Listen(1, Artist, SignalKind.Complete, T0 + 25 * Hour, Duration, Duration));

        Assert.Equal(0, state.Rewards.Stats.Completed);
        Assert.Equal(0, state.Rewards.Stats.Reward);
    }

    [Fact]
    public void A_new_session_within_a_day_counts_a_return_once_per_list_and_a_later_one_does_not()
    {
        var state = new ListenerState(new EngineOptions());
        var observed = new RecordingObserver();
        state.Rewards.Observer = observed;
        state.Apply("e0", new Listen(9, Artist, SignalKind.Complete, T0, Duration, Duration));
        Serve(state, T0 + Minute, [1], [ReasonKind.AfterTrack]);
        state.Apply("e1", new Listen(8, Artist, SignalKind.Complete, T0 + 10 * Minute, Duration, Duration)); // same session: no return
        Assert.Equal(0, state.Rewards.Stats.ListsReturned);

        state.Apply("e2", new Listen(8, Artist, SignalKind.Play, T0 + 3 * Hour)); // a new session 3 h later: return
        state.Apply("e3", new Listen(8, Artist, SignalKind.Play, T0 + 6 * Hour)); // another one: the list already counted
        Serve(state, T0 + 6 * Hour + Minute, [1], [ReasonKind.AfterTrack]);
        state.Apply("e4", new Listen(8, Artist, SignalKind.Play, T0 + 40 * Hour)); // 34 h after the second list: too late

        Assert.Equal(1, state.Rewards.Stats.ListsReturned);
        Assert.Equal(1, observed.Returns);
    }

    [Fact]
    public void Served_lists_are_capped_and_the_oldest_is_forgotten_first()
    {
        var options = new EngineOptions { Rewards = { MaxServedLists = 3, MaxServedItems = 2 } };
        var state = new ListenerState(options);
        Serve(state, T0, [1, 2, 3], [ReasonKind.Trending, ReasonKind.Trending, ReasonKind.Trending]); // 3 is beyond the item cap
        for (var i = 1; i <= 3; i++) Serve(state, T0 + i, [100 + i], [ReasonKind.AfterTrack]);        // pushes the first list out

        state.Apply("c1", new Listen(1, Artist, SignalKind.Complete, T0 + Minute, Duration, Duration));
        state.Apply("c101", new Listen(101, Artist, SignalKind.Complete, T0 + 2 * Minute, Duration, Duration));

        Assert.Equal(3, state.Rewards.Served.Count);
        Assert.Equal(2 + 3, state.Rewards.Stats.ItemsServed);
        Assert.Equal(1, state.Rewards.Stats.Completed); // only 101: the list holding 1 was forgotten
    }

    [Fact]
    public void Forgetting_a_listener_clears_served_lists_and_reward_statistics()
    {
        var state = new ListenerState(new EngineOptions());
        Serve(state, T0, [1], [ReasonKind.AfterTrack]);
        state.Apply("c1", new Listen(1, Artist, SignalKind.Complete, T0 + Minute, Duration, Duration));

        state.Clear();
        state.Apply("c1b", new Listen(1, Artist, SignalKind.Complete, T0 + 2 * Minute, Duration, Duration));

        Assert.Equal(0, state.Rewards.Served.Count);
        Assert.Equal((0L, 0L, 0.0), (state.Rewards.Stats.ListsServed, state.Rewards.Stats.Completed, state.Rewards.Stats.Reward));
        Assert.Equal(new long[RewardStats.SourceCount], state.Rewards.Stats.ServedBySource.ToArray());
        Assert.Equal(new double[RewardStats.SourceCount], state.Rewards.Stats.RewardBySource.ToArray());
    }

    [Fact]
    public void Per_source_statistics_restore_as_stored_padded_or_cut_to_the_source_count()
    {
        var stats = new RewardStats();
        Assert.Equal(RewardStats.SourceCount, stats.ServedBySource.Length); // zeros before anything is served

        stats.RestoreBySource([3, 0, 5], [.. Enumerable.Range(1, RewardStats.SourceCount + 2).Select(i => i * 0.5)]);
        Assert.Equal([3L, 0, 5, 0, 0, 0, 0, 0], stats.ServedBySource.ToArray());
        Assert.Equal(Enumerable.Range(1, RewardStats.SourceCount).Select(i => i * 0.5), stats.RewardBySource.ToArray());

        stats.CountServed(ReasonKind.FromHistory);
        stats.AddReward(ReasonKind.FromHistory, 1.0);
        Assert.Equal([3L, 0, 5, 1, 0, 0, 0, 0], stats.ServedBySource.ToArray());
        Assert.Equal(2.0 + 1.0, stats.RewardBySource[(int)ReasonKind.FromHistory]);
        Assert.Equal(1.0, stats.Reward);

        stats.RestoreBySource(null, []); // a record without them (older snapshots): zeros
        Assert.Equal(new long[RewardStats.SourceCount], stats.ServedBySource.ToArray());
        Assert.Equal(new double[RewardStats.SourceCount], stats.RewardBySource.ToArray());
    }

    [Theory]
    [InlineData(ItemOutcome.None, 0)]
    [InlineData(ItemOutcome.Started, 0.5)]
    [InlineData(ItemOutcome.Started | ItemOutcome.Completed, 1)]
    [InlineData(ItemOutcome.Saved, 1)]
    [InlineData(ItemOutcome.Started | ItemOutcome.Liked, 1)]
    [InlineData(ItemOutcome.Started | ItemOutcome.SkippedEarly, 0)]
    [InlineData(ItemOutcome.Started | ItemOutcome.Completed | ItemOutcome.Disliked, 0)]
    public void The_reward_signal_is_the_documented_function_of_the_outcomes(ItemOutcome outcome, double reward) =>
        Assert.Equal(reward, RewardSignal.Of(outcome));

    private static void Serve(ListenerState state, long atMs, int[] tracks, ReasonKind[] sources) =>
        state.Rewards.Serve(atMs, state.IsSessionActive(atMs) ? ListeningContext.InSession : ListeningContext.NoSession, tracks, sources, new bool[tracks.Length]);

    private sealed class RecordingObserver : IRewardObserver
    {
        public List<(ListeningContext Context, ReasonKind Source, int Position)> Served { get; } = [];
        public List<(ListeningContext Context, ReasonKind Source, int Position, ItemOutcome Added, double Delta)> Attributions { get; } = [];
        public int Returns { get; private set; }

        void IRewardObserver.Served(ListeningContext context, ReasonKind source, int position, bool explored) => Served.Add((context, source, position));

        void IRewardObserver.Attributed(ListeningContext context, ReasonKind source, int position, ItemOutcome added, double rewardDelta) =>
            Attributions.Add((context, source, position, added, rewardDelta));

        void IRewardObserver.Returned() => Returns++;
    }
}
