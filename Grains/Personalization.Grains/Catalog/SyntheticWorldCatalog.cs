using Personalization.Abstractions.Catalog;
using Personalization.Engine.Synthetic;

namespace Personalization.Grains.Catalog;

/// <summary>The synthetic world's catalogue as catalogue entries: what the demo and the test kit load before the world's plays.</summary>
public static class SyntheticWorldCatalog
{
    public static IEnumerable<CatalogEntry> Entries(SyntheticWorld world)
    {
        ArgumentNullException.ThrowIfNull(world);
        return SyntheticCatalogEntries.Of(world.Catalog, world.Options.Start).Select(e => new CatalogEntry(
            e.TrackId, [new CatalogArtist(e.ArtistId, e.ArtistName)], e.Markets, e.Explicit, e.Album, e.DurationMs, e.ReleaseDate, [e.Genre]));
    }
}
