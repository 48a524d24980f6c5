using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Personalization.Abstractions.Catalog;
using Personalization.Engine.Synthetic;
using Personalization.Grains.Catalog;

namespace Personalization.Testing;

/// <summary>
/// The cluster's catalogue, for tests (<c>cluster.Catalog</c>): write tracks and take them down through the real
/// partition grains, build entries in one line (<see cref="Track"/>), and remember what was written so assertions such
/// as <see cref="CatalogAssertions.ShouldOnlyContainPlayableIn"/> can check a list against it.
/// </summary>
public sealed class ClusterCatalog(PersonalizationTestCluster cluster)
{
    private readonly ConcurrentDictionary<string, CatalogEntry?> _written = new(StringComparer.Ordinal);

    /// <summary>A track entry: playable in <paramref name="markets"/> (default: all), explicit or not, released on <paramref name="released"/>.</summary>
    public static CatalogEntry Track(string trackId, string artistId, string[]? markets = null, bool isExplicit = false, DateOnly? released = null) =>
        new(trackId, [new CatalogArtist(artistId)], markets ?? [Markets.All], isExplicit, ReleaseDate: released);

    /// <summary>What the kit wrote: the entry, or null for a track taken down.</summary>
    public IReadOnlyDictionary<string, CatalogEntry?> Written => _written;

    /// <summary>Upserts through the partition grains, as the client facade does, then waits until every silo's cache has it.</summary>
    public async Task<CatalogWriteResult> UpsertAsync(params CatalogEntry[] tracks)
    {
        var result = await WriteAsync(tracks);
        await SyncAsync();
        return result;
    }

    /// <summary>
    /// Loads a synthetic world's catalogue (markets, explicit flags, release dates), as the demo does before the plays
    /// (<c>cluster.SeedAsync(world)</c> seeds the plays only), then waits until every silo's cache has it.
    /// </summary>
    public async Task<CatalogWriteResult> LoadAsync(SyntheticWorld world, int batchSize = 500)
    {
        var total = new CatalogWriteResult(0, 0);
        foreach (var chunk in SyntheticWorldCatalog.Entries(world).Chunk(batchSize)) total += await WriteAsync(chunk);
        await SyncAsync();
        return total;
    }

    /// <summary>Upserts without waiting for the silos' caches (to measure how fast they learn of it).</summary>
    public async Task<CatalogWriteResult> WriteAsync(params CatalogEntry[] tracks)
    {
        var results = await Task.WhenAll(tracks.GroupBy(t => CatalogPartitions.Of(t.TrackId))
            .Select(g => cluster.Client.GetGrain<ICatalogPartitionGrain>(g.Key).UpsertAsync([.. g])));
        foreach (var t in tracks) _written[t.TrackId] = t;
        return results.Aggregate(new CatalogWriteResult(0, 0), CatalogWriteResult.Add);
    }

    /// <summary>Takes tracks down without waiting for the silos' caches (they pull about once a second).</summary>
    public async Task<CatalogWriteResult> TakeDownAsync(params string[] trackIds)
    {
        var results = await Task.WhenAll(trackIds.GroupBy(CatalogPartitions.Of)
            .Select(g => cluster.Client.GetGrain<ICatalogPartitionGrain>(g.Key).DeleteAsync([.. g])));
        foreach (var id in trackIds) _written[id] = null;
        return results.Aggregate(new CatalogWriteResult(0, 0), CatalogWriteResult.Add);
    }

    /// <summary>Makes every silo pull the catalogue's changes now: deterministic, no sleeping.</summary>
    public Task SyncAsync(CancellationToken cancellationToken = default) =>
        Task.WhenAll(cluster.SiloServices().Select(sp => sp.GetRequiredService<CatalogCache>().RefreshAsync(cancellationToken)));
}
