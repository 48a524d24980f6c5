namespace Personalization.Grains.State;

/// <summary>Stored form of one decayed affinity: external id, weight as of the stamp (unix ms, event time).</summary>
[GenerateSerializer, Immutable, Alias("pzn.AffinityRecord.v1")]
public sealed record AffinityRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] float Weight,
    [property: Id(2)] long StampMs);
