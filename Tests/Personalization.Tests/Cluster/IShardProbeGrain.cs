namespace Personalization.Tests.Cluster;

/// <summary>A test grain keyed by shard number, placed like a model shard (<see cref="ShardProbeGrain"/>).</summary>
[Alias("pzn.test.IShardProbeGrain")]
public interface IShardProbeGrain : IGrainWithIntegerKey
{
    /// <summary>Where this activation lives (<c>ShardSiloKey</c>) and which activation it is.</summary>
    [Alias("Where")]
    Task<ShardProbeAnswer> WhereAsync();
}
