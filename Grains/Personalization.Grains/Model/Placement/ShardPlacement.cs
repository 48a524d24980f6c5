namespace Personalization.Grains.Model.Placement;

/// <summary>
/// Places the activation of a model shard (integer key = shard number) on the silo <see cref="ShardLayout"/> names
/// among the compatible silos: an even spread that every silo computes alike. Directed by <see cref="ShardPlacementDirector"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("pzn.ShardPlacement")]
public sealed class ShardPlacement : PlacementStrategy
{
    internal static ShardPlacement Singleton { get; } = new();
}
