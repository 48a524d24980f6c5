using System.Diagnostics;
using Personalization.Client.Operations;

namespace Personalization.Tests.Operations;

/// <summary>What <see cref="TraceRedaction"/> leaves of user ids in span tags, and what it keeps readable.</summary>
[Trait("Category", "Operations")]
[Trait("Requires", "None")]
public sealed class TraceRedactionTests
{
    private readonly TraceRedaction _redaction = new("k1"u8.ToArray());

    [Fact]
    public void Grain_keys_become_a_keyed_hash_and_integer_keys_stay()
    {
        var hashed = _redaction.HashedGrainId("user/u0001");

        Assert.StartsWith("user/#", hashed, StringComparison.Ordinal);
        Assert.DoesNotContain("u0001", hashed, StringComparison.Ordinal);
        Assert.Equal(hashed, _redaction.HashedGrainId("user/u0001")); // the same listener's spans can be found together
        Assert.NotEqual(hashed, _redaction.HashedGrainId("user/u0002"));
        Assert.NotEqual(hashed, new TraceRedaction("k2"u8.ToArray()).HashedGrainId("user/u0001")); // keyed
        Assert.Equal("journalpartition/3", _redaction.HashedGrainId("journalpartition/3"));
    }

    [Fact]
    public void Storage_urls_lose_their_table_keys_and_query()
    {
        var url = TraceRedaction.WithoutKeys("http://127.0.0.1:10002/devstoreaccount1/Snapshots(PartitionKey='svc_u0001',RowKey='user_u0001')?$select=Data");

        Assert.Equal("http://127.0.0.1:10002/devstoreaccount1/Snapshots(*)", url);
    }

    [Fact]
    public void A_finished_span_keeps_its_route_not_its_path_and_loses_its_query()
    {
        using var span = new Activity("GET /v1/users/{userId}/recommendations").Start();
        span.SetTag("url.path", "/v1/users/u0001/recommendations");
        span.SetTag("url.query", "?count=5&user=u0001");
        span.SetTag("http.route", "/v1/users/{userId}/recommendations");
        span.SetTag("orleans.rpc.target_id", "user/u0001");
        span.Stop();

        _redaction.OnEnd(span);

        Assert.Equal("/v1/users/{userId}/recommendations", span.GetTagItem("url.path"));
        Assert.Null(span.GetTagItem("url.query"));
        Assert.Equal(_redaction.HashedGrainId("user/u0001"), span.GetTagItem("orleans.rpc.target_id"));
    }
}
