using Personalization.Engine.Model;

namespace Personalization.Tests.Domain;

[Trait("Category", "Domain")]
[Trait("Requires", "None")]
public sealed class TrackArtistTableTests
{
    [Fact]
    public void Artists_set_replaced_and_removed_are_read_back_and_counted_once_per_track()
    {
        var table = new TrackArtistTable();
        Assert.Equal(-1, table.ArtistOf(5));
        Assert.Equal(-1, table.ArtistOf(-1));

        table.Set(5, 0);
        table.Set(5, 7);
        table.Set(100_000, 3); // grows past the first arrays
        Assert.Equal(7, table.ArtistOf(5));
        Assert.Equal(3, table.ArtistOf(100_000));
        Assert.Equal(-1, table.ArtistOf(6));
        Assert.Equal(2, table.Count);

        table.Remove(5);
        table.Remove(5);
        table.Remove(1_000_000);
        Assert.Equal(-1, table.ArtistOf(5));
        Assert.Equal(1, table.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => table.Set(1, -1));
    }

    [Fact]
    public void A_top_weight_is_kept_until_the_artist_changes_and_is_never_read_for_a_track_without_an_artist()
    {
        var table = new TrackArtistTable();
        table.SetTopWeight(4, 9f); // no artist: ignored
        Assert.False(table.TryGetTopWeight(4, out _));

        table.Set(4, 2);
        Assert.False(table.TryGetTopWeight(4, out _)); // a new track is on no list yet
        table.SetTopWeight(4, 9f);
        table.Set(4, 2); // the same artist: the weight stays
        Assert.True(table.TryGetTopWeight(4, out var weight));
        Assert.Equal(9f, weight);

        table.Set(4, 3); // another artist: off every list until weighed again
        Assert.False(table.TryGetTopWeight(4, out _));
        table.SetTopWeight(4, 0f);
        Assert.True(table.TryGetTopWeight(4, out weight));
        Assert.Equal(0f, weight);
        table.SetTopWeight(4, null);
        Assert.False(table.TryGetTopWeight(4, out _));

        table.SetTopWeight(4, 1f);
        table.Remove(4);
        Assert.False(table.TryGetTopWeight(4, out _));
        table.Set(4, 3);
        Assert.False(table.TryGetTopWeight(4, out _)); // re-added: nothing left over from before the removal
    }

    [Fact]
    public async Task A_reader_racing_the_writer_sees_each_track_without_an_artist_or_with_its_own()
    {
        var table = new TrackArtistTable();
        const int Tracks = 500_000;
        var writer = Task.Run(() =>
        {
            for (var t = 0; t < Tracks; t++) table.Set(t, t % 1000);
        });

        var wrong = 0;
        var random = new Random(3);
        while (!writer.IsCompleted)
        {
            var t = random.Next(Tracks);
            var artist = table.ArtistOf(t);
            if (artist != -1 && artist != t % 1000) wrong++;
        }

        await writer;
        Assert.Equal(0, wrong);
        Assert.Equal(Tracks, table.Count);
        Assert.Equal(499, table.ArtistOf(Tracks - 1 - 500));
    }
}
