namespace Personalization.Abstractions;

/// <summary>Where a listen came from: a source (album, playlist, radio, search, recommendation, ...) and a device.</summary>
[GenerateSerializer, Immutable, Alias("pzn.ListenContext.v1")]
public sealed record ListenContext(
    [property: Id(0)] string? Source = null,
    [property: Id(1)] string? Device = null);
