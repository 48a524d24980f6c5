using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Personalization.Testing;
using Personalization.Tests.Cluster;

namespace Personalization.Tests.Operations;

/// <summary>A log line written while a traced request runs carries that request's trace and span id in its scope.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Operations")]
[Trait("Requires", "None")]
public sealed class LogTraceTests(PersonalizationCluster cluster)
{
    [Fact]
    public async Task A_request_log_line_carries_the_trace_id_of_the_request()
    {
        using var spans = new SpanCollection();
        var capture = new ScopeCapture();
        await using var api = await PersonalizationApiHost.StartAsync(cluster, services: s => s.AddLogging(l => l
            .AddProvider(capture)
            .AddFilter<ScopeCapture>("Microsoft.AspNetCore.Hosting", LogLevel.Information)));
        var user = PersonalizationCluster.UniqueUser("logged");
        var (traceParent, traceId) = SpanCollection.NewTraceParent();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/users/{user}/recommendations?count=3");
        request.Headers.Add("traceparent", traceParent);

        var response = await api.Http.SendAsync(request);
        var trace = await spans.TraceAsync(traceId, s => s.Any(a => a.GetTagItem("http.route") is not null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var server = Assert.Single(trace, a => a.GetTagItem("http.route") is "/v1/users/{userId}/recommendations");
        var line = Assert.Single(capture.Lines, l => l.Message.StartsWith("Request starting", StringComparison.Ordinal) && l.Message.Contains(user, StringComparison.Ordinal));
        Assert.Equal(traceId.ToHexString(), line.Scope.GetValueOrDefault("TraceId"));
        Assert.Equal(server.SpanId.ToHexString(), line.Scope.GetValueOrDefault("SpanId"));
    }
}
