namespace Personalization.Abstractions.Catalog;

/// <summary>
/// What every silo caches about a catalogue track to enforce the request rules: primary artist, markets
/// (<see cref="Markets.Join"/>: sorted codes joined by ',', or <see cref="Markets.All"/>), explicit flag, release day
/// (days since 1970-01-01; -1 when unknown) and whether it was taken down (a tombstone: never recommended again).
/// </summary>
[GenerateSerializer, Immutable, Alias("pzn.CatalogFacts.v1")]
public sealed record CatalogFacts(
    [property: Id(0)] string TrackId,
    [property: Id(1)] string ArtistId,
    [property: Id(2)] string Markets,
    [property: Id(3)] bool Explicit,
    [property: Id(4)] int ReleaseDay,
    [property: Id(5)] bool Deleted)
{
    public static CatalogFacts Of(CatalogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new CatalogFacts(
            entry.TrackId,
            entry.ArtistId,
            Catalog.Markets.Join(entry.Markets),
            entry.Explicit,
            entry.ReleaseDate is { } d ? d.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber : -1,
            false);
    }
}
