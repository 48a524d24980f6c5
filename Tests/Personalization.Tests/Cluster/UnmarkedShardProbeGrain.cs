using Personalization.Grains.Model.Placement;

namespace Personalization.Tests.Cluster;

/// <summary>Placed by <see cref="ShardPlacement"/> only on silos that register <see cref="ShardPlacementResolver"/> for it.</summary>
public sealed class UnmarkedShardProbeGrain(ILocalSiloDetails localSilo) : Grain, IUnmarkedShardProbeGrain
{
    private readonly Guid _activation = Guid.NewGuid();

    Task<ShardProbeAnswer> IUnmarkedShardProbeGrain.WhereAsync() => Task.FromResult(new ShardProbeAnswer(ShardSiloKey.Of(localSilo.SiloAddress), _activation));
}
