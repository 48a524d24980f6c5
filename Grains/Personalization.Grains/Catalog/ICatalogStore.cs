namespace Personalization.Grains.Catalog;

/// <summary>Durable catalogue rows, per partition (memory in the embedded default, Azure Table in Azure mode).</summary>
public interface ICatalogStore
{
    Task<IReadOnlyList<StoredTrack>> ReadAsync(int partition, CancellationToken cancellationToken = default);

    /// <summary>Upserts the rows; a row without an entry keeps the stored entry and changes only the facts.</summary>
    Task WriteAsync(int partition, IReadOnlyList<StoredTrack> tracks, CancellationToken cancellationToken = default);
}
