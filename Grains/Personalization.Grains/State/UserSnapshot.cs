namespace Personalization.Grains.State;

/// <summary>
/// The stored snapshot of one listener: explicit, versioned, with external (string) ids only, so that it can be read
/// by any silo and any later version. <see cref="FormatVersion"/> changes only when the meaning of a field changes.
/// Every list is bounded by the engine options, which bounds the snapshot's size.
/// </summary>
[GenerateSerializer, Alias("pzn.UserSnapshot.v1")]
public sealed class UserSnapshot
{
    public const int CurrentFormatVersion = 1;

    [Id(0)] public int FormatVersion { get; set; } = CurrentFormatVersion;
    [Id(1)] public long Sequence { get; set; }
    [Id(2)] public long LastEventMs { get; set; }
    [Id(3)] public AffinityRecord[] Artists { get; set; } = [];
    [Id(4)] public AffinityRecord[] Tracks { get; set; } = [];
    [Id(5)] public HistoryRecord[] History { get; set; } = [];
    [Id(6)] public ulong[] SeenEventHashes { get; set; } = [];
    [Id(7)] public string[] BlockedTracks { get; set; } = [];
    [Id(8)] public CountersRecord? Counters { get; set; }

    /// <summary>Reward statistics (absent in snapshots written before rewards existed). Served lists themselves are not stored.</summary>
    [Id(9)] public RewardsRecord? Rewards { get; set; }
}
