using Personalization.Abstractions;
using Personalization.Abstractions.Model;
using Personalization.Engine.Synthetic;
using Personalization.Testing;

namespace Personalization.Tests.Cluster;

/// <summary>Its own 3-silo cluster: this test kills silos.</summary>
public sealed class CheckpointFaultCluster() : PersonalizationCluster(new TestClusterSettings { Silos = 3 });

/// <summary>
/// Model shards killed with their silo come back from their checkpoints on the silos that remain, and still recognise
/// the batches they had learned when a sender delivers one again.
/// </summary>
[Trait("Category", "Cluster")]
[Trait("Requires", "None")]
public sealed class ModelCheckpointClusterTests(CheckpointFaultCluster cluster) : IClassFixture<CheckpointFaultCluster>
{
    private const int Shards = 8;

    [Fact]
    public async Task Shards_lost_with_their_silos_restore_everything_checkpointed_keep_skipping_redelivered_batches_and_lists_stay_full()
    {
        var world = SyntheticWorld.Create(new SyntheticWorldOptions { Listeners = 40, SessionsPerListener = 2, Start = cluster.Clock.Now.AddDays(-2) });
        await cluster.SeedAsync(world);
        // A sender's first batch to every shard, delivered twice: learned once.
        var sender = (ulong)Random.Shared.NextInt64(1, long.MaxValue);
        await LearnEverywhereAsync(sender, sequence: 1);
        var learned = await CheckpointAllAsync();
        await LearnEverywhereAsync(sender, sequence: 1);
        Assert.Equal(learned, await CheckpointAllAsync());

        await cluster.KillSiloAsync(2);
        await cluster.KillSiloAsync(1);
        await cluster.SyncModelAsync();

        Assert.Equal(learned, await CheckpointAllAsync());
        // The shards restored from their checkpoints (and those that stayed) still know the batch: a late repeat is skipped,
        // the sender's next batch is learned.
        await LearnEverywhereAsync(sender, sequence: 1);
        Assert.Equal(learned, await CheckpointAllAsync());
        await LearnEverywhereAsync(sender, sequence: 2);
        Assert.Equal(learned + Shards * BatchSize, await CheckpointAllAsync());
        var after = await cluster.User("cold-after").RecommendAsync(new RecommendRequest(20));
        Assert.Equal(20, after.Items.Count);
        Assert.All(after.Items, i => Assert.Equal("trending", i.ReasonCode)); // the restored trending list alone fills it
    }

    private const int BatchSize = 3;

    private Task LearnEverywhereAsync(ulong sender, long sequence) =>
        Task.WhenAll(Enumerable.Range(0, Shards).Select(s => cluster.Client.GetGrain<IModelShardGrain>(s).LearnAsync(new ObservationBatch(
            sender, sequence, [.. Enumerable.Range(0, BatchSize).Select(i => new ObservationRecord($"redelivered-{s}-{sequence}-{i}", "redelivered-artist", cluster.Clock.Now.ToUnixTimeMilliseconds(), 1f, [], Listener: 0))]))));

    private async Task<long> CheckpointAllAsync()
    {
        var counts = await Task.WhenAll(Enumerable.Range(0, Shards).Select(s => cluster.Client.GetGrain<IModelShardGrain>(s).CheckpointAsync()));
        return counts.Sum();
    }
}
