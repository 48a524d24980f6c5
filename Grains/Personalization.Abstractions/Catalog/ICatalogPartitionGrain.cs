namespace Personalization.Abstractions.Catalog;

/// <summary>
/// One partition of the catalogue (key = <see cref="CatalogPartitions.Of"/> of the track id): the authority for its
/// tracks. Writes go to durable storage before they are acknowledged; every silo pulls the partition's changes into
/// its cache about once a second, so a takedown leaves every list served in the cluster within seconds. A deleted track
/// stays as a tombstone (never recommended again; still in listeners' history). Invalid input throws
/// <see cref="InvalidEventException"/> and changes nothing.
/// </summary>
[Alias("pzn.ICatalogPartitionGrain")]
public interface ICatalogPartitionGrain : IGrainWithIntegerKey
{
    [Alias("Upsert")]
    Task<CatalogWriteResult> UpsertAsync(IReadOnlyList<CatalogEntry> tracks);

    /// <summary>Takes tracks down (tombstones); unknown ids are recorded as taken down too, so they can never be recommended.</summary>
    [Alias("Delete")]
    Task<CatalogWriteResult> DeleteAsync(IReadOnlyList<string> trackIds);

    [Alias("GetChanges"), Orleans.Concurrency.ReadOnly]
    Task<CatalogChanges> GetChangesAsync(long epoch, long afterVersion, int maxTracks);
}
