namespace Personalization.Bench.Scale;

/// <summary>
/// One `Bench -- scale` run: its sizes, the silos' <c>Personalization:Model:HeadTracks</c> (null: the silo's default),
/// the concurrent callers of the timed phase, and configuration overrides passed to every silo (<c>Section:Key</c>).
/// </summary>
public sealed record ScaleRun(ScaleSizes Sizes, int? HeadTracks, int Callers, IReadOnlyDictionary<string, string?> Settings, bool Quick)
{
    /// <summary>The cluster whose per-silo memory is measured.</summary>
    public const int Silos = 3;

    /// <summary>HeadTracks of the comparison silo that holds one full replica (every list local).</summary>
    public const int FullReplicaHeadTracks = 100_000_000;

    /// <summary>
    /// The Zipf rank below which the bench counts a track as head when <see cref="HeadTracks"/> is not given (the silo's
    /// default is not known to the bench): 1% of the catalogue.
    /// </summary>
    public int HeadRanks => HeadTracks ?? Math.Max(1, Sizes.Tracks / 100);

    /// <summary>Head-anchored listeners play tracks of Zipf rank [0, this): well inside the head.</summary>
    public int HeadAnchorRanks => Math.Max(1, Math.Min(HeadRanks, Sizes.Tracks) / 2);

    /// <summary>Tail-anchored listeners play tracks of Zipf rank [this, Tracks): far beyond the head.</summary>
    public int TailAnchorFrom => (int)Math.Min(Sizes.Tracks, Math.Max(2L * HeadRanks, Sizes.Tracks / 2));

    /// <summary>Model shards the silos run (<c>Personalization:Model:Shards</c>, default 8): the seed routes to them.</summary>
    public int Shards => ShardsOf(Settings);

    /// <summary>The model shards silos run with these overrides (<c>Personalization:Model:Shards</c>, default 8).</summary>
    public static int ShardsOf(IReadOnlyDictionary<string, string?> settings) =>
        settings is not null && settings.TryGetValue("Personalization:Model:Shards", out var s) && int.TryParse(s, out var n) ? n : 8;
}
