using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Personalization.Testing;
using Personalization.Tests.Cluster;
using Personalization.Tests.Support;

namespace Personalization.Tests.Console;

/// <summary><c>GET /v1/model/status</c>, which the console's model view reads: admin only, what the answering silo's model knows, bad input refused.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Console")]
[Trait("Requires", "None")]
public sealed class ModelStatusApiTests(PersonalizationCluster cluster, ClassApiHost host) : IClassFixture<ClassApiHost>, IAsyncLifetime
{
    private PersonalizationApiHost _api = null!;

    public async Task InitializeAsync() => _api = await host.StartOnceAsync(cluster);

    public Task DisposeAsync() => Task.CompletedTask; // the class's host stops after its last test

    [Fact]
    public async Task An_admin_reads_what_the_model_learned_with_the_heaviest_trending_tracks_first()
    {
        await ConsoleDemo.SeedAsync(cluster, "mstat"); // the fans teach the model 5 tracks (seed, t1–t4)
        var status = await _api.ClientWith(_api.Tokens.Admin()).GetFromJsonAsync<JsonElement>("/v1/model/status?trending=3");

        var trending = status.GetProperty("trending").EnumerateArray().Select(t => t.GetProperty("weight").GetDouble()).ToList();
        Assert.True(status.GetProperty("tracksKnown").GetInt32() >= 5, status.ToString());
        Assert.Equal(JsonValueKind.String, status.GetProperty("lastRefreshed").ValueKind);
        // Observation counts are the answering silo's own (its grains may not have published any of these).
        Assert.True(status.GetProperty("observationsApplied").GetInt64() <= status.GetProperty("observationsPublished").GetInt64(), status.ToString());
        Assert.Equal(3, trending.Count);
        Assert.Equal(trending.OrderByDescending(w => w), trending);
        Assert.False(string.IsNullOrEmpty(status.GetProperty("silo").GetString()));
        Assert.True(status.GetProperty("ranker").GetProperty("examplesSeen").GetInt64() >= 0);
        var memory = status.GetProperty("memory");
        Assert.True(memory.GetProperty("readModelBytes").GetInt64() > 0, memory.ToString());
        Assert.True(memory.GetProperty("readModelSourceTracks").GetInt32() >= 1, memory.ToString());
        Assert.Equal(JsonValueKind.True, memory.GetProperty("restored").ValueKind);
    }

    [Fact]
    public async Task Only_an_admin_may_read_it()
    {
        var listener = await _api.ClientFor("someone").GetAsync("/v1/model/status");
        var service = await _api.Http.GetAsync("/v1/model/status");
        var anonymous = await _api.ClientWith(null).GetAsync("/v1/model/status");

        Assert.Equal(HttpStatusCode.Forbidden, listener.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, service.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("101")]
    [InlineData("many")]
    public async Task A_bad_trending_count_is_a_400_naming_the_field(string trending)
    {
        var response = await _api.ClientWith(_api.Tokens.Admin()).GetAsync($"/v1/model/status?trending={trending}");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("trending", out _), problem.ToString());
    }
}
