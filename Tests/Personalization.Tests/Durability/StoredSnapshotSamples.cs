using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Personalization.Grains.State;

namespace Personalization.Tests.Durability;

/// <summary>A fixed snapshot and the serializer the Azure snapshot store uses (Orleans binary, aliases + field ids).</summary>
public static class StoredSnapshotSamples
{
    public static Serializer Serializer { get; } = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(UserSnapshot).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    public static string GoldenV1Path => Path.Combine(AppContext.BaseDirectory, "Durability", "Data", "user-snapshot-v1.b64");

    public static UserSnapshot Sample() => new()
    {
        Sequence = 42,
        LastEventMs = 1_700_000_000_000,
        Artists = [new AffinityRecord("artist-1", 3.5f, 1_700_000_000_000), new AffinityRecord("artist-2", -5f, 1_699_999_000_000)],
        Tracks = [new AffinityRecord("track-1", 1f, 1_700_000_000_000)],
        History = [new HistoryRecord("track-1", "artist-1", 1_699_999_990_000, 1, 16), new HistoryRecord("track-2", "artist-2", 1_700_000_000_000, 4, 8)],
        SeenEventHashes = [1UL, ulong.MaxValue],
        BlockedTracks = ["track-2"],
        Counters = new CountersRecord(42, 20, 15, 3, 2, 2, 1, 1, 4, 3),
    };
}
