using System.Collections.Concurrent;
using Personalization.Engine.Model;

namespace Personalization.Grains.Model.Checkpoints;

/// <summary>
/// The embedded default's checkpoint store: in the process's memory, so it survives grain deactivation and a restart of
/// a silo host inside the same process (test clusters and the evaluator share one instance between silos), not a
/// process restart. Each write counts as one transaction.
/// </summary>
public sealed class MemoryModelCheckpointStore : IModelCheckpointStore
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte[]>> _scopes = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<CheckpointItem>> ReadAsync(string scope, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<CheckpointItem> items = _scopes.TryGetValue(scope, out var stored)
            ? [.. stored.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new CheckpointItem(p.Key, p.Value))]
            : [];
        return Task.FromResult(items);
    }

    public Task<CheckpointItem?> ReadItemAsync(string scope, string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_scopes.TryGetValue(scope, out var stored) && stored.TryGetValue(key, out var data) ? new CheckpointItem(key, data) : null);

    public Task<CheckpointWrite> WriteAsync(string scope, IReadOnlyList<CheckpointItem> items, IReadOnlyList<string> deletes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(deletes);
        var stored = _scopes.GetOrAdd(scope, _ => new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal));
        long bytes = 0;
        foreach (var item in items)
        {
            stored[item.Key] = item.Data;
            bytes += item.Data.Length;
        }

        foreach (var key in deletes) stored.TryRemove(key, out _);
        return Task.FromResult(new CheckpointWrite(items.Count + deletes.Count > 0 ? 1 : 0, bytes));
    }
}
