using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Placement;
using Personalization.Abstractions.Model;
using Personalization.Grains.Model;
using Personalization.Grains.Model.Placement;
using Personalization.Testing;
using Personalization.Tests.Durability.Processes;

namespace Personalization.Tests.Cluster;

/// <summary>Its own 2-silo cluster: the test counts every observation its shards learn.</summary>
public sealed class RelayCluster() : PersonalizationCluster(new TestClusterSettings { Silos = 2 });

/// <summary>
/// The way a stopping silo hands its last batches to a silo that stays (<see cref="IModelRelayGrain"/>): the relay
/// sits on the silo its placement hint names, delivers in the background in the order taken, and a batch handed over
/// twice is learned once.
/// </summary>
[Trait("Category", "Cluster")]
[Trait("Requires", "None")]
public sealed class ModelRelayTests(RelayCluster cluster) : IClassFixture<RelayCluster>
{
    private const int Shards = 8;
    private const int Shard = 3;
    private const int BatchSize = 4;

    [Fact]
    public async Task Batches_handed_to_another_silos_relay_are_learned_by_their_shard_in_order_and_once()
    {
        var silo = cluster.Cluster.GetActiveSilos().Last().SiloAddress;
        var relayed = cluster.Cluster.GetSiloServiceProvider(silo).GetRequiredService<RelayedBatches>();
        var relay = cluster.Client.GetGrain<IModelRelayGrain>("relay-test>" + ShardSiloKey.Of(silo));
        var learned = await ModelProbe.CheckpointShardsAsync(cluster.Client);
        var delivered = relayed.Delivered;
        var sender = (ulong)Random.Shared.NextInt64(1, long.MaxValue);

        // The first batch twice (its answer was lost, say), then the next one: three deliveries, two batches learned.
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
        try
        {
            await relay.RelayAsync(Shard, Batch(sender, 1));
            await relay.RelayAsync(Shard, Batch(sender, 1));
            await relay.RelayAsync(Shard, Batch(sender, 2));
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }

        Assert.Equal(ShardSiloKey.Of(silo), await HostOfAsync(relay.GetGrainId()));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (relayed.Delivered < delivered + 3 * BatchSize && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50); // delivered by the silo's background loop: poll its count
        }

        Assert.Equal(delivered + 3 * BatchSize, relayed.Delivered);
        Assert.Equal(0, relayed.Dropped);
        Assert.Equal(learned + 2 * BatchSize, await ModelProbe.CheckpointShardsAsync(cluster.Client));
    }

    [Fact]
    public async Task A_relay_refuses_a_shard_that_does_not_exist_or_an_unnumbered_batch_and_queues_nothing()
    {
        var silo = cluster.Cluster.GetActiveSilos().First().SiloAddress;
        var relayed = cluster.Cluster.GetSiloServiceProvider(silo).GetRequiredService<RelayedBatches>();
        var delivered = relayed.Delivered;
        var relay = cluster.Client.GetGrain<IModelRelayGrain>("relay-test-bad>" + ShardSiloKey.Of(silo));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => relay.RelayAsync(Shards, Batch(1, 1)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => relay.RelayAsync(-1, Batch(1, 1)));
        await Assert.ThrowsAsync<ArgumentException>(() => relay.RelayAsync(Shard, Batch(0, 1))); // unnumbered: a repeat would count twice
        await Assert.ThrowsAsync<ArgumentException>(() => relay.RelayAsync(Shard, Batch(1, 0)));
        Assert.Equal(delivered, relayed.Delivered);
    }

    private ObservationBatch Batch(ulong sender, long sequence) => new(sender, sequence,
        [.. Enumerable.Range(0, BatchSize).Select(i => new ObservationRecord($"relayed-{sequence}-{i}", "relayed-artist", cluster.Clock.Now.ToUnixTimeMilliseconds(), 1f, [], Listener: (ulong)i))]);

    private async Task<string?> HostOfAsync(GrainId grain)
    {
        var stats = await cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return stats.Where(s => s.GrainId == grain).Select(s => ShardSiloKey.Of(s.SiloAddress)).FirstOrDefault();
    }
}
