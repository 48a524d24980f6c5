namespace Personalization.Grains.Model.Placement;

/// <summary>
/// The cluster as one silo sees it when deciding where shards belong: the silos shards may live on (active members
/// that host model shards, keys from <see cref="ShardSiloKey"/>, in ordinal order) and whether a member is still on
/// its way in or out (Created, Joining, ShuttingDown, Stopping).
/// </summary>
public sealed class ShardClusterView
{
    public ShardClusterView(IEnumerable<string> silos, bool changing)
    {
        ArgumentNullException.ThrowIfNull(silos);
        Silos = [.. silos.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        Changing = changing;
    }

    public IReadOnlyList<string> Silos { get; }

    public bool Changing { get; }

    /// <summary>Same silos and the same <see cref="Changing"/>: nothing happened that could change a shard's home.</summary>
    public bool SameAs(ShardClusterView other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Changing == other.Changing && Silos.SequenceEqual(other.Silos, StringComparer.Ordinal);
    }

    public override string ToString() => $"[{string.Join(", ", Silos)}]{(Changing ? " changing" : "")}";
}
