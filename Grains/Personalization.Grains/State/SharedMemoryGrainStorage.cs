using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;

namespace Personalization.Grains.State;

/// <summary>
/// Grain storage in the process's memory that behaves like an external store: one <see cref="Store"/> shared by every
/// silo that is given it (the embedded default's one silo; all silos of an in-process test cluster, so it survives a
/// silo being stopped or killed), state kept serialized (no aliasing with live objects), and ETags checked on write (a
/// stale writer gets <see cref="InconsistentStateException"/>). Unlike Orleans' grain-based memory storage it needs no
/// grain call, so the last writes of a silo that shuts down (listeners' final snapshots) still succeed.
/// </summary>
public sealed class SharedMemoryGrainStorage(SharedMemoryGrainStorage.Store store, Serializer serializer) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        if (store.Entries.TryGetValue((stateName, grainId), out var entry))
        {
            grainState.State = serializer.Deserialize<T>(entry.Bytes);
            grainState.ETag = entry.ETag;
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var bytes = serializer.SerializeToArray(grainState.State);
        var etag = Interlocked.Increment(ref store.Version).ToString(System.Globalization.CultureInfo.InvariantCulture);
        lock (store)
        {
            var current = store.Entries.TryGetValue((stateName, grainId), out var existing) ? existing.ETag : null;
            if (current != grainState.ETag)
            {
                throw new InconsistentStateException($"ETag mismatch for {grainId}: stored {current ?? "(none)"}, writer had {grainState.ETag ?? "(none)"}.", current, grainState.ETag);
            }

            store.Entries[(stateName, grainId)] = new Entry(bytes, etag);
        }

        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        store.Entries.TryRemove((stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
        return Task.CompletedTask;
    }

    /// <summary>The stored states: one per process (the embedded default) or per in-process test cluster.</summary>
    public sealed class Store
    {
        internal long Version;

        internal ConcurrentDictionary<(string State, GrainId Grain), Entry> Entries { get; } = new();

        public int Count => Entries.Count;

        /// <summary>Whether any state is stored for a grain with this key (e.g. a user id): privacy tests check deletion here.</summary>
        public bool HoldsKey(string grainKey) => Entries.Keys.Any(k => k.Grain.Key.ToString() == grainKey);
    }

    internal sealed record Entry(byte[] Bytes, string ETag);
}
