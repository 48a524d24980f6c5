namespace Personalization.Abstractions.Model;

/// <summary>What one listening step teaches the shared model, with external ids (crosses silos).</summary>
[GenerateSerializer, Immutable, Alias("pzn.ObservationRecord.v1")]
public sealed record ObservationRecord(
    [property: Id(0)] string TrackId,
    [property: Id(1)] string ArtistId,
    [property: Id(2)] long TimeMs,
    [property: Id(3)] float Weight,
    [property: Id(4)] string[] Predecessors);
