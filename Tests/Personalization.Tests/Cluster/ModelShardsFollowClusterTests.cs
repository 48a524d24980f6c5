using Personalization.Abstractions.Model;
using Personalization.Grains.Model.Placement;
using Personalization.Testing;

namespace Personalization.Tests.Cluster;

/// <summary>Its own cluster: a silo joins, and shards move at once (no rebalance delay).</summary>
public sealed class FollowClusterCluster() : PersonalizationCluster(FollowSettings())
{
    private static TestClusterSettings FollowSettings()
    {
        var settings = new TestClusterSettings { Silos = 2 };
        settings.Configuration["Personalization:Model:RebalanceDelay"] = "00:00:00";
        return settings;
    }
}

/// <summary>Model shards follow the cluster: when a silo joins, the shards whose home it is move there, and lose nothing.</summary>
[Trait("Category", "Cluster")]
[Trait("Requires", "None")]
public sealed class ModelShardsFollowClusterTests(FollowClusterCluster cluster) : IClassFixture<FollowClusterCluster>
{
    private const int Shards = 8;

    [Fact]
    public async Task When_a_silo_joins_the_shards_whose_home_it_is_move_there_with_everything_they_learned()
    {
        var sender = (ulong)Random.Shared.NextInt64(1, long.MaxValue);
        await Task.WhenAll(Enumerable.Range(0, Shards).Select(s => cluster.Client.GetGrain<IModelShardGrain>(s).LearnAsync(new ObservationBatch(
            sender, 1, [.. Enumerable.Range(0, 3).Select(i => new ObservationRecord($"follow-{s}-{i}", "follow-artist", cluster.Clock.Now.ToUnixTimeMilliseconds(), 1f, [], Listener: 0))]))));
        // A silo that does not see the other yet places every shard on itself; once it does, they move to their homes.
        Assert.Equal(2, await WaitForLayoutAsync(silos: 2));
        var learned = await CheckpointAllAsync();

        await cluster.StartSiloAsync();
        Assert.Equal(3, await WaitForLayoutAsync(silos: 3));
        Assert.Equal(learned, await CheckpointAllAsync()); // moved shards restored everything from their last checkpoints
    }

    /// <summary>Waits until <paramref name="silos"/> silos are active and every shard is on its home among them; returns the active silos.</summary>
    private async Task<int> WaitForLayoutAsync(int silos)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        string[] expected, hosts;
        while (true)
        {
            await CheckpointAllAsync(); // calls re-activate moved shards, as the pipelines' pulls would
            expected = ShardLayout.Of(Shards, SiloKeys());
            hosts = await HostsAsync();
            if ((SiloKeys().Length == silos && hosts.SequenceEqual(expected)) || DateTime.UtcNow >= deadline) break;
            await Task.Delay(TimeSpan.FromMilliseconds(250)); // polling another silo's membership view and timers: no event to await
        }

        Assert.Equal(expected, hosts);
        return SiloKeys().Length;
    }

    private string[] SiloKeys() => [.. cluster.Cluster.GetActiveSilos().Select(s => ShardSiloKey.Of(s.SiloAddress))];

    private async Task<string[]> HostsAsync()
    {
        var type = cluster.Client.GetGrain<IModelShardGrain>(0).GetGrainId().Type;
        var stats = await cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var hosts = new string[Shards];
        foreach (var s in stats.Where(s => s.GrainId.Type == type)) hosts[s.GrainId.GetIntegerKey()] = ShardSiloKey.Of(s.SiloAddress);
        return hosts;
    }

    private async Task<long> CheckpointAllAsync() =>
        (await Task.WhenAll(Enumerable.Range(0, Shards).Select(s => cluster.Client.GetGrain<IModelShardGrain>(s).CheckpointAsync()))).Sum();
}
