namespace Personalization.Bench.Catalog;

/// <summary>What the catalogue scenario measured (see <see cref="CatalogBenchmark"/>).</summary>
public sealed record CatalogBenchResult(
    int Tracks,
    double ImportSeconds,
    double TracksPerSecond,
    double IndexBytesPerTrack,
    double SiloHeapBytesPerTrack,
    int Requests,
    double OpenP50Ms,
    double OpenP99Ms,
    double FilteredP50Ms,
    double FilteredP99Ms,
    double FilteredShare,
    double OpenItems,
    double FilteredItems)
{
    public double P50Ratio => FilteredP50Ms / OpenP50Ms;
}
