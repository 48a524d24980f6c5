namespace Personalization.Abstractions.Model;

/// <summary>
/// One partition of the cluster-wide model (key = shard number). Observations are routed to the shard of the observed
/// track, which admits it and learns its play (artist, trending, popularity); it forwards the transitions into the track
/// to the shards of their source tracks, so a track's whole successor list lives in its own shard and every
/// (track, successor) and (artist, track) pair in exactly one. Silos pull each shard's changes into their read-only
/// local model: every list of the head, and the tail's successor lists on demand (<see cref="GetSuccessorsAsync"/>).
/// Shards checkpoint what they learned and restore it on activation.
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

    /// <summary>
    /// Learns transitions another shard forwarded (records with <see cref="ObservationRecord.TransitionOnly"/>), once per
    /// batch number. Interleaves with the shard's other calls: two shards forwarding to each other must not wait on each other.
    /// </summary>
    [Alias("LearnTransitions"), Orleans.Concurrency.AlwaysInterleave]
    Task LearnTransitionsAsync(ObservationBatch batch);

    /// <summary>The current successor lists of the given tracks (this shard's sources; empty for one it does not hold).</summary>
    [Alias("GetSuccessors"), Orleans.Concurrency.ReadOnly]
    Task<KeyedList[]> GetSuccessorsAsync(string[] tracks);

    [Alias("GetChanges"), Orleans.Concurrency.ReadOnly]
    Task<ModelChanges> GetChangesAsync(long afterVersion, int maxKeys);

    /// <summary>Writes what changed since the last checkpoint now; returns the observations the checkpoint covers.</summary>
    [Alias("Checkpoint")]
    Task<long> CheckpointAsync();
}
