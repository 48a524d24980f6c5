using Personalization.Engine;
using Personalization.Engine.Synthetic;

namespace Personalization.Tests.Domain;

[Trait("Category", "Domain")]
[Trait("Requires", "None")]
public sealed class SyntheticWorldTests
{
    private static readonly SyntheticWorld Default = SyntheticWorld.Create(new SyntheticWorldOptions());

    [Fact]
    public void The_same_seed_writes_a_byte_identical_tsv_and_another_seed_a_different_one()
    {
        var first = Tsv(SyntheticWorld.Create(new SyntheticWorldOptions { Listeners = 30 }));
        var second = Tsv(SyntheticWorld.Create(new SyntheticWorldOptions { Listeners = 30 }));
        var other = Tsv(SyntheticWorld.Create(new SyntheticWorldOptions { Listeners = 30, Seed = 7 }));

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void The_same_seed_yields_identical_events_catalog_and_tastes()
    {
        var a = SyntheticWorld.Create(new SyntheticWorldOptions { Listeners = 20 });
        var b = SyntheticWorld.Create(new SyntheticWorldOptions { Listeners = 20 });

        Assert.Equal(a.Events(), b.Events());
        Assert.Equal(a.Catalog.Tracks.Select(t => (t.Id, t.DurationMs)), b.Catalog.Tracks.Select(t => (t.Id, t.DurationMs)));
        Assert.Equal(a.Catalog.Artists.SelectMany(x => x.Similar), b.Catalog.Artists.SelectMany(x => x.Similar));
        Assert.Equal(a.Listeners.SelectMany(l => l.FavoriteArtists), b.Listeners.SelectMany(l => l.FavoriteArtists));
    }

    [Fact]
    public void The_catalog_has_the_configured_sizes_and_well_formed_ids()
    {
        var options = new SyntheticWorldOptions();
        var catalog = Default.Catalog;

        Assert.Equal(options.Genres * options.ArtistsPerGenre, catalog.Artists.Count);
        Assert.Equal(options.Genres * options.ArtistsPerGenre * options.TracksPerArtist, catalog.Tracks.Count);
        Assert.Equal(options.Listeners, Default.Listeners.Count);
        Assert.All(catalog.ArtistsByGenre, g => Assert.Equal(options.ArtistsPerGenre, g.Count));
        Assert.All(catalog.Artists, a => Assert.Equal(options.TracksPerArtist, a.Tracks.Count));
        Assert.Equal("a000", catalog.Artists[0].Id);
        Assert.Equal("a017", catalog.Artists[17].Id);
        Assert.Equal("t0123", catalog.Tracks[123].Id);
        Assert.Equal("u0001", Default.Listeners[0].UserId);
        Assert.Equal("u0200", Default.Listeners[^1].UserId);
        Assert.Equal(catalog.Tracks.Count, catalog.Tracks.Select(t => t.Id).Distinct().Count());
        Assert.True(catalog.TryGetTrack("t0123", out var track));
        Assert.Equal(123, track.Index);
        Assert.False(catalog.TryGetTrack("t9999", out _));
    }

    [Fact]
    public void Similar_artists_are_fixed_distinct_other_artists_of_the_same_genre_and_symmetric()
    {
        var catalog = Default.Catalog;
        foreach (var artist in catalog.Artists)
        {
            Assert.Equal(Default.Options.SimilarArtists, artist.Similar.Count);
            Assert.Equal(artist.Similar.Count, artist.Similar.Distinct().Count());
            Assert.DoesNotContain(artist.Index, artist.Similar);
            Assert.All(artist.Similar, s => Assert.Equal(artist.Genre, catalog.Artists[s].Genre));
            Assert.All(artist.Similar, s => Assert.Contains(artist.Index, catalog.Artists[s].Similar));
        }
    }

    [Fact]
    public void Listeners_have_the_configured_number_of_distinct_favourites()
    {
        var options = Default.Options;
        Assert.All(Default.Listeners, l =>
        {
            Assert.Equal(options.FavoriteGenresPerListener, l.FavoriteGenres.Distinct().Count());
            Assert.Equal(options.FavoriteArtistsPerListener, l.FavoriteArtists.Distinct().Count());
        });
        var favouritesInTheirGenres = Default.Listeners.SelectMany(l =>
            l.FavoriteArtists.Select(a => l.LikesGenre(Default.Catalog.Artists[a].Genre))).Count(x => x);
        Assert.True(favouritesInTheirGenres > 0.7 * Default.Listeners.Count * options.FavoriteArtistsPerListener);
    }

    [Fact]
    public void Events_are_in_time_order_with_unique_ids_and_each_listener_strictly_increasing()
    {
        var events = Default.Events().ToList();

        Assert.True(events.Count > 10_000);
        Assert.Equal(events.Count, events.Select(e => e.EventId).Distinct(StringComparer.Ordinal).Count());
        for (var i = 1; i < events.Count; i++) Assert.True(events[i - 1].Timestamp <= events[i].Timestamp);
        foreach (var user in events.GroupBy(e => e.UserId))
        {
            var times = user.Select(e => e.Timestamp).ToList();
            for (var i = 1; i < times.Count; i++) Assert.True(times[i - 1] < times[i], user.Key);
        }

        Assert.All(events, e => Assert.True(e.Timestamp >= Default.Options.Start));
    }

    [Fact]
    public void Events_reference_the_catalog_and_carry_positions_within_the_duration()
    {
        var catalog = Default.Catalog;
        string[] sources = ["radio", "album", "playlist", "search"];
        foreach (var e in Default.Events())
        {
            Assert.True(catalog.TryGetTrack(e.TrackId, out var track));
            Assert.Equal(catalog.ArtistOf(track).Id, e.ArtistId);
            Assert.Equal(track.DurationMs, e.DurationMs);
            Assert.Contains(e.Source, sources);
            Assert.InRange(e.PositionMs, 0, e.DurationMs);
            if (e.Kind == SignalKind.Skip) Assert.True(e.PositionMs < e.DurationMs);
            if (e.Kind == SignalKind.Play) Assert.Equal(0, e.PositionMs);
            if (e.Kind == SignalKind.Complete) Assert.Equal(e.DurationMs, e.PositionMs);
        }
    }

    [Fact]
    public void Listeners_complete_their_taste_and_skip_early_outside_it()
    {
        var catalog = Default.Catalog;
        var listeners = Default.Listeners.ToDictionary(l => l.UserId);
        int inTaste = 0, inTasteCompleted = 0, offTaste = 0, offTasteEarlySkipped = 0;
        foreach (var e in Default.Events())
        {
            if (e.Kind is not (SignalKind.Complete or SignalKind.Skip)) continue;
            catalog.TryGetArtist(e.ArtistId, out var artist);
            if (listeners[e.UserId].LikesGenre(artist.Genre) || listeners[e.UserId].LovesArtist(artist.Index))
            {
                inTaste++;
                if (e.Kind == SignalKind.Complete) inTasteCompleted++;
            }
            else
            {
                offTaste++;
                if (e.Kind == SignalKind.Skip && e.PositionMs < 0.3 * e.DurationMs) offTasteEarlySkipped++;
            }
        }

        Assert.True(offTaste > 0);
        Assert.True(inTasteCompleted > 0.7 * inTaste, $"{inTasteCompleted}/{inTaste}");
        Assert.True(offTasteEarlySkipped > 0.6 * offTaste, $"{offTasteEarlySkipped}/{offTaste}");
        Assert.True(inTaste > 4 * offTaste);
    }

    [Fact]
    public void Sessions_play_artist_runs_in_album_order_and_feedback_kinds_all_occur()
    {
        var plays = Default.Events().Where(e => e.Kind == SignalKind.Play).GroupBy(e => e.SessionId).ToList();
        int transitions = 0, sameArtist = 0, albumNext = 0;
        foreach (var session in plays)
        {
            var steps = session.ToList();
            for (var i = 1; i < steps.Count; i++)
            {
                transitions++;
                if (steps[i].ArtistId == steps[i - 1].ArtistId) sameArtist++;
                Default.Catalog.TryGetTrack(steps[i - 1].TrackId, out var before);
                Default.Catalog.TryGetTrack(steps[i].TrackId, out var after);
                if (after.Artist == before.Artist && after.AlbumPosition == before.AlbumPosition + 1) albumNext++;
            }
        }

        Assert.InRange(sameArtist, transitions / 4, transitions * 3 / 4);
        Assert.True(albumNext > transitions / 6, $"{albumNext}/{transitions}");
        var kinds = Default.Events().Select(e => e.Kind).Distinct().ToHashSet();
        Assert.Equal(Enum.GetValues<SignalKind>().ToHashSet(), kinds);
    }

    [Fact]
    public void Plays_are_minutes_apart_within_a_session_and_hours_apart_between_sessions()
    {
        var plays = Default.Events().Where(e => e.Kind == SignalKind.Play).ToList();
        var within = new List<double>();
        var between = new List<double>();
        foreach (var user in plays.GroupBy(e => e.UserId))
        {
            var steps = user.ToList();
            for (var i = 1; i < steps.Count; i++)
            {
                var gap = (steps[i].Timestamp - steps[i - 1].Timestamp).TotalMinutes;
                (steps[i].SessionId == steps[i - 1].SessionId ? within : between).Add(gap);
            }
        }

        Assert.InRange(within.Average(), 2.5, 4.5);
        Assert.All(within, g => Assert.True(g < 30));
        Assert.All(between, g => Assert.True(g >= 3 * 60));
        Assert.Equal(Default.Listeners.Count * (Default.Options.SessionsPerListener - 1), between.Count);
    }

    [Fact]
    public void The_tsv_has_the_session_rec_header_and_one_row_per_listening_step()
    {
        var lines = Tsv(Default).Split('\n');
        var plays = Default.Events().Where(e => e.Kind == SignalKind.Play).ToList();

        Assert.Equal("UserId\tSessionId\tItemId\tTime\tArtistId", lines[0]);
        Assert.Equal(string.Empty, lines[^1]);
        Assert.Equal(plays.Count, lines.Length - 2);
        var first = lines[1].Split('\t');
        Assert.Equal(5, first.Length);
        Assert.Equal(plays[0].UserId, first[0]);
        Assert.Equal(plays[0].SessionId, first[1]);
        Assert.Equal(plays[0].TrackId, first[2]);
        Assert.Equal(plays[0].Timestamp.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), first[3]);
        Assert.Equal(plays[0].ArtistId, first[4]);
    }

    [Fact]
    public void Invalid_options_are_rejected_with_every_error()
    {
        var options = new SyntheticWorldOptions { Genres = 0, ArtistsPerGenre = 1, Listeners = 0, StayOnArtistProbability = 1.5 };
        var errors = options.Validate();

        Assert.Contains(errors, e => e.StartsWith("Genres", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("ArtistsPerGenre", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Listeners", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("StayOnArtistProbability", StringComparison.Ordinal));
        Assert.Empty(new SyntheticWorldOptions().Validate());
        Assert.Throws<ArgumentException>(() => SyntheticWorld.Create(options));
    }

    private static string Tsv(SyntheticWorld world)
    {
        using var writer = new StringWriter();
        world.WriteSessionRecTsv(writer);
        return writer.ToString();
    }
}
