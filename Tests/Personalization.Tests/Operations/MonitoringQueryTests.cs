using System.Net;
using System.Net.Http.Json;
using Personalization.Client.Operations;
using Personalization.Testing;
using Personalization.Tests.Durability;
using Personalization.Tests.Security;

namespace Personalization.Tests.Operations;

/// <summary>
/// Every metric the alert and recording rules and the dashboard read is one that /metrics exposes: a host on a
/// two-silo cluster over Azure Table storage (so the journal's partition writers report) serves traffic, then is scraped.
/// </summary>
[Trait("Category", "Operations")]
[Trait("Requires", "Azurite")]
[Collection(AzuriteCollection.Name)]
public sealed class MonitoringQueryTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private PersonalizationCluster _cluster = null!;
    private PersonalizationApiHost _api = null!;

    public async Task InitializeAsync()
    {
        _cluster = PersonalizationCluster.Create(new TestClusterSettings().UseAzureStorage(azurite.ConnectionString));
        await _cluster.InitializeAsync();
        _api = await PersonalizationApiHost.StartAsync(_cluster);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task Every_rule_and_dashboard_query_names_metrics_that_the_host_exposes_and_every_alert_has_a_runbook()
    {
        for (var i = 0; i < 3; i++)
        {
            var user = PersonalizationCluster.UniqueUser($"mon{i}");
            Assert.Equal(HttpStatusCode.OK, (await _api.Http.PostAsJsonAsync($"/v1/users/{user}/events", ApiRequests.Event(_cluster, $"{user}-e1", "mon-t1"))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await _api.Http.GetAsync($"/v1/users/{user}/recommendations?count=3")).StatusCode);
        }

        await _cluster.SyncModelAsync();
        var exposed = await ScrapedNamesAsync();
        var rules = MonitoringFiles.Rules();
        var recorded = rules.Where(r => r.Record is not null).Select(r => r.Record!).ToHashSet(StringComparer.Ordinal);
        var queries = rules.Select(r => (Where: r.Record ?? r.Alert!, r.Expr))
            .Concat(MonitoringFiles.DashboardQueries().Select(q => (Where: "dashboard: " + q.Panel, q.Expr)))
            .ToList();
        var named = queries.SelectMany(q => PromQl.MetricNames(q.Expr).Select(name => (q.Where, Name: name))).ToList();

        Assert.Contains(named, n => n.Name == "http_server_request_duration_seconds_bucket"); // the parser finds names at all
        Assert.All(queries, q => Assert.NotEmpty(PromQl.MetricNames(q.Expr)));
        var missing = named.Where(n => n.Name.Contains(':', StringComparison.Ordinal) ? !recorded.Contains(n.Name) : !exposed.Contains(n.Name))
            .Select(n => $"{n.Where}: {n.Name}").Distinct().ToList();
        Assert.True(missing.Count == 0, "not exposed by /metrics (nor recorded by a rule):\n" + string.Join("\n", missing));

        var anchors = MonitoringFiles.OperationsAnchors();
        Assert.All(rules.Where(r => r.Alert is not null), alert =>
        {
            Assert.NotNull(alert.Runbook);
            Assert.StartsWith("OPERATIONS.md#", alert.Runbook, StringComparison.Ordinal);
            Assert.Contains(alert.Runbook!["OPERATIONS.md#".Length..], anchors);
        });
    }

    /// <summary>The series names in the Prometheus text of /metrics (e.g. <c>..._bucket</c>, <c>..._total</c>).</summary>
    private async Task<IReadOnlySet<string>> ScrapedNamesAsync()
    {
        var scrape = await _api.ClientWith(null).GetAsync(Telemetry.MetricsPath);
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        var text = await scrape.Content.ReadAsStringAsync();
        return text.Split('\n')
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line[..line.IndexOfAny(['{', ' '])])
            .ToHashSet(StringComparer.Ordinal);
    }
}
