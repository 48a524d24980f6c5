namespace Personalization.Tests.Cluster;

/// <summary>A test grain keyed by shard number with no placement attribute (<see cref="UnmarkedShardProbeGrain"/>).</summary>
[Alias("pzn.test.IUnmarkedShardProbeGrain")]
public interface IUnmarkedShardProbeGrain : IGrainWithIntegerKey
{
    [Alias("Where")]
    Task<ShardProbeAnswer> WhereAsync();
}
