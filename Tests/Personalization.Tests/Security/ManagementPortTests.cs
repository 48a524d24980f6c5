using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Personalization.Abstractions;
using Personalization.Client;
using Personalization.Client.Http;
using Personalization.Client.Operations;
using Personalization.Client.Security;
using Personalization.Testing;
using Personalization.Testing.Processes;
using Personalization.Tests.Cluster;

namespace Personalization.Tests.Security;

/// <summary>
/// Health, <c>/metrics</c> and the dashboard live on a management port apart from the public API (finding 3): on
/// Kestrel with two loopback ports, each port serves only its own paths, whatever Host header the caller sends; and
/// <c>/health/ready</c> reuses a recent result, so anonymous probes do not run the checks again.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Security")]
[Trait("Requires", "None")]
public sealed class ManagementPortTests(PersonalizationCluster cluster)
{
    private readonly TokenIssuer _tokens = new(PersonalizationApiHost.Issuer, PersonalizationApiHost.Audience, Encoding.UTF8.GetBytes(PersonalizationApiHost.SigningKey));

    [Fact]
    public async Task Each_port_serves_only_its_own_paths()
    {
        var (apiPort, managementPort) = (LoopbackPorts.Free(), LoopbackPorts.Free());
        await using var host = await StartAsync(apiPort, managementPort);
        using var api = Client(apiPort);
        using var management = Client(managementPort);
        var user = PersonalizationCluster.UniqueUser("mgmt");

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/v1/users/{user}/profile")).StatusCode);
        foreach (var path in new[] { HealthEndpoints.Live, HealthEndpoints.Ready, HealthEndpoints.Startup, Telemetry.MetricsPath, HttpPipeline.DashboardPath + "/" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(path)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await management.GetAsync(HealthEndpoints.Live)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await management.GetAsync(Telemetry.MetricsPath)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await management.GetAsync($"/v1/users/{user}/profile")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await management.GetAsync("/openapi/v1.json")).StatusCode);

        // The Host header is the caller's to choose: it does not open the management paths on the public port.
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, Telemetry.MetricsPath);
        spoofed.Headers.Host = $"127.0.0.1:{managementPort}";
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendAsync(spoofed)).StatusCode);
    }

    [Fact]
    public async Task Ready_probes_within_the_cache_duration_run_the_checks_once()
    {
        var runs = 0;
        void Count(IServiceCollection services) => services.AddHealthChecks().AddCheck("counted", () =>
        {
            Interlocked.Increment(ref runs);
            return HealthCheckResult.Healthy();
        }, [HealthTags.Ready]);
        await using var cached = await PersonalizationApiHost.StartAsync(cluster, Cache("00:00:30"), Count);
        var anonymous = cached.ClientWith(null);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ => (await anonymous.GetAsync(HealthEndpoints.Ready)).StatusCode));
        for (var i = 0; i < 10; i++) Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(HealthEndpoints.Ready)).StatusCode);
        var cachedRuns = runs;
        await using var uncached = await PersonalizationApiHost.StartAsync(cluster, Cache("00:00:00"), Count);
        for (var i = 0; i < 10; i++) Assert.Equal(HttpStatusCode.OK, (await uncached.ClientWith(null).GetAsync(HealthEndpoints.Ready)).StatusCode);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(1, cachedRuns); // 50 probes, one run (the test cluster's clock stands still)
        Assert.Equal(11, runs); // without the cache every probe runs the checks
    }

    private static Dictionary<string, string?> Cache(string duration) =>
        new() { [$"{ManagementOptions.SectionName}:{nameof(ManagementOptions.ReadyCacheDuration)}"] = duration };

    private HttpClient Client(int port)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens.Service());
        return client;
    }

    private async Task<WebApplication> StartAsync(int apiPort, int managementPort)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls($"http://127.0.0.1:{apiPort}", $"http://127.0.0.1:{managementPort}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(PersonalizationApiHost.AuthSettings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{ManagementOptions.SectionName}:{nameof(ManagementOptions.Port)}"] = managementPort.ToString(CultureInfo.InvariantCulture),
        });
        builder.Services.AddSingleton<IGrainFactory>(cluster.Client);
        builder.Services.AddPersonalizationApiServices(builder.Configuration);
        var app = builder.Build();
        app.UsePersonalizationHttp(dashboard: false);
        await app.StartAsync();
        return app;
    }
}
