namespace Personalization.Abstractions.Model;

/// <summary>
/// One partition of the cluster-wide model (key = shard number). Observations are routed to the shard of the observed
/// track, so every (track, successor) and (artist, track) pair lives in exactly one shard; silos pull each shard's
/// changes and merge the partial lists into their read-only local model. Shards checkpoint what they learned and
/// restore it on activation.
/// </summary>
[Alias("pzn.IModelShardGrain")]
public interface IModelShardGrain : IGrainWithIntegerKey
{
    /// <summary>Learns a numbered batch once, however often its sender delivers it (<see cref="ObservationBatch"/>).</summary>
    [Alias("LearnBatch")]
    Task LearnAsync(ObservationBatch batch);

    /// <summary>
    /// Learns unnumbered observations (a repeated call learns them again). What silos of the previous release send
    /// during a rolling upgrade; this release sends <see cref="ObservationBatch"/>es.
    /// </summary>
    [Alias("Learn")]
    Task LearnAsync(IReadOnlyList<ObservationRecord> observations);

    /// <summary>Admits tracks a trusted source vouches for (a catalogue): known to the model at once, with no plays.</summary>
    [Alias("Admit")]
    Task AdmitAsync(IReadOnlyList<CatalogTrack> tracks);

    [Alias("GetChanges"), Orleans.Concurrency.ReadOnly]
    Task<ModelChanges> GetChangesAsync(long afterVersion, int maxKeys);

    /// <summary>Writes what changed since the last checkpoint now; returns the observations the checkpoint covers.</summary>
    [Alias("Checkpoint")]
    Task<long> CheckpointAsync();
}
