using Personalization.Abstractions;
using Personalization.Abstractions.Catalog;

namespace Personalization.Client.Facade;

/// <summary>
/// Maintains the catalogue (service/admin): upserts and takedowns. Invalid input throws <see cref="InvalidEventException"/>
/// naming the field (<c>tracks[i]...</c>) and nothing is applied. Writes are idempotent: repeating one changes nothing.
/// </summary>
public interface ICatalogClient
{
    Task<CatalogWriteResult> UpsertAsync(IReadOnlyList<CatalogEntry> tracks, CancellationToken cancellationToken = default);

    /// <summary>Takes tracks down: within seconds they leave every list served in the cluster, and are never recommended again.</summary>
    Task<CatalogWriteResult> DeleteAsync(IReadOnlyList<string> trackIds, CancellationToken cancellationToken = default);
}
