using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Personalization.Grains.Model;
using Personalization.Grains.Model.Placement;

namespace Personalization.Tests.Cluster;

/// <summary>
/// <see cref="ShardPlacement"/> in a real cluster, on probe grains (not the model shards, which the lead wires): they
/// activate where <see cref="ShardLayout"/> says, and move there when a silo joins. Each test builds its own cluster.
/// </summary>
[Trait("Category", "Cluster")]
[Trait("Requires", "None")]
public sealed class ShardPlacementClusterTests
{
    private const int Shards = 8;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120); // generous: this machine is shared, and a failure prints every silo's verdicts

    [Fact]
    public async Task Shards_activate_on_their_layout_home_two_or_three_per_silo()
    {
        await using var cluster = await DeployAsync(silos: 3, followCluster: false);
        var silos = await SettledSilosAsync(cluster, 3);
        var expected = ShardLayout.Of(Shards, silos);

        var answers = await WhereAsync(cluster);

        Assert.Equal(expected, answers.Select(a => a.Silo));
        Assert.Equal([2, 3, 3], silos.Select(s => answers.Count(a => a.Silo == s)).Order());
    }

    [Fact]
    public async Task When_a_silo_joins_the_shards_whose_home_it_is_move_to_it_and_no_other_shard_moves()
    {
        await using var cluster = await DeployAsync(silos: 2, followCluster: true);
        var before = await WhereAsync(cluster);
        Assert.Equal(ShardLayout.Of(Shards, await SettledSilosAsync(cluster, 2)), before.Select(a => a.Silo));

        await cluster.StartAdditionalSiloAsync();
        var expected = ShardLayout.Of(Shards, await SettledSilosAsync(cluster, 3));

        // The shards' timers move them; wait (bounded) for the layout, asking as a model pipeline would.
        var deadline = DateTime.UtcNow + Patience;
        var after = await WhereAsync(cluster);
        while (!after.Select(a => a.Silo).SequenceEqual(expected) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200));
            after = await WhereAsync(cluster);
        }

        Assert.True(after.Select(a => a.Silo).SequenceEqual(expected), Diagnose(cluster, before, after, expected));
        for (var shard = 0; shard < Shards; shard++)
        {
            // A shard whose home stayed kept its activation; one that moved has a new one.
            Assert.Equal(before[shard].Silo == expected[shard], before[shard].Activation == after[shard].Activation);
        }
    }

    private static async Task<InProcessTestCluster> DeployAsync(short silos, bool followCluster)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddShardPlacement();
            silo.Services.Configure<ModelPipelineOptions>(o =>
            {
                o.Shards = Shards;
                o.FollowCluster = followCluster;
                o.RebalanceDelay = TimeSpan.Zero; // the hysteresis is ShardMoveRuleTests' business; here moves come at the first tick
            });
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>The silo keys once every silo's manifest lists all <paramref name="count"/> silos (what the director places on).</summary>
    private static async Task<string[]> SettledSilosAsync(InProcessTestCluster cluster, int count)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var silos = cluster.GetActiveSilos().ToArray();
            var manifests = silos.Select(s => cluster.GetSiloServiceProvider(s.SiloAddress).GetRequiredService<IClusterManifestProvider>().Current.Silos.Count);
            if (silos.Length == count && manifests.All(m => m == count)) return [.. silos.Select(s => ShardSiloKey.Of(s.SiloAddress))];
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The cluster did not settle on {count} silos.");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>Where the probes were, are and should be, and what each silo's rebalancer says about each.</summary>
    private static string Diagnose(InProcessTestCluster cluster, ShardProbeAnswer[] before, ShardProbeAnswer[] after, string[] expected)
    {
        var type = cluster.Client.GetGrain<IShardProbeGrain>(0).GetGrainId().Type;
        var lines = Enumerable.Range(0, Shards).Select(s => $"shard {s}: {before[s].Silo} -> {after[s].Silo} (home {expected[s]}, moved {before[s].Activation != after[s].Activation})").ToList();
        foreach (var silo in cluster.GetActiveSilos())
        {
            var rebalancer = cluster.GetSiloServiceProvider(silo.SiloAddress).GetRequiredService<ShardRebalancer>();
            lines.Add($"silo {silo.SiloAddress}: view {rebalancer.CurrentView(type)}; verdicts {string.Join(", ", Enumerable.Range(0, Shards).Select(s => rebalancer.Check(s, type)))}");
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static async Task<ShardProbeAnswer[]> WhereAsync(InProcessTestCluster cluster) =>
        await Task.WhenAll(Enumerable.Range(0, Shards).Select(s => cluster.Client.GetGrain<IShardProbeGrain>(s).WhereAsync()));
}
