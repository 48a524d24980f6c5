using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Personalization.Testing;
using Personalization.Tests.Cluster;
using Personalization.Tests.Security;
using Personalization.Tests.Support;

namespace Personalization.Tests.Catalog;

/// <summary>The catalogue over HTTP: admin writes (idempotent), takedowns, the request rules, and ProblemDetails naming the field.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Catalog")]
[Trait("Requires", "None")]
public sealed class CatalogHttpTests(PersonalizationCluster cluster, ClassApiHost host) : IClassFixture<ClassApiHost>, IAsyncLifetime
{
    private PersonalizationApiHost _api = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _api = await host.StartOnceAsync(cluster);
        _admin = _api.ClientWith(_api.Tokens.Admin());
    }

    public Task DisposeAsync() => Task.CompletedTask; // the class's host stops after its last test

    private static object Track(string artist, params string[] markets) =>
        new { artists = new[] { new { id = artist, name = "The " + artist } }, markets, @explicit = false, album = "First", durationMs = 200000, releaseDate = "2026-11-20", genres = new[] { "pop" } };

    [Fact]
    public async Task An_admin_puts_a_track_twice_and_the_second_put_changes_nothing()
    {
        var id = PersonalizationCluster.UniqueUser("put");

        var first = await (await _admin.PutAsJsonAsync($"/v1/catalog/tracks/{id}", Track("put-artist", "SE", "NO"))).JsonAsync();
        var second = await (await _admin.PutAsJsonAsync($"/v1/catalog/tracks/{id}", Track("put-artist", "NO", "SE"))).JsonAsync();

        Assert.Equal(1, first.GetProperty("changed").GetInt32());
        Assert.Equal(0, second.GetProperty("changed").GetInt32());
        Assert.Equal(1, second.GetProperty("unchanged").GetInt32());
    }

    [Fact]
    public async Task A_service_token_may_not_write_the_catalogue()
    {
        var service = _api.ClientWith(_api.Tokens.Service("events:write", "recs:read"));

        var response = await service.PutAsJsonAsync($"/v1/catalog/tracks/{PersonalizationCluster.UniqueUser("svc")}", Track("svc-artist", "SE"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"artists":[{"id":"a1"}],"markets":["se"]}""", "track.markets[0]")]
    [InlineData("""{"artists":[],"markets":["SE"]}""", "track.artists")]
    [InlineData("""{"artists":[{"id":"a1"}],"markets":["SE"],"releaseDate":"20 Nov"}""", "track.releaseDate")]
    [InlineData("""{"trackId":"other","artists":[{"id":"a1"}],"markets":["SE"]}""", "track.trackId")]
    public async Task A_bad_track_is_a_validation_problem_naming_the_field(string body, string field)
    {
        var response = await _admin.PutAsync("/v1/catalog/tracks/bad-track", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.ShouldBeProblem(400);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_batch_with_one_bad_track_applies_nothing()
    {
        var good = PersonalizationCluster.UniqueUser("batch");
        var body = new { tracks = new object[] { new { trackId = good, artists = new[] { new { id = "x" } }, markets = new[] { "SE" } }, new { trackId = "b2", artists = new[] { new { id = "x" } }, markets = new[] { "Sweden" } } } };

        var response = await _admin.PostAsJsonAsync("/v1/catalog/tracks", body);
        await cluster.Catalog.SyncAsync();

        response.ShouldBeProblem(400);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("tracks[1].markets[0]", out _));
        var again = await (await _admin.PostAsJsonAsync("/v1/catalog/tracks", new { tracks = new[] { body.tracks[0] } })).JsonAsync();
        Assert.Equal(1, again.GetProperty("changed").GetInt32()); // the good track of the refused batch was not written
    }

    [Fact]
    public async Task Market_explicit_exclude_and_seed_over_http_and_a_takedown_by_delete()
    {
        var world = new CatalogWorld(cluster, PersonalizationCluster.UniqueUser("hm"));
        await world.SetUpAsync();
        var listener = await world.ListenerAsync("http-listener");
        var queued = world.Music.Track("a", 4);

        var list = await Recommendations($"/v1/users/{listener.UserId}/recommendations?count=10&market=SE&explicit=false&exclude={queued}");
        var radio = await Recommendations($"/v1/users/{PersonalizationCluster.UniqueUser("radio")}/recommendations?count=5&seed={world.Music.Track("c", 5)}");

        Assert.NotEmpty(list);
        Assert.All(list, t => Assert.True(world.Entry(t) is { Explicit: false } e && e.Markets.Contains("SE"), t));
        Assert.DoesNotContain(queued, list);
        Assert.Contains(world.Music.Track("c", 6), radio.Take(3));

        var gone = list[0];
        var deleted = await (await _admin.DeleteAsync($"/v1/catalog/tracks/{gone}")).JsonAsync();
        await cluster.Catalog.SyncAsync();
        var after = await Recommendations($"/v1/users/{listener.UserId}/recommendations?count=10");

        Assert.Equal(1, deleted.GetProperty("changed").GetInt32());
        Assert.DoesNotContain(gone, after);
        var export = await (await _api.ClientWith(_api.Tokens.Admin()).GetAsync($"/v1/users/{listener.UserId}/export")).Content.ReadAsStringAsync();
        Assert.Contains(world.Music.Track("a", 0), export, StringComparison.Ordinal); // the listener's history keeps what they played
    }

    [Theory]
    [InlineData("market=se", "market")]
    [InlineData("market=SE1", "market")]
    [InlineData("explicit=maybe", "explicit")]
    [InlineData("seed=not%20an%20id", "seed")]
    public async Task Bad_rules_are_validation_problems_naming_the_field(string query, string field)
    {
        foreach (var path in new[] { $"/v1/users/u1/recommendations?{query}", $"/v1/users/u1/discovery?{query}", $"/v1/blends/u1,u2?{query}" })
        {
            if (field == "seed" && !path.Contains("recommendations", StringComparison.Ordinal)) continue; // a seed is a recommendations rule
            var response = await _api.Http.GetAsync(path);

            response.ShouldBeProblem(400);
            Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _), path);
        }
    }

    private async Task<List<string>> Recommendations(string path)
    {
        var body = await (await _api.Http.GetAsync(path)).JsonAsync();
        return [.. body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("trackId").GetString()!)];
    }
}
