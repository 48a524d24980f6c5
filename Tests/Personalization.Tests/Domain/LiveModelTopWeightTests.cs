using Personalization.Engine.Model;

namespace Personalization.Tests.Domain;

/// <summary>The read model's indexed lookup of a track's weight in its artist's top list agrees with scanning the list.</summary>
[Trait("Category", "Domain")]
[Trait("Requires", "None")]
public sealed class LiveModelTopWeightTests
{
    [Fact]
    public void The_indexed_lookup_finds_what_a_scan_of_the_artists_list_finds()
    {
        var random = new Random(5);
        var model = new LiveModel();
        var delta = new ModelDelta();
        for (var artist = 0; artist < 50; artist++)
        {
            // Lists are published by weight; ids are in no order.
            var tops = Enumerable.Range(0, 64).Select(_ => random.Next(artist * 1_000, artist * 1_000 + 300)).Distinct()
                .Select((id, rank) => new ScoredId(id, 100f - rank)).ToArray();
            delta.ArtistTops.Add((artist, tops));
            for (var track = artist * 1_000; track < artist * 1_000 + 300; track++) delta.TrackArtists.Add((track, artist));
        }

        model.Apply(delta);
        IModelView scanning = new ScanOnly(model);

        for (var track = -5; track < 50_500; track += 3)
        {
            var indexed = model.TryGetTopWeight(track, out var weight);
            var scanned = scanning.TryGetTopWeight(track, out var expected);
            Assert.Equal(scanned, indexed);
            Assert.Equal(expected, weight);
        }
    }

    [Fact]
    public void A_republished_list_replaces_the_index_with_it()
    {
        var model = new LiveModel();
        var delta = new ModelDelta();
        delta.TrackArtists.Add((10, 1));
        delta.TrackArtists.Add((11, 1));
        delta.ArtistTops.Add((1, [new ScoredId(11, 5), new ScoredId(10, 2)]));
        model.Apply(delta);
        var update = new ModelDelta();
        update.ArtistTops.Add((1, [new ScoredId(10, 7)]));

        model.Apply(update);

        Assert.True(model.TryGetTopWeight(10, out var weight));
        Assert.Equal(7f, weight);
        Assert.False(model.TryGetTopWeight(11, out _));
        Assert.False(model.TryGetTopWeight(12, out _)); // no artist known
    }

    [Fact]
    public void Through_many_deltas_that_move_tracks_between_artists_remove_them_and_empty_lists_the_stored_weight_stays_the_scanned_one()
    {
        var random = new Random(11);
        var model = new LiveModel();
        IModelView scanning = new ScanOnly(model);
        const int Tracks = 2_000, Artists = 40;
        for (var round = 0; round < 200; round++)
        {
            var delta = new ModelDelta();
            for (var i = 0; i < 30; i++) delta.TrackArtists.Add((random.Next(Tracks), random.Next(Artists)));
            for (var i = 0; i < 5; i++) delta.RemovedTracks.Add(random.Next(Tracks));
            for (var i = 0; i < 4; i++)
            {
                // Tops may list tracks of other artists (a track that moved): the lookup goes through the track's artist.
                var tops = random.Next(6) == 0 ? [] : Enumerable.Range(0, random.Next(1, 40)).Select(_ => random.Next(Tracks)).Distinct()
                    .Select((id, rank) => new ScoredId(id, 50f - rank + (float)random.NextDouble())).ToArray();
                delta.ArtistTops.Add((random.Next(Artists), tops));
            }

            model.Apply(delta);
            for (var track = 0; track < Tracks; track++)
            {
                var indexed = model.TryGetTopWeight(track, out var weight);
                var scanned = scanning.TryGetTopWeight(track, out var expected);
                Assert.Equal(scanned, indexed);
                Assert.Equal(expected, weight);
            }
        }
    }

    /// <summary>The interface's default lookup (a scan of <see cref="IModelView.TopTracksOf"/>).</summary>
    private sealed class ScanOnly(LiveModel model) : IModelView
    {
        public ReadOnlySpan<ScoredId> SuccessorsOf(int track) => model.SuccessorsOf(track);

        public ReadOnlySpan<ScoredId> TopTracksOf(int artist) => model.TopTracksOf(artist);

        public ReadOnlySpan<ScoredId> Trending => model.Trending;

        public int ArtistOf(int track) => model.ArtistOf(track);

        public int TrackCount => model.TrackCount;
    }
}
