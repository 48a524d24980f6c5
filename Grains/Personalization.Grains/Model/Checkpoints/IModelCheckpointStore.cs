using Personalization.Engine.Model;

namespace Personalization.Grains.Model.Checkpoints;

/// <summary>
/// Where the learned parts of the shared model are checkpointed: items (any size) grouped in scopes (a model shard, the
/// silos' re-rankers). Memory in the embedded default, Azure Table in Azure mode.
/// </summary>
public interface IModelCheckpointStore
{
    /// <summary>Every complete item of the scope (an item whose write was interrupted half-way is left out).</summary>
    Task<IReadOnlyList<CheckpointItem>> ReadAsync(string scope, CancellationToken cancellationToken = default);

    /// <summary>One complete item of the scope, or null.</summary>
    Task<CheckpointItem?> ReadItemAsync(string scope, string key, CancellationToken cancellationToken = default);

    /// <summary>Upserts <paramref name="items"/> and deletes <paramref name="deletes"/> (keys) in the scope.</summary>
    Task<CheckpointWrite> WriteAsync(string scope, IReadOnlyList<CheckpointItem> items, IReadOnlyList<string> deletes, CancellationToken cancellationToken = default);
}
