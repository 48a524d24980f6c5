namespace Personalization.Engine.Synthetic;

/// <summary>
/// The catalogue the synthetic world ships, derived deterministically from each track's id (a stable hash: the world's
/// events do not change): 60 % of tracks play everywhere, 20 % in the Nordics (SE, NO, DK, FI), 10 % in US and CA,
/// 10 % only in SE; one in eight is explicit; release dates spread over ten years before the world starts, except the
/// first track of every tenth artist, released during the world's first two weeks (what the new-release source finds).
/// </summary>
public static class SyntheticCatalogEntries
{
    private static readonly string[] Everywhere = ["all"];
    private static readonly string[] Nordics = ["DK", "FI", "NO", "SE"];
    private static readonly string[] NorthAmerica = ["CA", "US"];
    private static readonly string[] Sweden = ["SE"];

    public static IEnumerable<SyntheticCatalogEntry> Of(SyntheticCatalog catalog, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var first = DateOnly.FromDateTime(start.UtcDateTime);
        foreach (var t in catalog.Tracks)
        {
            var artist = catalog.ArtistOf(t);
            var hash = StableHash.Of(t.Id);
            var markets = (hash % 10) switch
            {
                < 6 => Everywhere,
                < 8 => Nordics,
                8 => NorthAmerica,
                _ => Sweden,
            };
            var fresh = t.AlbumPosition == 0 && artist.Index % 10 == 0;
            var released = fresh ? first.AddDays((int)(hash / 10 % 14)) : first.AddDays(-1 - (int)(hash / 10 % 3650));
            yield return new SyntheticCatalogEntry(
                t.Id, artist.Id, $"Artist {artist.Id}", markets, hash / 100 % 8 == 0, $"Album of {artist.Id}", t.DurationMs, released, $"genre-{artist.Genre}");
        }
    }
}
