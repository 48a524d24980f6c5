namespace Personalization.Abstractions;

/// <summary>A stored affinity: the weight as of <see cref="StampedAt"/> (it decays from there on event time).</summary>
[GenerateSerializer, Immutable, Alias("pzn.ExportedAffinity.v1")]
public sealed record ExportedAffinity(
    [property: Id(0)] string Id,
    [property: Id(1)] double Weight,
    [property: Id(2)] DateTimeOffset StampedAt);
