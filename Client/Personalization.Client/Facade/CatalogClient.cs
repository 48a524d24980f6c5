using Personalization.Abstractions;
using Personalization.Abstractions.Catalog;

namespace Personalization.Client.Facade;

/// <summary>
/// Default <see cref="ICatalogClient"/>: validates the whole batch (so nothing is applied when any track is invalid),
/// then one call per catalogue partition the batch touches, in parallel, each repeated only when the cluster refused it
/// during a membership change (<see cref="ClusterRetry"/>; writes are idempotent).
/// </summary>
public sealed class CatalogClient(IGrainFactory grains, CatalogValidator validator) : ICatalogClient
{
    public async Task<CatalogWriteResult> UpsertAsync(IReadOnlyList<CatalogEntry> tracks, CancellationToken cancellationToken = default)
    {
        var errors = validator.ValidateBatch(tracks);
        if (errors.Count > 0) throw new InvalidEventException(errors);
        var results = await Task.WhenAll(tracks.GroupBy(t => CatalogPartitions.Of(t.TrackId)).Select(g =>
            ClusterRetry.RunAsync(() => grains.GetGrain<ICatalogPartitionGrain>(g.Key).UpsertAsync([.. g]), cancellationToken)));
        return results.Aggregate(new CatalogWriteResult(0, 0), CatalogWriteResult.Add);
    }

    public async Task<CatalogWriteResult> DeleteAsync(IReadOnlyList<string> trackIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trackIds);
        var errors = new List<FieldError>();
        if (trackIds.Count == 0) errors.Add(new FieldError("trackIds", "must contain at least one track id."));
        for (var i = 0; i < trackIds.Count; i++) errors.AddRange(validator.Ids.ValidateId(trackIds[i], $"trackIds[{i}]"));
        if (errors.Count > 0) throw new InvalidEventException(errors);
        var results = await Task.WhenAll(trackIds.GroupBy(CatalogPartitions.Of).Select(g =>
            ClusterRetry.RunAsync(() => grains.GetGrain<ICatalogPartitionGrain>(g.Key).DeleteAsync([.. g]), cancellationToken)));
        return results.Aggregate(new CatalogWriteResult(0, 0), CatalogWriteResult.Add);
    }
}
