using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Personalization.Client.Security;
using Personalization.Testing;
using Personalization.Tests.Cluster;
using Personalization.Tests.Security;
using Personalization.Tests.Support;

namespace Personalization.Tests.Beyond;

/// <summary>
/// Blend and discovery over HTTP: the same authorization as per-user reads (for a Blend, for every member), and
/// ProblemDetails for every error.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Beyond")]
[Trait("Requires", "None")]
public sealed class BlendHttpTests(PersonalizationCluster cluster, ClassApiHost host) : IClassFixture<ClassApiHost>, IAsyncLifetime
{
    private PersonalizationApiHost _api = null!;

    public async Task InitializeAsync() => _api = await host.StartOnceAsync(cluster);

    public Task DisposeAsync() => Task.CompletedTask; // the class's host stops after its last test

    [Fact]
    public async Task A_service_reads_a_blend_with_each_members_share_whatever_the_order_of_members()
    {
        var music = new Catalogue(cluster, PersonalizationCluster.UniqueUser("hb"));
        await music.TeachAsync("a", "b");
        var alice = cluster.Listener(PersonalizationCluster.UniqueUser("alice"));
        var bob = cluster.Listener(PersonalizationCluster.UniqueUser("bob"));
        await alice.CompleteAll(music.Songs("a", 0, 1)).SendAsync();
        await bob.CompleteAll(music.Songs("b", 0, 1)).SendAsync();

        var response = await _api.Http.GetAsync($"/v1/blends/{bob.UserId},{alice.UserId},{bob.UserId}?count=6");
        var body = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"{alice.UserId},{bob.UserId}", body.GetProperty("blendId").GetString());
        Assert.Equal(6, body.GetProperty("items").GetArrayLength());
        Assert.Equal(3, body.GetProperty("fairnessFloor").GetInt32());
        var shares = body.GetProperty("shares").EnumerateArray().ToDictionary(s => s.GetProperty("userId").GetString()!, s => s.GetProperty("items").GetInt32());
        Assert.True(shares[alice.UserId] >= 3 && shares[bob.UserId] >= 3, body.ToString());
        Assert.All(body.GetProperty("items").EnumerateArray(), i => Assert.False(string.IsNullOrEmpty(i.GetProperty("reason").GetString())));
    }

    [Theory]
    [InlineData("solo", "members")]
    [InlineData("h1,h2,h3,h4,h5,h6,h7,h8,h9", "members")]
    [InlineData("h1,h1", "members")]
    [InlineData("h1,h%202", "members[1]")]
    [InlineData("h1,,h2", "members[1]")]
    public async Task A_bad_member_list_is_a_validation_problem(string members, string field)
    {
        var response = await _api.Http.GetAsync($"/v1/blends/{members}");

        response.ShouldBeProblem(400);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("many")]
    public async Task A_bad_count_is_a_validation_problem(string count)
    {
        (await _api.Http.GetAsync($"/v1/blends/h1,h2?count={count}")).ShouldBeProblem(400);
        (await _api.Http.GetAsync($"/v1/users/h1/discovery?count={count}")).ShouldBeProblem(400);
    }

    [Fact]
    public async Task A_listener_token_reads_no_blend_that_names_another_listener()
    {
        var me = PersonalizationCluster.UniqueUser("me");
        var friend = PersonalizationCluster.UniqueUser("friend");
        var mine = _api.ClientFor(me);

        (await mine.GetAsync($"/v1/blends/{me},{friend}")).ShouldBeProblem(403);
        (await _api.ClientFor(PersonalizationCluster.UniqueUser("stranger")).GetAsync($"/v1/blends/{me},{friend}")).ShouldBeProblem(403);
        (await _api.ClientWith(null).GetAsync($"/v1/blends/{me},{friend}")).ShouldBeProblem(401);
        (await _api.ClientWith(_api.Tokens.Service(ApiClaims.EventsWrite)).GetAsync($"/v1/blends/{me},{friend}")).ShouldBeProblem(403);
        (await mine.GetAsync($"/v1/blends/{me},{me}")).ShouldBeProblem(400); // itself only: allowed to ask, but one member is too few
        Assert.Equal(HttpStatusCode.OK, (await _api.ClientWith(_api.Tokens.Admin()).GetAsync($"/v1/blends/{me},{friend}")).StatusCode);
    }

    [Fact]
    public async Task Discovery_follows_the_per_user_read_rule_and_gives_reasons()
    {
        var music = new Catalogue(cluster, PersonalizationCluster.UniqueUser("hd"));
        await music.TeachAsync("a", "b");
        var me = cluster.Listener(PersonalizationCluster.UniqueUser("me"));
        await me.CompleteAll(music.Songs("a", 0, 1)).SendAsync();

        var own = await _api.ClientFor(me.UserId).GetAsync($"/v1/users/{me.UserId}/discovery?count=5");
        var items = (await own.JsonAsync()).GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.StartsWith("discovery-", i.GetProperty("reasonCode").GetString(), StringComparison.Ordinal));
        Assert.DoesNotContain(items, i => i.GetProperty("trackId").GetString() is var t && (t == music.Track("a", 0) || t == music.Track("a", 1)));
        Assert.Equal(HttpStatusCode.OK, (await _api.Http.GetAsync($"/v1/users/{me.UserId}/discovery")).StatusCode);
        (await _api.ClientFor("someone-else").GetAsync($"/v1/users/{me.UserId}/discovery")).ShouldBeProblem(403);
        (await _api.ClientFor("bad id").GetAsync("/v1/users/bad%20id/discovery")).ShouldBeProblem(400);
    }

    [Fact]
    public async Task The_openapi_document_describes_both_endpoints()
    {
        var document = await _api.ClientWith(null).GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");

        Assert.True(paths.TryGetProperty("/v1/blends/{members}", out var blend));
        Assert.True(paths.TryGetProperty("/v1/users/{userId}/discovery", out _));
        Assert.True(blend.GetProperty("get").GetProperty("responses").TryGetProperty("403", out _));
    }
}
