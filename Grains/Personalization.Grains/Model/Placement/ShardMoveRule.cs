namespace Personalization.Grains.Model.Placement;

/// <summary>
/// Whether a shard activation should move to follow the cluster. A move costs a last checkpoint and a restore (calls
/// to the shard wait meanwhile), so a shard moves only when the view is settled: no member joining or leaving, and no
/// change for <c>delay</c>. A rolling restart keeps changing the view, so shards wait for its end and then move once,
/// straight to their final homes, instead of chasing every intermediate cluster.
/// </summary>
public static class ShardMoveRule
{
    /// <param name="shard">The shard number.</param>
    /// <param name="shards">The configured number of shards (<see cref="ModelPipelineOptions.Shards"/>).</param>
    /// <param name="localSilo">Key of the silo the activation lives on.</param>
    /// <param name="view">The cluster as this silo sees it now.</param>
    /// <param name="stableFor">How long the view has been as it is.</param>
    /// <param name="delay">How long a view must hold before a shard moves.</param>
    public static ShardMoveVerdict Decide(long shard, int shards, string localSilo, ShardClusterView view, TimeSpan stableFor, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(localSilo);
        ArgumentNullException.ThrowIfNull(view);
        if (view.Changing || !view.Silos.Contains(localSilo, StringComparer.Ordinal)) return ShardMoveVerdict.Unsettled;
        if (string.Equals(ShardLayout.HomeOf(shard, shards, view.Silos), localSilo, StringComparison.Ordinal)) return ShardMoveVerdict.AtHome;
        return stableFor >= delay ? ShardMoveVerdict.Move : ShardMoveVerdict.Settling;
    }
}
