using Personalization.Engine;
using Personalization.Engine.Discovery;
using Personalization.Engine.Model;

namespace Personalization.Tests.Beyond;

/// <summary>The discovery finder on its own (plain C#): never a played track, the three sources and their reasons.</summary>
[Trait("Category", "Beyond")]
[Trait("Requires", "None")]
public sealed class DiscoveryFinderTests
{
    private const long T0 = 1_767_571_200_000;
    private const long Minute = 60_000;
    private const int Loved = 100;   // tracks 1, 2, 3 (the listener plays 1 and 2)
    private const int Near = 200;    // tracks 20, 21, 22: others play them after Loved's tracks; 23: popular, after nothing
    private const int Far = 300;     // track 30: others play it after 20
    private const int Hated = 400;   // track 40: others play it after 1

    [Fact]
    public void No_discovered_track_was_played_and_every_source_gives_its_reason()
    {
        var engine = new EngineOptions();
        var state = new ListenerState(engine);
        Play(state, 1, Loved, 0);
        Play(state, 2, Loved, 4);
        state.Apply("dislike-40", new Listen(40, Hated, SignalKind.Dislike, T0 + 10 * Minute, 0, 0));

        var found = new DiscoveryFinder(new DiscoveryOptions { MaxPerArtist = 10 }).Find(state, Model(engine), T0 + 20 * Minute, 20);

        var played = PlayedTracks.Of(state);
        Assert.NotEmpty(found);
        Assert.DoesNotContain(found, d => played.Contains(d.Track));
        Assert.DoesNotContain(found, d => d.Artist == Hated);
        Assert.Contains(found, d => d.Track == 3 && d.Reason == DiscoveryReason.UnheardByFavorite && d.Anchor == Loved);
        Assert.Contains(found, d => d.Artist == Near && d.Reason is DiscoveryReason.ListenersWentOn or DiscoveryReason.NearArtist);
        Assert.Contains(found, d => d.Track == 23 && d.Reason == DiscoveryReason.NearArtist && d.Anchor == Loved);
        Assert.Equal(found.OrderByDescending(d => d.Score).Select(d => d.Track), found.Select(d => d.Track));
    }

    [Fact]
    public void A_track_that_left_the_history_but_keeps_an_affinity_still_counts_as_played()
    {
        var engine = new EngineOptions { HistoryCapacity = 2 };
        var state = new ListenerState(engine);
        Play(state, 20, Near, 0); // leaves the 2-step history below, stays in the track affinities
        Play(state, 1, Loved, 4);
        Play(state, 2, Loved, 8);

        var found = new DiscoveryFinder(new DiscoveryOptions()).Find(state, Model(engine), T0 + 20 * Minute, 20);

        Assert.DoesNotContain(20, Enumerable.Range(0, state.History.Count).Select(i => state.History[i].Track));
        Assert.Contains(20, PlayedTracks.Of(state));
        Assert.DoesNotContain(found, d => d.Track == 20);
        Assert.Contains(found, d => d.Track == 21);
    }

    [Fact]
    public void At_most_the_configured_number_of_tracks_per_artist()
    {
        var engine = new EngineOptions();
        var state = new ListenerState(engine);
        Play(state, 1, Loved, 0);

        var found = new DiscoveryFinder(new DiscoveryOptions { MaxPerArtist = 1 }).Find(state, Model(engine), T0 + 20 * Minute, 20);

        Assert.True(found.Count >= 2);
        Assert.Equal(found.Count, found.Select(d => d.Artist).Distinct().Count());
    }

    [Fact]
    public void A_listener_without_taste_gets_an_empty_list()
    {
        var engine = new EngineOptions();
        var found = new DiscoveryFinder(new DiscoveryOptions()).Find(new ListenerState(engine), Model(engine), T0, 10);

        Assert.Empty(found);
    }

    private static LiveModel Model(EngineOptions options)
    {
        var learner = new ModelLearner(options);
        var model = new LiveModel();
        model.Apply(learner.Apply(
        [
            Obs(1, Loved), Obs(1, Loved), Obs(2, Loved), Obs(2, Loved), Obs(3, Loved),
            Obs(20, Near, 1), Obs(20, Near, 2), Obs(21, Near, 1), Obs(22, Near, 2), Obs(20, Near), Obs(21, Near),
            Obs(23, Near), Obs(23, Near), Obs(23, Near), Obs(23, Near),
            Obs(30, Far, 20), Obs(40, Hated, 1), Obs(40, Hated, 1),
        ]));
        return model;
    }

    private static ModelObservation Obs(int track, int artist, params int[] predecessors) => new(track, artist, T0 - 86_400_000, 1f, predecessors);

    private static void Play(ListenerState state, int track, int artist, int minute)
    {
        var at = T0 + minute * Minute;
        state.Apply($"p{track}@{at}", new Listen(track, artist, SignalKind.Play, at, 0, 180_000));
        state.Apply($"c{track}@{at}", new Listen(track, artist, SignalKind.Complete, at + 180_000, 180_000, 180_000));
    }
}
