using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Personalization.Grains.Model.Placement;

/// <summary>
/// Tells a model shard activation, on its timer, whether to move to its home in the current cluster
/// (<see cref="ShardMoveRule"/>); the shard moves with <c>MigrateOnIdle()</c>, which asks
/// <see cref="ShardPlacementDirector"/> for the target, runs the shard's deactivation (its last checkpoint), and points
/// the grain directory at the target. Not <c>DeactivateOnIdle()</c>: that removes the directory entry, and the next
/// call from a silo that still caches the old address activates the shard again where it was (measured: a shard then
/// "moved" in place every check for minutes). One per silo. The view is this silo's membership snapshot (active
/// members only) narrowed to the silos whose manifest has the shard's grain type — the set the director places on —
/// and it counts as changing while any member is Created, Joining, ShuttingDown or Stopping.
/// Stability is timed on the real clock (<see cref="TimeProvider.System"/> unless given another): the delay waits on
/// other processes, whatever time the model runs on.
/// </summary>
public sealed partial class ShardRebalancer(
    IClusterMembershipService membership,
    IClusterManifestProvider manifest,
    ILocalSiloDetails localSilo,
    IOptions<ModelPipelineOptions> options,
    TimeProvider clock,
    ILogger<ShardRebalancer> logger)
{
    private readonly ShardClusterViewStability _stability = new();

    /// <summary>Whether shards follow the cluster at all (<see cref="ModelPipelineOptions.FollowCluster"/>).</summary>
    public bool Enabled => options.Value.FollowCluster;

    /// <summary>How often a shard should ask (<see cref="CheckIntervalFor"/> of the configured delay).</summary>
    public TimeSpan CheckInterval => CheckIntervalFor(options.Value.RebalanceDelay);

    /// <summary>A third of the delay (a move comes at most a third late), between 1 s and 10 s.</summary>
    public static TimeSpan CheckIntervalFor(TimeSpan delay) =>
        TimeSpan.FromTicks(Math.Clamp(delay.Ticks / 3, MinCheckInterval.Ticks, MaxCheckInterval.Ticks));

    private static readonly TimeSpan MinCheckInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxCheckInterval = TimeSpan.FromSeconds(10);

    /// <summary>Whether the activation of <paramref name="shard"/> (of grain type <paramref name="grainType"/>) on this silo should move now; logs a move.</summary>
    public bool ShouldMove(long shard, GrainType grainType)
    {
        var verdict = Check(shard, grainType);
        if (verdict != ShardMoveVerdict.Move) return false;
        LogMoving(shard, ShardSiloKey.Of(localSilo.SiloAddress));
        return true;
    }

    /// <summary>The verdict for <paramref name="shard"/> on this silo (also when following the cluster is off: for diagnostics).</summary>
    public ShardMoveVerdict Check(long shard, GrainType grainType)
    {
        if (!Enabled) return ShardMoveVerdict.AtHome;
        var view = CurrentView(grainType);
        var stableFor = _stability.Observe(view, clock.GetUtcNow());
        return ShardMoveRule.Decide(shard, options.Value.Shards, ShardSiloKey.Of(localSilo.SiloAddress), view, stableFor, options.Value.RebalanceDelay);
    }

    /// <summary>The cluster as this silo sees it now, for shards of <paramref name="grainType"/>.</summary>
    public ShardClusterView CurrentView(GrainType grainType)
    {
        var hosts = manifest.Current.Silos;
        var members = membership.CurrentSnapshot.Members.Values;
        var active = members
            .Where(m => m.Status == SiloStatus.Active && hosts.TryGetValue(m.SiloAddress, out var grains) && grains.Grains.ContainsKey(grainType))
            .Select(m => ShardSiloKey.Of(m.SiloAddress));
        var changing = members.Any(m => m.Status is SiloStatus.Created or SiloStatus.Joining or SiloStatus.ShuttingDown or SiloStatus.Stopping);
        return new ShardClusterView(active, changing);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model shard {Shard} leaves silo {Silo} for its home in the settled cluster: it writes its last checkpoint and the next call activates it there.")]
    private partial void LogMoving(long shard, string silo);
}
