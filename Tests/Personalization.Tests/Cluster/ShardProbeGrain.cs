using Personalization.Grains.Model.Placement;

namespace Personalization.Tests.Cluster;

/// <summary>
/// Placed by <see cref="ShardPlacement"/> and following the cluster as a model shard does (once the lead wires
/// ModelShardGrain the same way): a timer asks the silo's <see cref="ShardRebalancer"/>, a move is a migration.
/// </summary>
[KeepAlive, ShardPlacement]
public sealed class ShardProbeGrain(ILocalSiloDetails localSilo, ShardRebalancer rebalancer) : Grain, IShardProbeGrain
{
    private readonly Guid _activation = Guid.NewGuid();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (rebalancer.Enabled)
        {
            this.RegisterGrainTimer(FollowCluster, new GrainTimerCreationOptions(rebalancer.CheckInterval, rebalancer.CheckInterval) { Interleave = false });
        }

        return Task.CompletedTask;
    }

    private Task FollowCluster(CancellationToken cancellationToken)
    {
        if (rebalancer.ShouldMove(this.GetPrimaryKeyLong(), this.GetGrainId().Type)) MigrateOnIdle();
        return Task.CompletedTask;
    }

    Task<ShardProbeAnswer> IShardProbeGrain.WhereAsync() => Task.FromResult(new ShardProbeAnswer(ShardSiloKey.Of(localSilo.SiloAddress), _activation));
}
