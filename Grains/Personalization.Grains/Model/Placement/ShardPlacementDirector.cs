using Microsoft.Extensions.Options;
using Orleans.Runtime.Placement;
using StableHash = Personalization.Engine.StableHash;

namespace Personalization.Grains.Model.Placement;

/// <summary>
/// Places shard k on its home in <see cref="ShardLayout"/> over the silos compatible with the call (the active silos
/// whose manifest has the grain, as every built-in director sees them), for <see cref="ModelPipelineOptions.Shards"/>
/// shards. Placement hints (migration targets) are ignored on purpose: a shard has one home, and a shard put anywhere
/// else would be moved back by <see cref="ShardRebalancer"/>.
/// </summary>
public sealed class ShardPlacementDirector(IOptions<ModelPipelineOptions> options) : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var silos = context.GetCompatibleSilos(target);
        if (silos.Length == 0) throw new OrleansException($"No silo is compatible with {target.GrainIdentity}: it cannot be placed.");
        var keys = Array.ConvertAll(silos, ShardSiloKey.Of);
        var home = ShardLayout.HomeOf(ShardNumber(target.GrainIdentity), options.Value.Shards, keys);
        return Task.FromResult(silos[Array.IndexOf(keys, home)]);
    }

    /// <summary>The integer key; a grain keyed otherwise (not a model shard) gets a stable number from its key.</summary>
    public static long ShardNumber(GrainId grain) =>
        grain.TryGetIntegerKey(out var key, out _) ? key : unchecked((long)StableHash.Of(grain.Key.ToString()!));
}
