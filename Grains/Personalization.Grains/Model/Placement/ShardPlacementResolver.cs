using System.Diagnostics.CodeAnalysis;
using Orleans.Metadata;
using Orleans.Runtime.Placement;

namespace Personalization.Grains.Model.Placement;

/// <summary>
/// Gives one grain class <see cref="ShardPlacement"/> on this silo without writing it into the cluster manifest, as
/// <see cref="ShardPlacementAttribute"/> does. Safe in a rolling upgrade: a silo of a release that does not know the
/// strategy reads a grain's placement from any silo's manifest, and fails every placement and activation of a grain
/// marked with an unknown strategy ("Could not resolve placement strategy ShardPlacement"; measured, see
/// ShardPlacementClusterTests); with this resolver such a silo sees no strategy and places at random, and the new
/// silos' <see cref="ShardRebalancer"/> moves those shards home once the cluster has settled.
/// </summary>
public sealed class ShardPlacementResolver(Type grainClass) : IPlacementStrategyResolver
{
    private readonly string _fullName = (grainClass ?? throw new ArgumentNullException(nameof(grainClass))).FullName!;

    public bool TryResolvePlacementStrategy(GrainType grainType, GrainProperties? properties, [MaybeNullWhen(false)] out PlacementStrategy result)
    {
        if (properties is not null
            && properties.Properties.TryGetValue(WellKnownGrainTypeProperties.FullTypeName, out var name)
            && string.Equals(name, _fullName, StringComparison.Ordinal))
        {
            result = ShardPlacement.Singleton;
            return true;
        }

        result = null;
        return false;
    }
}
