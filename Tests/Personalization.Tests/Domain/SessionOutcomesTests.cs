using Personalization.Engine;

namespace Personalization.Tests.Domain;

/// <summary>The listener contract's session rules (docs/listener-contract.md) on plain engine state, without a cluster.</summary>
[Trait("Category", "Domain")]
[Trait("Requires", "None")]
public sealed class SessionOutcomesTests
{
    private const long T0 = 1_767_571_200_000;
    private const long Minute = 60_000;
    private const int Duration = 200_000;

    [Fact]
    public void Early_skipped_tracks_are_held_and_an_artist_skipped_twice_keeps_only_its_allowance_in_order()
    {
        var state = Listening(new EngineOptions(), Complete(1, 10), Complete(2, 20), EarlySkip(3, 20), EarlySkip(4, 20));

        var served = SessionOutcomes.Of(state, Now(state)).Apply(Ranked((3, 20), (5, 20), (6, 30), (4, 20), (2, 20), (7, 20), (8, 10)));

        Assert.Equal([5, 6, 2, 8], served.Select(r => r.Track));
    }

    [Fact]
    public void One_early_skip_of_an_artist_limits_nothing_but_that_track()
    {
        var state = Listening(new EngineOptions(), Complete(1, 10), EarlySkip(3, 20));

        var served = SessionOutcomes.Of(state, Now(state)).Apply(Ranked((3, 20), (4, 20), (5, 20), (6, 20)));

        Assert.Equal([4, 5, 6], served.Select(r => r.Track));
    }

    [Fact]
    public void A_track_played_again_after_its_early_skip_is_no_longer_held_and_is_a_repeat_once_completed()
    {
        var state = Listening(new EngineOptions(), EarlySkip(3, 20), Complete(1, 10), Complete(3, 20));
        var session = SessionOutcomes.Of(state, Now(state));

        Assert.Equal([3, 1], session.Apply(Ranked((3, 20), (1, 10))).Select(r => r.Track));
        Assert.True(session.IsRepeat(3));
        Assert.True(session.IsRepeat(1));
        Assert.False(session.IsRepeat(2));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    public void A_liked_track_waits_for_the_spacing_in_listens(int listensAfter, bool servedAgain)
    {
        var steps = new List<Listen> { Complete(1, 10), Like(1, 10) };
        for (var i = 0; i < listensAfter; i++) steps.Add(Complete(50 + i, 30));
        var state = Listening(new EngineOptions { LikedRepeatSpacing = 3 }, [.. steps]);

        var served = SessionOutcomes.Of(state, Now(state)).Apply(Ranked((1, 10), (9, 10)));

        Assert.Equal(servedAgain, served.Any(r => r.Track == 1));
    }

    [Fact]
    public void A_new_session_starts_with_a_clean_slate()
    {
        var options = new EngineOptions();
        var state = Listening(options, Complete(1, 10), EarlySkip(3, 20), EarlySkip(4, 20));
        var later = Now(state) + (long)options.SessionGap.TotalMilliseconds;
        var session = SessionOutcomes.Of(state, later);

        Assert.Equal([3, 4, 5], session.Apply(Ranked((3, 20), (4, 20), (5, 20))).Select(r => r.Track));
        Assert.False(session.IsRepeat(1));
    }

    [Fact]
    public void An_artist_limit_of_zero_skips_is_off()
    {
        var state = Listening(new EngineOptions { ArtistSkipsToLimit = 0 }, EarlySkip(3, 20), EarlySkip(4, 20));

        var served = SessionOutcomes.Of(state, Now(state)).Apply(Ranked((5, 20), (6, 20), (7, 20)));

        Assert.Equal([5, 6, 7], served.Select(r => r.Track));
    }

    [Theory]
    [InlineData(-1, 2, 3, "ArtistSkipsToLimit")]
    [InlineData(2, -1, 3, "SkippedArtistAllowance")]
    [InlineData(2, 2, -1, "LikedRepeatSpacing")]
    public void Negative_contract_options_are_refused(int skipsToLimit, int allowance, int spacing, string named)
    {
        var options = new EngineOptions { ArtistSkipsToLimit = skipsToLimit, SkippedArtistAllowance = allowance, LikedRepeatSpacing = spacing };

        Assert.Contains(options.Validate(), e => e.StartsWith(named, StringComparison.Ordinal));
    }

    private static ListenerState Listening(EngineOptions options, params Listen[] steps)
    {
        var state = new ListenerState(options);
        var time = T0;
        for (var i = 0; i < steps.Length; i++)
        {
            time += Minute;
            state.Apply($"e{i}", steps[i] with { TimeMs = time });
        }

        return state;
    }

    private static long Now(ListenerState state) => state.LastEventMs + Minute;

    private static Listen Complete(int track, int artist) => new(track, artist, SignalKind.Complete, 0, Duration, Duration);

    private static Listen EarlySkip(int track, int artist) => new(track, artist, SignalKind.Skip, 0, 5_000, Duration);

    private static Listen Like(int track, int artist) => new(track, artist, SignalKind.Like, 0);

    private static RecommendedTrack[] Ranked(params (int Track, int Artist)[] items) =>
        [.. items.Select((x, i) => new RecommendedTrack(x.Track, x.Artist, 1.0 / (i + 1), ReasonKind.SessionArtist, x.Artist))];
}
