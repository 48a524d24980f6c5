using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Personalization.Grains.Model.Placement;

namespace Personalization.Tests.Cluster;

/// <summary>
/// A cluster in the middle of a rolling upgrade: silo 0 runs the release with <see cref="ShardPlacement"/>, silo 1 the
/// previous one, which does not know it. Why ModelShardGrain gets the strategy from <see cref="ShardPlacementResolver"/>
/// rather than from <see cref="ShardPlacementAttribute"/>.
/// </summary>
[Trait("Category", "Cluster")]
[Trait("Requires", "None")]
public sealed class ShardPlacementRollingUpgradeTests
{
    private const int Shards = 8;

    [Fact]
    public async Task A_silo_that_does_not_know_the_strategy_cannot_place_or_host_a_grain_marked_with_the_attribute()
    {
        await using var cluster = await DeployAsync(s => s.AddShardPlacement());
        var failures = new List<string>();
        foreach (var silo in cluster.GetActiveSilos())
        {
            var grains = cluster.GetSiloServiceProvider(silo.SiloAddress).GetRequiredService<IGrainFactory>();
            foreach (var shard in Enumerable.Range(0, Shards))
            {
                try
                {
                    await grains.GetGrain<IShardProbeGrain>(shard + (silo.InstanceNumber * Shards)).WhereAsync();
                }
                catch (KeyNotFoundException ex) when (ex.Message.Contains("ShardPlacement", StringComparison.Ordinal))
                {
                    failures.Add($"{silo.Name}/{shard}");
                }
            }
        }

        // Every call the old silo places fails, and so does every activation the new silo places on it.
        Assert.Contains(failures, f => f.StartsWith("Silo_1/", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Silo_0/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_the_resolver_the_old_silo_places_at_random_and_the_new_one_at_home()
    {
        await using var cluster = await DeployAsync(s => s.AddShardPlacementOf<UnmarkedShardProbeGrain>());
        var silos = cluster.GetActiveSilos().OrderBy(s => s.InstanceNumber).ToArray();
        var layout = ShardLayout.Of(Shards, [.. silos.Select(s => ShardSiloKey.Of(s.SiloAddress))]);
        var newSilo = cluster.GetSiloServiceProvider(silos[0].SiloAddress).GetRequiredService<IGrainFactory>();
        var oldSilo = cluster.GetSiloServiceProvider(silos[1].SiloAddress).GetRequiredService<IGrainFactory>();

        var placedByNew = await Task.WhenAll(Enumerable.Range(0, Shards).Select(s => newSilo.GetGrain<IUnmarkedShardProbeGrain>(s).WhereAsync()));
        var placedByOld = await Task.WhenAll(Enumerable.Range(Shards, Shards).Select(s => oldSilo.GetGrain<IUnmarkedShardProbeGrain>(s).WhereAsync()));

        Assert.Equal(layout, placedByNew.Select(a => a.Silo));
        Assert.All(placedByOld, a => Assert.Contains(a.Silo, layout)); // placed, wherever
    }

    /// <summary>Two silos; only silo 0 gets <paramref name="newRelease"/>.</summary>
    private static async Task<InProcessTestCluster> DeployAsync(Action<IServiceCollection> newRelease)
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((options, silo) =>
        {
            if (options.SiloName == "Silo_0") newRelease(silo.Services);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
