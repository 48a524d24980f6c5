using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Personalization.Abstractions;
using Personalization.Client.Operations;
using Personalization.Grains.Hosting;
using Personalization.Grains.Operations;
using Personalization.Testing;
using Personalization.Testing.Processes;
using Personalization.Tests.Cluster;
using Personalization.Tests.Durability;

namespace Personalization.Tests.Operations;

/// <summary>
/// /health/live answers without dependencies, /health/ready fails while table storage does not answer (and recovers),
/// silos report ready once active in membership.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Operations")]
[Trait("Requires", "Azurite")]
public sealed class HealthTests(PersonalizationCluster cluster)
{
    [Fact]
    public async Task Ready_fails_fast_while_storage_is_down_and_live_still_answers()
    {
        var settings = StorageAt(ClosedLoopbackPort());
        await using var api = await StartWithStorageCheck(settings);
        var client = api.ClientWith(null);

        var started = DateTime.UtcNow;
        var ready = await client.GetAsync(HealthEndpoints.Ready);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), "A readiness probe must answer within its timeout.");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(HealthEndpoints.Live)).StatusCode);
    }

    [Fact]
    public async Task Ready_follows_storage_through_an_outage()
    {
        // Needs Azurite (.ci/run starts it and sets the variable); the closed-port test above runs everywhere.
        if (Environment.GetEnvironmentVariable(AzuriteFixture.ConnectionVariable) is not { Length: > 0 } azurite) return;
        var (host, port) = AzuriteConnection.TableEndpointOf(azurite);
        using var relay = new TcpRelay(host, port);
        relay.Start();
        var settings = new SiloSettings { Storage = "AzureTable", AzureConnectionString = AzuriteConnection.ForPort(relay.Port) };
        await using var api = await StartWithStorageCheck(settings);
        var client = api.ClientWith(null);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(HealthEndpoints.Ready)).StatusCode);
        relay.Stop();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync(HealthEndpoints.Ready)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(HealthEndpoints.Live)).StatusCode);
        relay.Start();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(HealthEndpoints.Ready)).StatusCode);
    }

    [Fact]
    public async Task Every_silo_of_a_running_cluster_reports_started_and_ready()
    {
        foreach (var services in cluster.SiloServices())
        {
            var report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Tags.Contains(HealthTags.Ready));
            Assert.Equal(HealthStatus.Healthy, report.Status);
            Assert.Contains("silo-active", report.Entries.Keys);
            Assert.Contains("catalog-loaded", report.Entries.Keys);
        }
    }

    private static readonly Dictionary<string, string?> NoReadyCache = new() { [$"{ManagementOptions.SectionName}:{nameof(ManagementOptions.ReadyCacheDuration)}"] = "00:00:00" };

    private static SiloSettings StorageAt(int port) => new()
    {
        Storage = "AzureTable",
        AzureConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Convert.ToBase64String(new byte[64])};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;",
    };

    /// <summary>
    /// The API host with the silo's storage readiness check, exactly as <see cref="SiloOperations"/> registers it;
    /// readiness results are not reused here (each probe below must see the storage as it is now).
    /// </summary>
    private Task<PersonalizationApiHost> StartWithStorageCheck(SiloSettings settings) =>
        PersonalizationApiHost.StartAsync(cluster, NoReadyCache, services: s => s.AddHealthChecks().Add(new HealthCheckRegistration(
            "table-storage",
            _ => new StorageHealthCheck(SiloOperations.CreateProbeClient(settings), settings.SnapshotTable),
            HealthStatus.Unhealthy,
            [HealthTags.Ready],
            settings.StorageProbeTimeout)));

    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // closed again when disposed: connections are refused
    }
}
