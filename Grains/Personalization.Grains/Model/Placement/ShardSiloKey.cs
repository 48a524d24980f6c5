namespace Personalization.Grains.Model.Placement;

/// <summary>
/// The name a silo goes by in <see cref="ShardHome"/> and <see cref="ShardLayout"/>: its address and generation
/// ("10.0.0.5:11111@123456789"), the same string on every silo, unique among the members of a cluster.
/// </summary>
public static class ShardSiloKey
{
    public static string Of(SiloAddress silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return silo.ToParsableString();
    }
}
