namespace Personalization.Abstractions.Model;

/// <summary>A track a trusted source (a catalogue load, an operator) vouches for: it enters the shared model at once, without plays.</summary>
[GenerateSerializer, Immutable, Alias("pzn.CatalogTrack.v1")]
public sealed record CatalogTrack(
    [property: Id(0)] string TrackId,
    [property: Id(1)] string ArtistId);
