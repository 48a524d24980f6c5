using Personalization.Abstractions;
using Personalization.Engine;

namespace Personalization.Tests.Domain;

[Trait("Category", "Domain")]
[Trait("Requires", "None")]
public sealed class ListenerStateTests
{
    private const long T0 = 1_767_571_200_000; // 2026-01-05T00:00Z
    private const int Track = 10;
    private const int Artist = 100;
    private const int Duration = 200_000;
    private const int Precision = 3; // the play credit decays a little (14-day half-life) before its outcome arrives
    private static readonly EngineOptions Options = new();

    [Fact]
    public void A_completion_after_a_play_is_one_step_credited_complete_weight_in_total()
    {
        var state = new ListenerState(Options);
        var play = state.Apply("e1", new Listen(Track, Artist, SignalKind.Play, T0, 0, Duration));
        var complete = state.Apply("e2", new Listen(Track, Artist, SignalKind.Complete, T0 + Duration, Duration, Duration));

        Assert.True(play.NewStep);
        Assert.False(complete.NewStep);
        Assert.Equal(1, state.History.Count);
        Assert.Equal(SignalKind.Complete, state.History[0].Kind);
        Assert.Equal(StepFlags.Completed, state.History[0].Flags);
        Assert.Equal(Options.CompleteWeight, state.Tracks.Get(Track, T0 + Duration), Precision);
        Assert.Equal(Options.CompleteWeight, state.Artists.Get(Artist, T0 + Duration), Precision);
        Assert.Equal(1, state.Counters.Plays);
        Assert.Equal(1, state.Counters.Completes);
    }

    [Fact]
    public void An_early_skip_after_a_play_is_one_step_whose_affinity_ends_at_early_skip_weight()
    {
        var state = new ListenerState(Options);
        state.Apply("e1", new Listen(Track, Artist, SignalKind.Play, T0, 0, Duration));
        var skip = state.Apply("e2", new Listen(Track, Artist, SignalKind.Skip, T0 + 10_000, 10_000, Duration));

        Assert.True(skip.EarlySkip);
        Assert.False(skip.NewStep);
        Assert.Equal(1, state.History.Count);
        Assert.True(state.History[0].EarlySkipped);
        Assert.Equal(Options.EarlySkipWeight, state.Tracks.Get(Track, T0 + 10_000), Precision);
        Assert.Equal(Options.EarlySkipWeight, state.Artists.Get(Artist, T0 + 10_000), Precision);
        Assert.Equal(1, state.Counters.EarlySkips);
        Assert.Equal(1, state.Counters.Skips);
    }

    [Theory]
    [InlineData(59_999, 200_000, true)] // < 30 % of the duration
    [InlineData(60_000, 200_000, false)] // exactly 30 %: late
    [InlineData(150_000, 200_000, false)]
    [InlineData(29_999, 0, true)] // no duration: < EarlySkipMs
    [InlineData(30_000, 0, false)]
    [InlineData(45_000, 0, false)]
    public void A_skip_is_early_by_fraction_of_duration_or_by_early_skip_ms_without_one(int position, int duration, bool early)
    {
        var state = new ListenerState(Options);
        state.Apply("e1", new Listen(Track, Artist, SignalKind.Play, T0, 0, duration));
        var change = state.Apply("e2", new Listen(Track, Artist, SignalKind.Skip, T0 + position, position, duration));

        Assert.Equal(early, change.EarlySkip);
        Assert.Equal(early, state.History[0].EarlySkipped);
        var expected = early ? Options.EarlySkipWeight : Options.LateSkipWeight;
        Assert.Equal(expected, state.Tracks.Get(Track, T0 + position), Precision);
        Assert.Equal(early ? 1 : 0, state.Counters.EarlySkips);
    }

    [Fact]
    public void The_same_event_id_is_not_applied_twice_but_counted_as_a_duplicate()
    {
        var state = new ListenerState(Options);
        var listen = new Listen(Track, Artist, SignalKind.Like, T0);
        var first = state.Apply("e1", listen);
        var again = state.Apply("e1", listen);

        Assert.True(first.Applied);
        Assert.Equal(StepChange.Duplicate, again);
        Assert.True(state.IsDuplicate("e1"));
        Assert.Equal(Options.LikeWeight, state.Tracks.Get(Track, T0), Precision);
        Assert.Equal(1, state.Counters.Duplicates);
        Assert.Equal(1, state.Counters.Events);
        Assert.Equal(1, state.Sequence);
    }

    [Fact]
    public void A_whole_batch_of_the_largest_size_a_silo_accepts_retried_changes_nothing()
    {
        var largest = new ValidationLimits().MaxBatchSize;
        var state = new ListenerState(new EngineOptions());
        for (var i = 0; i < 40; i++) state.Apply($"before-{i}", new Listen(Track + 1_000 + i, Artist, SignalKind.Complete, T0 + i * 1_000));
        var batch = Enumerable.Range(0, largest).Select(i => ($"b{i}", new Listen(Track + i, Artist, SignalKind.Complete, T0 + 100_000 + i * 1_000))).ToList();
        foreach (var (id, listen) in batch) Assert.True(state.Apply(id, listen).Applied);
        var sequence = state.Sequence;
        var plays = state.Counters.Completes;

        foreach (var (id, listen) in batch) Assert.False(state.Apply(id, listen).Applied, $"{id} was applied twice");

        Assert.Equal(sequence, state.Sequence);
        Assert.Equal(plays, state.Counters.Completes);
        Assert.Equal(largest, state.Counters.Duplicates);
    }

