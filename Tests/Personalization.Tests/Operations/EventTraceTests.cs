using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Personalization.Abstractions;
using Personalization.Testing;
using Personalization.Tests.Durability;
using Personalization.Tests.Security;

namespace Personalization.Tests.Operations;

/// <summary>
/// One HTTP event, traced with the production pipeline on a two-silo cluster over Azure Table storage (Azurite):
/// gateway → user grain → journal commit → partition writer → segment insert → the storage HTTP call, one tree.
/// </summary>
[Trait("Category", "Operations")]
[Trait("Requires", "Azurite")]
[Collection(AzuriteCollection.Name)]
public sealed class EventTraceTests(AzuriteFixture azurite) : IAsyncLifetime
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
    public async Task An_events_span_tree_runs_from_the_request_through_the_grain_and_journal_commit_to_the_storage_call()
    {
        using var log = new SpanCollection();
        var user = PersonalizationCluster.UniqueUser("traced");
        var (traceParent, traceId) = SpanCollection.NewTraceParent();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/users/{user}/events")
        {
            Content = JsonContent.Create(ApiRequests.Event(_cluster, "tr-e1", "tr-t1")),
        };
        request.Headers.Add("traceparent", traceParent);

        var response = await _api.Http.SendAsync(request);
        var tree = new SpanTree(await log.TraceAsync(traceId, spans =>
            spans.Any(s => s.Source.Name == "Microsoft.AspNetCore" || s.Kind == ActivityKind.Server && s.DisplayName.Contains("/events", StringComparison.Ordinal))
            && spans.Any(s => s.DisplayName == "storage.insert")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var gateway = Assert.Single(tree.Spans, s => s.Kind == ActivityKind.Server && s.GetTagItem("http.route") is "/v1/users/{userId}/events");
        var call = tree.Single(ActivitySourceNames.OrleansApplication, "IUserGrain/RecordAsync", ActivityKind.Client);
        var grain = tree.Single(ActivitySourceNames.OrleansApplication, "IUserGrain/RecordAsync", ActivityKind.Server);
        var commit = tree.Single(ActivitySourceNames.Personalization, "journal.commit", ActivityKind.Internal);
        var writer = tree.Single(ActivitySourceNames.OrleansApplication, "IJournalPartitionGrain/AppendAsync", ActivityKind.Server);
        var insert = tree.Single(ActivitySourceNames.Personalization, "storage.insert", ActivityKind.Client);
        var storageCall = Assert.Single(tree.Spans, s => s.Kind == ActivityKind.Client && (s.GetTagItem("url.full") as string ?? "").EndsWith("/$batch", StringComparison.Ordinal));

        Assert.Equal(call.SpanId, grain.ParentSpanId); // the grain call's parent link is intact across the silo boundary
        tree.ShouldNest(gateway, call, grain, commit, writer, insert, storageCall);
        Assert.Equal(ActivityTraceId.CreateFromString(traceParent.AsSpan(3, 32)), gateway.TraceId);
        Assert.Equal("/v1/users/{userId}/events", gateway.GetTagItem("url.path")); // the path's user id is replaced by the route
        tree.ShouldNotMention(user);
    }
}
