using Personalization.Abstractions;
using Personalization.Engine.SessionLogs;
using Personalization.Engine.Synthetic;
using Personalization.Grains.Demo;

namespace Personalization.Testing;

/// <summary>Seeds a cluster through the real grains, then waits for the shared model to learn it.</summary>
public static class ClusterSeeding
{
    /// <summary>
    /// Records every event of the shipped synthetic world (each listener's events in order), then syncs the model. The
    /// world's catalogue is separate: <c>cluster.Catalog.LoadAsync(world)</c> first, as the demo does.
    /// </summary>
    public static async Task<int> SeedAsync(this PersonalizationTestCluster cluster, SyntheticWorld world, int batchSize = 200)
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

    /// <summary>
    /// Records a session-rec TSV (<c>UserId SessionId ItemId Time ArtistId</c>, plain or .gz; exact duplicates dropped)
    /// as plays through the real grains, each listener's rows in time order, then syncs the model. Returns the slice.
    /// </summary>
    public static async Task<Slice> SeedFromSessionLogAsync(this PersonalizationTestCluster cluster, string path, int batchSize = 200)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var slice = SessionLogReader.Read(path);
        if (slice.Events.Count == 0) return slice;
        var last = DateTimeOffset.FromUnixTimeSeconds(slice.Events[^1].Time);
        if (last > cluster.Clock.Now) cluster.Clock.Set(last);
        foreach (var user in slice.Events.GroupBy(e => e.UserId, StringComparer.Ordinal))
        {
            var events = user.Select(e => new ListenEvent(
                $"row-{e.Order}", e.ItemId, e.ArtistId, EventKind.Play, DateTimeOffset.FromUnixTimeSeconds(e.Time)));
            foreach (var batch in events.Chunk(batchSize)) await cluster.User(user.Key).RecordBatchAsync(batch);
        }

        await cluster.SyncModelAsync();
        return slice;
    }
}
