namespace Personalization.Abstractions.Catalog;

/// <summary>How catalogue tracks are spread over <see cref="ICatalogPartitionGrain"/>s: a stable hash of the track id.</summary>
public static class CatalogPartitions
{
    public const int Count = 8;

    /// <summary>FNV-1a 64-bit over UTF-16 code units (the same function as the engine's StableHash), modulo <see cref="Count"/>.</summary>
    public static int Of(string trackId)
    {
        ArgumentNullException.ThrowIfNull(trackId);
        var hash = 14695981039346656037UL;
        foreach (var c in trackId) hash = (hash ^ c) * 1099511628211UL;
        return (int)(hash % Count);
    }
}
