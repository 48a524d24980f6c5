using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Personalization.Testing;
using Personalization.Tests.Cluster;
using Personalization.Tests.Support;

namespace Personalization.Tests.Http;

[Collection(ClusterCollection.Name)]
[Trait("Category", "Http")]
[Trait("Requires", "None")]
public sealed class HttpApiTests(PersonalizationCluster cluster, ClassApiHost host) : IClassFixture<ClassApiHost>, IAsyncLifetime
{
    private PersonalizationApiHost _api = null!;

    public async Task InitializeAsync() => _api = await host.StartOnceAsync(cluster);

    public Task DisposeAsync() => Task.CompletedTask; // the class's host stops after its last test

    [Fact]
    public async Task Posting_a_batch_then_reading_profile_and_recommendations_works_end_to_end()
    {
        var user = PersonalizationCluster.UniqueUser("http");
        var now = cluster.Clock.Now;
        var body = new
        {
            events = new object[]
            {
                new { eventId = "h1", trackId = "http-t1", artistId = "http-a1", kind = "play", timestamp = now.AddMinutes(-8) },
                new { eventId = "h2", trackId = "http-t1", artistId = "http-a1", kind = "complete", timestamp = now.AddMinutes(-4), positionMs = 240000, durationMs = 240000 },
                new { eventId = "h3", trackId = "http-t2", artistId = "http-a1", kind = "like", timestamp = now.AddMinutes(-3) },
            },
        };

        var post = await _api.Http.PostAsJsonAsync($"/v1/users/{user}/events", body);
        var result = await post.Content.ReadFromJsonAsync<JsonElement>();
        var profile = await _api.Http.GetFromJsonAsync<JsonElement>($"/v1/users/{user}/profile");
        var recs = await _api.Http.GetAsync($"/v1/users/{user}/recommendations?count=5");

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(3, result.GetProperty("applied").GetInt32());
        Assert.Equal("http-a1", profile.GetProperty("topArtists")[0].GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, recs.StatusCode);
    }

    [Fact]
    public async Task A_single_event_object_is_accepted()
    {
        var user = PersonalizationCluster.UniqueUser("single");
        var post = await _api.Http.PostAsJsonAsync($"/v1/users/{user}/events", new { eventId = "s1", trackId = "s-t1", artistId = "s-a1", kind = "save" });
        var result = await post.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(1, result.GetProperty("sequence").GetInt64());
    }

    [Theory]
    [InlineData("""{"eventId":"b1","trackId":"t1","artistId":"a1","kind":"bogus"}""", "event.kind")]
    [InlineData("""{"eventId":"b1","trackId":"t 1","artistId":"a1","kind":"play"}""", "event.trackId")]
    [InlineData("""{"eventId":"b1","trackId":"t1","artistId":"a1","kind":"skip"}""", "event.positionMs")]
    [InlineData("""{"eventId":"b1","trackId":"t1","artistId":"a1","kind":"complete","positionMs":5000,"durationMs":1000}""", "event.positionMs")]
    [InlineData("""{"eventId":"b1","trackId":"t1","artistId":"a1","kind":"play","positionMs":"x"}""", "event.positionMs")]
    [InlineData("""{"trackId":"t1","artistId":"a1","kind":"play"}""", "event.eventId")]
    [InlineData("""{"events":[{"eventId":"b1","trackId":"t1","artistId":"a1","kind":"play"},{"eventId":"b2","trackId":"t1","artistId":"a1","kind":"play","timestamp":"2999-01-01T00:00:00Z"}]}""", "events[1].timestamp")]
    [InlineData("""[1,2]""", "events[0]")]
    [InlineData("""{"events":"x"}""", "events")]
    [InlineData("""not json""", "body")]
    public async Task Bad_input_gets_400_problem_details_naming_the_field_and_changes_nothing(string json, string field)
    {
        var user = PersonalizationCluster.UniqueUser("bad");
        using var content = new StringContent(json, Encoding.UTF8, "application/json");

        var response = await _api.Http.PostAsync($"/v1/users/{user}/events", content);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var profile = await cluster.User(user).GetProfileAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
        Assert.Equal(0, profile.Sequence);
    }

    [Theory]
    [InlineData("count=0", "count")]
    [InlineData("count=101", "count")]
    [InlineData("count=abc", "count")]
    [InlineData("exclude=a%20b", "exclude[0]")]
    public async Task Bad_recommendation_queries_get_400(string query, string field)
    {
        var response = await _api.Http.GetAsync($"/v1/users/{PersonalizationCluster.UniqueUser("q")}/recommendations?{query}");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task A_body_that_is_not_json_content_gets_415()
    {
        using var content = new StringContent("{}", Encoding.UTF8, "text/plain");
        var response = await _api.Http.PostAsync($"/v1/users/{PersonalizationCluster.UniqueUser("ct")}/events", content);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task An_invalid_user_id_gets_400()
    {
        var response = await _api.Http.GetAsync("/v1/users/bad%20user/profile");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Delete_removes_the_user()
    {
        var user = PersonalizationCluster.UniqueUser("del");
        await cluster.Listener(user).Complete("del-t1", "del-a1").SendAsync();

        var delete = await _api.ClientWith(_api.Tokens.Admin()).DeleteAsync($"/v1/users/{user}");
        var profile = await _api.Http.GetFromJsonAsync<JsonElement>($"/v1/users/{user}/profile");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(0, profile.GetProperty("sequence").GetInt64());
    }
}
