using System.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Personalization.Abstractions;
using Personalization.Abstractions.Diagnostics;
using Personalization.Engine;
using Personalization.Engine.Load;
using Personalization.Grains.Model;
using Personalization.Grains.State;

namespace Personalization.Grains.Diagnostics;

/// <summary>
/// Probes for operators and the performance harness. Seeding goes through the real code paths: user state is built by
/// applying events to the engine's <see cref="ListenerState"/>, stored as the user's snapshot and activated by an
/// ordinary grain call; catalog observations go through the silo's <see cref="IModelPipeline"/> to the model shards.
/// </summary>
public sealed class DiagnosticsGrain(
    Vocabulary vocabulary,
    SnapshotCodec codec,
    IModelPipeline pipeline,
    IOptions<EngineOptions> engine,
    IOptions<DiagnosticsOptions> options) : Grain, IDiagnosticsGrain
{
    private const string UserStateName = StorageNames.UserState;

    Task IDiagnosticsGrain.PingAsync() => Task.CompletedTask;

    Task<SiloHeap> IDiagnosticsGrain.GetHeapAsync(bool collect)
    {
        if (collect)
        {
            if (!options.Value.AllowForcedCollection)
            {
                throw new InvalidOperationException(
                    $"A forced collection is disabled on this silo (set {DiagnosticsOptions.SectionName}:{nameof(DiagnosticsOptions.AllowForcedCollection)}=true on a benchmark rig).");
            }

            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        }

        var info = GC.GetGCMemoryInfo();
        var recentlyActive = ServiceProvider.GetService<IActivationWorkingSet>()?.Count ?? -1;
        return Task.FromResult(new SiloHeap(
            GC.GetTotalMemory(false), info.TotalCommittedBytes, Environment.WorkingSet, GC.CollectionCount(2), recentlyActive,
            GC.CollectionCount(0), GC.CollectionCount(1), GC.GetTotalPauseDuration().TotalMilliseconds, GC.GetTotalAllocatedBytes(precise: false)));
    }

    async Task<int> IDiagnosticsGrain.SeedUsersAsync(UserSeedRequest request)
    {
        EnsureSeedingAllowed();
        ArgumentNullException.ThrowIfNull(request);
        var storage = ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Users);
        var lastMs = request.LastEventAt.ToUnixTimeMilliseconds();
        var users = Enumerable.Range(request.First, request.Count);
        foreach (var chunk in users.Chunk(options.Value.SeedParallelism))
        {
            await Task.WhenAll(chunk.Select(user => SeedUserAsync(storage, request, user, lastMs)));
        }

        return request.Count;
    }

    async Task<int> IDiagnosticsGrain.SeedCatalogAsync(CatalogSeedRequest request)
    {
        EnsureSeedingAllowed();
        ArgumentNullException.ThrowIfNull(request);
        var catalog = request.FirstTrack + request.Tracks;
        var timeMs = request.At.ToUnixTimeMilliseconds();
        var dropped = pipeline.Dropped;
        for (var start = request.FirstTrack; start < catalog; start += options.Value.SeedCatalogChunk)
        {
            var end = Math.Min(catalog, start + options.Value.SeedCatalogChunk);
            for (var track = start; track < end; track++) pipeline.Publish(LoadCatalog.Observe(vocabulary, track, catalog, timeMs));
            await pipeline.PushAsync();
        }

        await pipeline.RefreshAsync();
        if (pipeline.Dropped != dropped) throw new InvalidOperationException($"The model pipeline dropped {pipeline.Dropped - dropped} seeded observations (its queue was full, or a shard did not take a batch in time: see the silo's log).");
        return request.Tracks;
    }

    private async Task SeedUserAsync(IGrainStorage storage, UserSeedRequest request, int user, long lastMs)
    {
        var state = LoadCatalog.BuildListener(vocabulary, engine.Value, user, request.Events, request.CatalogTracks, lastMs);
        var grain = GrainFactory.GetGrain<IUserGrain>(LoadCatalog.UserId(request.Prefix, user));
        var stored = new GrainState<UserSnapshot>(codec.Capture(state));
        await storage.WriteStateAsync(UserStateName, grain.GetGrainId(), stored);
        await grain.GetProfileAsync(); // activates the user from the stored snapshot, as after a silo restart

        // Memory storage keeps stored state in the silo's own heap (external storage does not): drop it when asked, so
        // the heap holds only the live activation. The activation keeps its state; it is not written back unless it changes.
        if (!request.KeepStoredState) await storage.ClearStateAsync(UserStateName, grain.GetGrainId(), stored);
    }

    private void EnsureSeedingAllowed()
    {
        if (!options.Value.AllowSeeding)
        {
            throw new InvalidOperationException($"Seeding is disabled on this silo (set {DiagnosticsOptions.SectionName}:{nameof(DiagnosticsOptions.AllowSeeding)}=true on a benchmark rig).");
        }
    }
}
