namespace Personalization.Abstractions;

/// <summary>An artist or track id with its current (decayed) affinity.</summary>
[GenerateSerializer, Immutable, Alias("pzn.WeightedId.v1")]
public sealed record WeightedId(
    [property: Id(0)] string Id,
    [property: Id(1)] double Weight);
