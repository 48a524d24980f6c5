using Personalization.Engine;
using Personalization.Grains.State;
using Personalization.Grains.Users;

namespace Personalization.Tests.Durability;

[Trait("Category", "Durability")]
[Trait("Requires", "None")]
public sealed class StoredFormatTests
{
    [Fact]
    public void A_snapshot_written_by_the_first_stored_format_still_loads()
    {
        // Bytes written by format v1 (Orleans binary: field ids, no CLR type names). Never regenerate this file:
        // if this test fails, a stored field changed meaning or id — add new fields with new ids instead.
        var bytes = Convert.FromBase64String(File.ReadAllText(StoredSnapshotSamples.GoldenV1Path));

        var loaded = StoredSnapshotSamples.Serializer.Deserialize<UserSnapshot>(bytes)!;
        var expected = StoredSnapshotSamples.Sample();

        Assert.Equal(1, loaded.FormatVersion);
        Assert.Equal(expected.Sequence, loaded.Sequence);
        Assert.Equal(expected.LastEventMs, loaded.LastEventMs);
        Assert.Equal(expected.Artists, loaded.Artists);
        Assert.Equal(expected.Tracks, loaded.Tracks);
        Assert.Equal(expected.History, loaded.History);
        Assert.Equal(expected.SeenEventHashes, loaded.SeenEventHashes);
        Assert.Equal(expected.BlockedTracks, loaded.BlockedTracks);
        Assert.Equal(expected.Counters, loaded.Counters);
    }

    [Fact]
    public void A_loaded_v1_snapshot_restores_a_working_listener()
    {
        var bytes = Convert.FromBase64String(File.ReadAllText(StoredSnapshotSamples.GoldenV1Path));
        var vocabulary = new Vocabulary();
        var state = new SnapshotCodec(vocabulary).Restore(StoredSnapshotSamples.Serializer.Deserialize<UserSnapshot>(bytes)!, new EngineOptions());

        Assert.Equal(42, state.Sequence);
        Assert.Equal(2, state.History.Count);
        Assert.True(state.BlockedTracks.Contains(vocabulary.Intern("track-2")));
        Assert.True(state.IsArtistDisliked(vocabulary.Intern("artist-2"), 1_700_000_000_000));
    }

    [Fact]
    public void A_listener_driven_with_100k_events_stays_under_the_documented_snapshot_cap()
    {
        var options = new EngineOptions();
        var vocabulary = new Vocabulary();
        var state = new ListenerState(options);
        var random = new Random(5);
        var t = 1_700_000_000_000L;
        for (var i = 0; i < 100_000; i++)
        {
            // Long, mostly distinct ids (worst case for size): 40-character track and artist ids.
            var track = vocabulary.Intern($"track-{random.Next(50_000):D8}-{new string('x', 25)}");
            var artist = vocabulary.Intern($"artist-{random.Next(5_000):D7}-{new string('y', 25)}");
            var kind = (SignalKind)random.Next(6);
            t += random.Next(1_000, 400_000);
            state.Apply($"event-{i:D10}-{Guid.NewGuid():N}", new Listen(track, artist, kind, t, random.Next(0, 200_000), 200_000));
        }

        var bytes = StoredSnapshotSamples.Serializer.SerializeToArray(new SnapshotCodec(vocabulary).Capture(state));

        Assert.Equal(100_000, state.Sequence);
        Assert.InRange(bytes.Length, 1, SnapshotOptions.MaxSnapshotBytes);
    }
}
