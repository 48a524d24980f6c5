namespace Personalization.Abstractions.Catalog;

/// <summary>An artist of a catalogue track: its id (as events name it) and display name.</summary>
[GenerateSerializer, Immutable, Alias("pzn.CatalogArtist.v1")]
public sealed record CatalogArtist(
    [property: Id(0)] string Id,
    [property: Id(1)] string? Name = null);
