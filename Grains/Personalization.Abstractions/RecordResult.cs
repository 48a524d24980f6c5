namespace Personalization.Abstractions;

/// <summary>
/// Acknowledgement of recorded events: how many were applied, how many were duplicates of event ids already seen
/// (acknowledged, not applied again), and the user's sequence number after the call.
/// </summary>
[GenerateSerializer, Immutable, Alias("pzn.RecordResult.v1")]
public sealed record RecordResult(
    [property: Id(0)] int Applied,
    [property: Id(1)] int Duplicates,
    [property: Id(2)] long Sequence);
