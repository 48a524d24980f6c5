namespace Personalization.Grains.Model.Placement;

/// <summary>
/// The home of every shard when there are few shards: rendezvous hashing with bounded loads. Plain
/// <see cref="ShardHome"/> spreads 8 shards over 3 silos as unevenly as random placement does (3/3/2 in about a quarter
/// of silo sets, one silo with 4 or more otherwise); here every silo holds ⌊shards/silos⌋ or ⌈shards/silos⌉. The
/// (shard, silo) pairs are taken heaviest weight first and a shard goes to the first silo that still has room, so a
/// silo that joins takes the shards that weigh most for it, and most other shards stay where they are: a join or a
/// leave moves the shards it must, plus on average under one more (the tests measure it).
/// </summary>
public static class ShardLayout
{
    /// <summary>Home of each shard 0..<paramref name="shards"/>-1 among <paramref name="silos"/> (distinct keys, any order).</summary>
    public static string[] Of(int shards, IReadOnlyList<string> silos)
    {
        ArgumentNullException.ThrowIfNull(silos);
        ArgumentOutOfRangeException.ThrowIfNegative(shards);
        if (silos.Count == 0) throw new ArgumentException("Shards need at least one silo.", nameof(silos));

        var pairs = new List<(ulong Weight, int Silo, int Shard)>(shards * silos.Count);
        for (var shard = 0; shard < shards; shard++)
        {
            for (var silo = 0; silo < silos.Count; silo++) pairs.Add((ShardHome.Weight(shard, silos[silo]), silo, shard));
        }

        pairs.Sort((a, b) => ShardHome.Outranks(a.Weight, silos[a.Silo], b.Weight, silos[b.Silo]) ? -1
            : ShardHome.Outranks(b.Weight, silos[b.Silo], a.Weight, silos[a.Silo]) ? 1
            : a.Shard.CompareTo(b.Shard));

        var floor = shards / silos.Count;
        var fullerSilosLeft = shards % silos.Count; // how many silos may still take one shard more than the floor
        var load = new int[silos.Count];
        var homes = new string[shards];
        foreach (var (_, silo, shard) in pairs)
        {
            if (homes[shard] is not null || load[silo] > floor || (load[silo] == floor && fullerSilosLeft == 0)) continue;
            homes[shard] = silos[silo];
            if (++load[silo] > floor) fullerSilosLeft--;
        }

        return homes;
    }

    /// <summary>
    /// Home of one shard of <paramref name="shards"/>; a number outside 0..shards-1 (the configured count changed under
    /// a running caller) gets its plain <see cref="ShardHome"/>.
    /// </summary>
    public static string HomeOf(long shard, int shards, IReadOnlyList<string> silos) =>
        shard >= 0 && shard < shards ? Of(shards, silos)[shard] : ShardHome.Of(shard, silos);
}
