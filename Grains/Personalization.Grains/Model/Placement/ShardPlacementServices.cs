using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.Runtime.Placement;

namespace Personalization.Grains.Model.Placement;

/// <summary>Registers <see cref="ShardPlacement"/> with its director, and the silo's <see cref="ShardRebalancer"/>.</summary>
public static class ShardPlacementServices
{
    /// <summary>Needs <see cref="ModelPipelineOptions"/> registered (the shard count, whether shards follow the cluster, the delay).</summary>
    public static IServiceCollection AddShardPlacement(this IServiceCollection services)
    {
        services.AddPlacementDirector<ShardPlacement, ShardPlacementDirector>();
        services.AddSingleton(sp => new ShardRebalancer(
            sp.GetRequiredService<IClusterMembershipService>(),
            sp.GetRequiredService<IClusterManifestProvider>(),
            sp.GetRequiredService<ILocalSiloDetails>(),
            sp.GetRequiredService<IOptions<ModelPipelineOptions>>(),
            TimeProvider.System, // real time, not the injected model clock (see ShardRebalancer)
            sp.GetRequiredService<ILogger<ShardRebalancer>>()));
        return services;
    }

    /// <summary>
    /// <see cref="AddShardPlacement"/>, and <typeparamref name="TGrain"/> placed by <see cref="ShardPlacement"/> without
    /// an attribute (<see cref="ShardPlacementResolver"/>): the way to introduce it into a running cluster.
    /// </summary>
    public static IServiceCollection AddShardPlacementOf<TGrain>(this IServiceCollection services)
        where TGrain : IGrain
    {
        services.AddShardPlacement();
        services.AddSingleton<IPlacementStrategyResolver>(new ShardPlacementResolver(typeof(TGrain)));
        return services;
    }
}
