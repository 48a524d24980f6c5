namespace Personalization.Abstractions.Catalog;

/// <summary>
/// One catalogue track: its artists (the first is the primary artist events name), album, duration, release date,
/// the markets it may be played in (ISO 3166-1 alpha-2 codes such as <c>SE</c>, or <see cref="Markets.All"/>), whether
/// it is explicit, and optional genres. Validated by <see cref="CatalogValidator"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("pzn.CatalogEntry.v1")]
public sealed record CatalogEntry(
    [property: Id(0)] string TrackId,
    [property: Id(1)] IReadOnlyList<CatalogArtist> Artists,
    [property: Id(2)] IReadOnlyList<string> Markets,
    [property: Id(3)] bool Explicit = false,
    [property: Id(4)] string? Album = null,
    [property: Id(5)] int? DurationMs = null,
    [property: Id(6)] DateOnly? ReleaseDate = null,
    [property: Id(7)] IReadOnlyList<string>? Genres = null)
{
    /// <summary>The primary artist's id (the one events name).</summary>
    public string ArtistId => Artists is { Count: > 0 } artists ? artists[0].Id : "";
}
