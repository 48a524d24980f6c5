using Personalization.Engine.Synthetic;
using Personalization.Grains.Demo;

namespace Personalization.Testing;

/// <summary>Seeds a cluster through the real grains, then waits for the shared model to learn it.</summary>
public static class ClusterSeeding
{
    /// <summary>Records every event of the shipped synthetic world (each listener's events in order), then syncs the model.</summary>
    public static async Task<int> SeedAsync(this PersonalizationCluster cluster, SyntheticWorld world, int batchSize = 200)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(world);
        var last = world.Events().Max(e => e.Timestamp);
        if (last > cluster.Clock.Now) cluster.Clock.Set(last);
        var count = 0;
        foreach (var (userId, events) in world.BatchesPerListener(batchSize))
        {
            await cluster.User(userId).RecordBatchAsync(events);
            count += events.Length;
        }

        await cluster.SyncModelAsync();
        return count;
    }
}
