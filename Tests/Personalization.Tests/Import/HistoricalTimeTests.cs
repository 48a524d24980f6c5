using Personalization.Abstractions;
using Personalization.Engine;
using Personalization.Engine.Model;
using Personalization.Engine.Ranking;

namespace Personalization.Tests.Import;

/// <summary>
/// History of any era (1970 onwards) through the grain's rules, and the time-based logic on old timestamps and on a
/// long import that ends at "now": validation floor, session gaps, decayed affinities, trending, the re-ranker's
/// event-time budget, the listening pace, and how an import recognizes what a listener already has.
/// </summary>
[Trait("Category", "Import")]
[Trait("Requires", "None")]
public sealed class HistoricalTimeTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly long Y1995 = new DateTimeOffset(1995, 6, 1, 20, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private static readonly long Y2005 = new DateTimeOffset(2005, 6, 1, 20, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private static readonly long NowMs = Now.ToUnixTimeMilliseconds();

    private static ListenEvent At(DateTimeOffset time) => new("e1", "t1", "a1", EventKind.Play, time);

    [Fact]
    public void The_grain_accepts_history_from_1970_and_the_http_window_stays_30_days()
    {
        var validator = new RequestValidator(new ValidationLimits());

        Assert.Empty(validator.ValidateEvent(At(DateTimeOffset.UnixEpoch), Now));
        Assert.Empty(validator.ValidateEvent(At(new DateTimeOffset(1995, 1, 1, 0, 0, 0, TimeSpan.Zero)), Now));
        var before = Assert.Single(validator.ValidateEvent(At(DateTimeOffset.UnixEpoch.AddSeconds(-1)), Now));
        Assert.Equal("event.timestamp", before.Field);
        Assert.Empty(validator.ValidateRecommend(new RecommendRequest(10, At: new DateTimeOffset(1996, 1, 1, 0, 0, 0, TimeSpan.Zero))));

        // The live HTTP rule on top: 31 days old is refused, 29 days old is not.
        Assert.Single(RequestValidator.ValidateAge([At(Now.AddDays(-31))], Now, TimeSpan.FromDays(30), singleEvent: true));
        Assert.Empty(RequestValidator.ValidateAge([At(Now.AddDays(-29))], Now, TimeSpan.FromDays(30), singleEvent: true));
    }

    [Fact]
    public void The_floor_cannot_be_set_before_1970()
    {
        Assert.Empty(new ValidationLimits().Validate());
        Assert.Contains(new ValidationLimits { MinTimestamp = DateTimeOffset.UnixEpoch.AddDays(-1) }.Validate(), e => e.Contains("MinTimestamp", StringComparison.Ordinal));
    }

    [Fact]
    public void A_history_from_1995_to_2005_then_a_play_now_keeps_sessions_and_finite_decayed_weights()
    {
        var state = new ListenerState(new EngineOptions());
        long seq = 0;
        for (var t = Y1995; t <= Y2005; t += TimeSpan.FromDays(100).Ticks / TimeSpan.TicksPerMillisecond)
        {
            for (var p = 0; p < 3; p++) state.Apply($"h{seq++}", new Listen(p, 100, SignalKind.Complete, t + p * 240_000, 200_000, 200_000));
        }

        Assert.Equal(seq, state.Sequence);
        Assert.Equal(37, state.Counters.Sessions); // one session per visit, 100 days apart
        Assert.False(state.IsSessionActive(NowMs)); // 21 years later: no session runs
        var old = state.Artists.Top(5, NowMs);
        Assert.All(old, a => Assert.True(double.IsFinite(a.Weight) && a.Weight >= 0));
        Assert.True(state.Artists.Get(100, Y2005 + 600_000) > 0); // as of 2005 the artist is a favourite

        var change = state.Apply("now-1", new Listen(7, 200, SignalKind.Complete, NowMs, 200_000, 200_000));
        Assert.True(change.NewSession);
        Assert.True(state.IsSessionActive(NowMs + 60_000));
        Assert.Equal(7, state.PlayingTrack());
        Assert.Equal(200, state.Artists.Top(1, NowMs, positiveOnly: true)[0].Id); // today's artist leads; 2005's decayed away
        Assert.Equal(NowMs, state.LastEventMs);
    }

    [Fact]
    public void An_import_recognizes_what_the_history_already_covers()
    {
        var state = new ListenerState(new EngineOptions());
        Assert.False(state.Covers("a", Y1995)); // an empty listener covers nothing
        state.Apply("a", new Listen(1, 1, SignalKind.Play, Y1995));
        state.Apply("b", new Listen(2, 1, SignalKind.Play, Y2005));

        Assert.True(state.Covers("a", Y1995));  // older than the newest event
        Assert.True(state.Covers("x", Y1995 + 1)); // anything older is history already imported
        Assert.True(state.Covers("b", Y2005));  // the newest instant, same id
        Assert.False(state.Covers("c", Y2005)); // the newest instant, another event
        Assert.False(state.Covers("d", Y2005 + 1));
    }

    [Fact]
    public void Trending_over_an_import_from_1995_to_now_stays_finite_and_ends_with_todays_plays()
    {
        var trending = new TrendingCounter(10, TimeSpan.FromHours(6));
        for (var t = Y1995; t < NowMs - 86_400_000; t += 30L * 86_400_000) trending.Add(1, t, 1); // a 1995–2026 hit, monthly
        trending.Add(2, NowMs - 60_000, 1);
        trending.Add(3, NowMs, 1);
        trending.Add(3, NowMs, 1);

        var top = trending.Publish([1, 2, 3]);

        Assert.InRange(trending.ReferenceMs, NowMs - 31L * 86_400_000, NowMs); // renormalized along the way into the present
        Assert.All(top, s => Assert.True(float.IsFinite(s.Weight) && s.Weight > 0));
        Assert.Equal([3, 2], top.Take(2).Select(s => s.Id));
        Assert.True(double.IsFinite(trending.ScoreOf(1)));
    }

    [Fact]
    public void The_rerankers_event_time_budget_refills_when_an_import_reaches_now()
    {
        var ranker = new LearnedRanker(new RankerOptions { ExamplesPerMinute = 2 });
        Assert.True(ranker.TryReserve(Y1995));
        Assert.True(ranker.TryReserve(Y1995));
        Assert.False(ranker.TryReserve(Y1995)); // spent for this minute of 1995

        Assert.True(ranker.TryReserve(NowMs)); // 31 years of event time later: full again, no overflow
        Assert.True(ranker.TryReserve(NowMs));
        Assert.False(ranker.TryReserve(NowMs));
    }

    [Fact]
    public void The_listening_pace_judges_1970s_plays_like_todays()
    {
        var options = new EngineOptions();
        var early = new ListeningPace(options.MinListenInterval, options.ListenBurst);
        var today = new ListeningPace(options.MinListenInterval, options.ListenBurst);
        var start1970 = TimeSpan.FromDays(1).Ticks / TimeSpan.TicksPerMillisecond; // 1970-01-02

        var acceptedEarly = Enumerable.Range(0, 100).Count(i => early.TryTake(start1970 + i * 1_000L));
        var acceptedToday = Enumerable.Range(0, 100).Count(i => today.TryTake(NowMs + i * 1_000L));

        Assert.Equal(acceptedToday, acceptedEarly);
        Assert.InRange(acceptedEarly, options.ListenBurst, 99); // a burst, then one per interval: faster-than-real-time plays are held back
    }
}
