namespace Personalization.Abstractions;

/// <summary>One step of a listener's stored history: the track, what was done with it, and its outcome flags.</summary>
[GenerateSerializer, Immutable, Alias("pzn.ExportedStep.v1")]
public sealed record ExportedStep(
    [property: Id(0)] string TrackId,
    [property: Id(1)] string ArtistId,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string Kind,
    [property: Id(4)] IReadOnlyList<string> Flags);
