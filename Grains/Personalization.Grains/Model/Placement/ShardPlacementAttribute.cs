using Orleans.Placement;

namespace Personalization.Grains.Model.Placement;

/// <summary>Marks a grain class keyed by shard number as placed by <see cref="ShardPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ShardPlacementAttribute : PlacementAttribute
{
    public ShardPlacementAttribute()
        : base(ShardPlacement.Singleton)
    {
    }
}
