using StableHash = Personalization.Engine.StableHash;

namespace Personalization.Grains.Model.Placement;

/// <summary>
/// Rendezvous (highest-random-weight) hashing of a shard number onto a set of silos: every silo gets a weight for the
/// shard, the heaviest wins. Pure and stable across processes (<see cref="StableHash"/>, never string.GetHashCode), so
/// every silo computes the same home from the same silo set; when a silo joins only the shards it now wins move (to
/// it), when one leaves only its shards move. <see cref="ShardLayout"/> bounds the load per silo with the same weights.
/// </summary>
public static class ShardHome
{
    /// <summary>The home of <paramref name="shard"/> among <paramref name="silos"/> (keys from <see cref="ShardSiloKey"/>; any order).</summary>
    public static string Of(long shard, IReadOnlyList<string> silos)
    {
        ArgumentNullException.ThrowIfNull(silos);
        if (silos.Count == 0) throw new ArgumentException("A shard needs at least one silo.", nameof(silos));
        var best = silos[0];
        var bestWeight = Weight(shard, best);
        for (var i = 1; i < silos.Count; i++)
        {
            var weight = Weight(shard, silos[i]);
            if (Outranks(weight, silos[i], bestWeight, best))
            {
                best = silos[i];
                bestWeight = weight;
            }
        }

        return best;
    }

    /// <summary>How much <paramref name="silo"/> wants <paramref name="shard"/>: a well-mixed 64-bit hash of both.</summary>
    public static ulong Weight(long shard, string silo) =>
        Mix(StableHash.Of(silo) ^ Mix(unchecked((ulong)shard + 0x9E3779B97F4A7C15UL)));

    /// <summary>The heavier wins; equal weights (astronomically rare) go to the ordinally smaller key, so input order never matters.</summary>
    public static bool Outranks(ulong weight, string silo, ulong otherWeight, string otherSilo) =>
        weight > otherWeight || (weight == otherWeight && string.CompareOrdinal(silo, otherSilo) < 0);

    /// <summary>
    /// SplitMix64's finalizer: FNV-1a alone barely changes its high bits between keys that differ in their last
    /// characters (silo addresses do), and rendezvous hashing compares whole weights.
    /// </summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