    [Fact]
    public void An_event_id_older_than_the_dedupe_window_is_applied_again()
    {
        var options = new EngineOptions { DedupeWindow = 3 };
        var state = new ListenerState(options);
        for (var i = 0; i < 4; i++) state.Apply($"e{i}", new Listen(Track + i, Artist, SignalKind.Play, T0 + i * 1_000));

        Assert.Equal(3, state.SeenEvents.Count);
        Assert.False(state.IsDuplicate("e0"));
        Assert.True(state.Apply("e0", new Listen(Track, Artist, SignalKind.Play, T0 + 10_000)).Applied);
    }

    [Fact]
    public void A_dislike_blocks_the_track_and_marks_the_artist_disliked_and_a_like_unblocks()
    {
        var state = new ListenerState(Options);
        state.Apply("e1", new Listen(Track, Artist, SignalKind.Play, T0, 0, Duration));
        state.Apply("e2", new Listen(Track, Artist, SignalKind.Dislike, T0 + 5_000, 5_000, Duration));

        Assert.True(state.BlockedTracks.Contains(Track));
        Assert.True(state.IsArtistDisliked(Artist, T0 + 5_000));
        Assert.True((state.History[0].Flags & StepFlags.Disliked) != 0);
        Assert.Equal(1, state.History.Count);

        state.Apply("e3", new Listen(Track, Artist, SignalKind.Like, T0 + 6_000));
        Assert.False(state.BlockedTracks.Contains(Track));
    }

    [Fact]
    public void Feedback_on_a_track_that_is_not_playing_is_not_a_listening_step()
    {
        var state = new ListenerState(Options);
        state.Apply("e1", new Listen(Track, Artist, SignalKind.Play, T0));
        var like = state.Apply("e2", new Listen(Track + 1, Artist, SignalKind.Save, T0 + 1_000));

        Assert.True(like.Applied);
        Assert.False(like.NewStep);
        Assert.False(state.History[^1].IsListen);
        Assert.Equal(Options.SaveWeight, state.Tracks.Get(Track + 1, T0 + 1_000), Precision);
    }

    [Fact]
    public void Playing_a_finished_track_again_is_a_new_step()
    {
        var state = new ListenerState(Options);
        state.Apply("e1", new Listen(Track, Artist, SignalKind.Play, T0, 0, Duration));
        state.Apply("e2", new Listen(Track, Artist, SignalKind.Complete, T0 + Duration, Duration, Duration));
        var replay = state.Apply("e3", new Listen(Track, Artist, SignalKind.Play, T0 + Duration + 1_000, 0, Duration));

        Assert.True(replay.NewStep);
        Assert.Equal(2, state.History.Count);
        Assert.Equal(Options.CompleteWeight + Options.PlayWeight, state.Tracks.Get(Track, T0 + Duration + 1_000), Precision);
    }

    [Fact]
    public void The_skip_streak_counts_trailing_early_skips_and_a_completion_ends_it()
    {
        var state = new ListenerState(Options);
        var t = T0;
        void Step(int track, bool skip)
        {
            state.Apply($"p{track}", new Listen(track, Artist, SignalKind.Play, t, 0, Duration));
            t += skip ? 5_000 : Duration;
            state.Apply($"o{track}", skip
                ? new Listen(track, Artist, SignalKind.Skip, t, 5_000, Duration)
                : new Listen(track, Artist, SignalKind.Complete, t, Duration, Duration));
            t += 1_000;
        }

        Step(1, skip: true);
        Step(2, skip: false);
        Step(3, skip: true);
        Step(4, skip: true);
        Assert.Equal(2, state.SkipStreak());

        Step(5, skip: false);
        Assert.Equal(0, state.SkipStreak());
    }

    [Fact]
    public void Predecessors_are_the_earlier_listening_steps_of_the_session_most_recent_first()
    {
        var state = new ListenerState(Options);
        state.Apply("old", new Listen(1, Artist, SignalKind.Play, T0));
        var t = T0 + (long)Options.SessionGap.TotalMilliseconds;
        state.Apply("a", new Listen(2, Artist, SignalKind.Play, t));
        state.Apply("b", new Listen(3, Artist, SignalKind.Play, t + 60_000));
        state.Apply("c", new Listen(4, Artist, SignalKind.Play, t + 120_000));

        Span<int> buffer = stackalloc int[8];
        var n = state.CopyPredecessors(buffer);

        Assert.Equal([3, 2], buffer[..n].ToArray());
        Assert.Equal(1, state.CopyPredecessors(buffer[..1]));
    }

    [Fact]
    public void Every_list_of_the_state_stays_within_its_cap()
    {
        var options = new EngineOptions
        {
            MaxArtistAffinities = 5, MaxTrackAffinities = 7, HistoryCapacity = 11, DedupeWindow = 13, MaxBlockedTracks = 3,
        };
        var state = new ListenerState(options);
        for (var i = 0; i < 500; i++)
        {
            var kind = (SignalKind)(i % 6);
            state.Apply($"e{i}", new Listen(i, i % 17, kind, T0 + i * 60_000L, i % 3 * 50_000, Duration));
        }

        Assert.Equal(5, state.Artists.Count);
        Assert.Equal(7, state.Tracks.Count);
        Assert.Equal(11, state.History.Count);
        Assert.Equal(13, state.SeenEvents.Count);
        Assert.Equal(3, state.BlockedTracks.Count);
        Assert.Equal(500, state.Counters.Events);
    }

    [Fact]
    public void Clear_forgets_everything()
    {
        var state = new ListenerState(Options);
        state.Apply("e1", new Listen(Track, Artist, SignalKind.Dislike, T0));
        state.Clear();

        Assert.Equal(0, state.History.Count);
        Assert.Equal(0, state.Tracks.Count);
        Assert.Equal(0, state.BlockedTracks.Count);
        Assert.Equal(0, state.Counters.Events);
        Assert.False(state.IsDuplicate("e1"));
        Assert.Equal(0, state.Sequence);
    }
}
