using System.Net;
using System.Net.Http.Json;
using Personalization.Client.Operations;
using Personalization.Testing;
using Personalization.Tests.Cluster;
using Personalization.Tests.Security;

namespace Personalization.Tests.Operations;

/// <summary>After traffic, /metrics (Prometheus text) carries the project's instruments and Orleans' meter, and no user id.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Operations")]
[Trait("Requires", "None")]
public sealed class MetricsTests(PersonalizationCluster cluster)
{
    [Fact]
    public async Task Metrics_expose_the_named_instruments_after_traffic_and_no_user_ids()
    {
        await using var api = await PersonalizationApiHost.StartAsync(cluster);
        var users = Enumerable.Range(0, 3).Select(i => PersonalizationCluster.UniqueUser($"metrics{i}")).ToList();
        foreach (var user in users)
        {
            var posted = await api.Http.PostAsJsonAsync($"/v1/users/{user}/events", ApiRequests.Event(cluster, $"{user}-e1", "m-t1"));
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await api.Http.GetAsync($"/v1/users/{user}/recommendations?count=3")).StatusCode);
        }

        await cluster.SyncModelAsync();
        await cluster.Catalog.SyncAsync(); // the catalogue cache has caught up: its staleness has a sample
        var scrape = await api.ClientWith(null).GetAsync(Telemetry.MetricsPath);
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        var text = await scrape.Content.ReadAsStringAsync();

        foreach (var instrument in new[]
        {
            "personalization_events_ingested", "personalization_recommendation_duration_seconds_bucket",
            "personalization_storage_write_duration_seconds_bucket", "personalization_users_active", "personalization_model_staleness_seconds",
            "personalization_ranker_examples", "personalization_ranker_models_trained", "personalization_ranker_model_examples",
            "personalization_catalog_staleness_seconds", "personalization_catalog_tracks", "personalization_vocabulary_names_bytes",
        })
        {
            Assert.Contains(instrument, text, StringComparison.Ordinal);
        }

        Assert.Contains("orleans_", text, StringComparison.Ordinal);
        Assert.All(users, user => Assert.DoesNotContain(user, text, StringComparison.Ordinal));
    }
}
