namespace Personalization.Abstractions.Model;

/// <summary>
/// Observations one sender (a silo's model feed, for as long as its process runs; a random nonzero id) hands a model
/// shard in one call, numbered 1, 2, 3 … per shard. The sender sends the next batch to a shard only once the previous
/// one was answered or given up, and repeats a batch whose answer was lost with the same number: the shard applies each
/// number once, also across its restore from a checkpoint (at-least-once delivery, exactly-once learning).
/// </summary>
[GenerateSerializer, Immutable, Alias("pzn.ObservationBatch.v1")]
public sealed record ObservationBatch(
    [property: Id(0)] ulong Sender,
    [property: Id(1)] long Sequence,
    [property: Id(2)] ObservationRecord[] Observations);
