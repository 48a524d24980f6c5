using Orleans.Placement;

namespace Personalization.Grains.Model.Placement;

/// <summary>
/// Marks a grain class keyed by shard number as placed by <see cref="ShardPlacement"/>. The mark goes into the cluster
/// manifest, and a silo that does not know the strategy then fails to place or host the grain: use it only for a grain
/// class new to the cluster, or once every silo registers the strategy; otherwise <see cref="ShardPlacementResolver"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ShardPlacementAttribute : PlacementAttribute
{
    public ShardPlacementAttribute()
        : base(ShardPlacement.Singleton)
    {
    }
}
