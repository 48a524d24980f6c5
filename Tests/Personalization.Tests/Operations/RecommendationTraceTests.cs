using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Personalization.Abstractions;
using Personalization.Engine;
using Personalization.Engine.Ranking;
using Personalization.Engine.Synthetic;
using Personalization.Testing;
using Personalization.Tests.Quality;
using Personalization.Tests.Security;

namespace Personalization.Tests.Operations;

/// <summary>A recommendation's span tree shows the engine's stages under the grain call: candidates, then the learned re-rank.</summary>
[Trait("Category", "Operations")]
[Trait("Requires", "None")]
public sealed class RecommendationTraceTests(EagerRankerCluster cluster) : IClassFixture<EagerRankerCluster>
{
    [Fact]
    public async Task A_recommendations_span_tree_shows_the_candidates_and_re_rank_stages_inside_the_grain_call()
    {
        var world = SyntheticWorld.Create(new SyntheticWorldOptions { Listeners = 30, SessionsPerListener = 3, Start = cluster.Clock.Now.AddDays(-3) });
        await cluster.SeedAsync(world); // trains the silo's re-ranker
        Assert.NotNull(cluster.SiloServices().Single().GetRequiredService<LearnedRanker>().Current);
        await using var api = await PersonalizationApiHost.StartAsync(cluster);
        var user = world.Listeners[0].UserId;
        var played = world.Events().Last(e => e.UserId == user);
        Assert.Equal(HttpStatusCode.OK, (await api.Http.PostAsJsonAsync($"/v1/users/{user}/events", new
        {
            eventId = "trace-now", trackId = played.TrackId, artistId = played.ArtistId, kind = "complete",
            timestamp = cluster.Clock.Now, positionMs = 200000, durationMs = 200000,
        })).StatusCode); // a session is active now: the re-ranker orders what is served

        using var log = new SpanCollection();
        var (traceParent, traceId) = SpanCollection.NewTraceParent();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/users/{user}/recommendations?count=10");
        request.Headers.Add("traceparent", traceParent);
        var response = await api.Http.SendAsync(request);
        var tree = new SpanTree(await log.TraceAsync(traceId, spans =>
            spans.Any(s => s.Kind == ActivityKind.Server && s.GetTagItem("http.route") is not null)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var gateway = Assert.Single(tree.Spans, s => s.Kind == ActivityKind.Server && s.GetTagItem("http.route") is "/v1/users/{userId}/recommendations");
        var grain = tree.Single(ActivitySourceNames.OrleansApplication, "IUserGrain/RecommendAsync", ActivityKind.Server);
        var candidates = tree.Single(ActivitySourceNames.Engine, EngineTracing.Candidates, ActivityKind.Internal);
        var rerank = tree.Single(ActivitySourceNames.Engine, EngineTracing.Rerank, ActivityKind.Internal);
        tree.ShouldNest(gateway, grain, candidates);
        tree.ShouldNest(grain, rerank);
        Assert.True(candidates.StartTimeUtc <= rerank.StartTimeUtc, "the re-rank orders the candidates gathered before it");
        Assert.Equal(EngineTracing.SourceName, ActivitySourceNames.Engine); // the hosts listen to the engine's own source name
        tree.ShouldNotMention(user);
    }
}
