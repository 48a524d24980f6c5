using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Personalization.Engine;
using Personalization.Grains.Catalog;
using Personalization.Testing;
using Personalization.Tests.Cluster;

namespace Personalization.Tests.Catalog;

/// <summary>
/// A silo's catalogue cache before its first pull: readiness reports it unhealthy and grains activating then wait for
/// it (bounded), so a silo that just joined neither refuses catalogued tracks in Strict mode nor serves a takedown.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Catalog")]
[Trait("Requires", "None")]
public sealed class CatalogLoadTests(PersonalizationCluster cluster)
{
    [Fact]
    public async Task Readiness_fails_until_the_first_pull_has_caught_up_and_waiting_grains_resume_with_the_whole_catalogue()
    {
        var track = PersonalizationCluster.UniqueUser("loaded");
        await cluster.Catalog.UpsertAsync(ClusterCatalog.Track(track, "load-artist"));
        var cache = NewCache();
        var check = new CatalogLoadedHealthCheck(cache);

        var before = await check.CheckHealthAsync(new HealthCheckContext());
        var waiting = cache.WhenLoadedAsync(TimeSpan.FromMinutes(1)).AsTask();
        var waitedBeforeThePull = waiting.IsCompleted;
        await cache.RefreshAsync();
        await waiting;
        var after = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, before.Status);
        Assert.False(waitedBeforeThePull);
        Assert.True(cache.Index.Knows(track));
        Assert.Equal(HealthStatus.Healthy, after.Status);
    }

    [Fact]
    public async Task A_grain_stops_waiting_once_the_first_load_wait_has_passed_since_the_start()
    {
        var cache = NewCache();

        await cache.WhenLoadedAsync(TimeSpan.Zero); // storage down at start delays activations at most this long

        Assert.False(cache.IsLoaded);
    }

    private CatalogCache NewCache() =>
        new(cluster.Client, new Vocabulary(), Options.Create(new CatalogOptions()), NullLogger<CatalogCache>.Instance);
}
