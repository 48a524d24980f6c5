using System.Net;
using Personalization.Client.Security;
using Personalization.Testing;
using Personalization.Tests.Cluster;

namespace Personalization.Tests.Security;

/// <summary>Per-caller limits: past the window's permits a caller gets 429 ProblemDetails with Retry-After; others are unaffected.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Security")]
[Trait("Requires", "None")]
public sealed class RateLimitTests(PersonalizationCluster cluster) : IAsyncLifetime
{
    private PersonalizationApiHost _api = null!;

    public async Task InitializeAsync() => _api = await PersonalizationApiHost.StartAsync(cluster, new Dictionary<string, string?>
    {
        [$"{RateLimitOptions.SectionName}:{nameof(RateLimitOptions.Window)}"] = "00:01:00",
        [$"{RateLimitOptions.SectionName}:{nameof(RateLimitOptions.CallerPermitsPerWindow)}"] = "3",
        [$"{RateLimitOptions.SectionName}:{nameof(RateLimitOptions.ServicePermitsPerWindow)}"] = "5",
    });

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_listener_over_its_limit_gets_429_with_retry_after_and_others_are_unaffected()
    {
        var me = PersonalizationCluster.UniqueUser("greedy");
        var other = PersonalizationCluster.UniqueUser("calm");
        var http = _api.ClientFor(me);

        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/v1/users/{me}/profile")).StatusCode);
        var limited = await http.GetAsync($"/v1/users/{me}/profile");
        var calm = await _api.ClientFor(other).GetAsync($"/v1/users/{other}/profile");

        limited.ShouldBeProblem(429);
        var retryAfter = int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal(HttpStatusCode.OK, calm.StatusCode);
    }

    [Fact]
    public async Task A_service_token_has_its_own_larger_limit_and_health_is_never_limited()
    {
        var service = _api.ClientWith(_api.Tokens.Create("svc-limit", [ApiClaims.RecsRead]));
        var user = PersonalizationCluster.UniqueUser("svc");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++) statuses.Add((await service.GetAsync($"/v1/users/{user}/profile")).StatusCode);
        for (var i = 0; i < 10; i++) Assert.Equal(HttpStatusCode.OK, (await _api.ClientWith(null).GetAsync("/health/live")).StatusCode);

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task A_scope_the_api_does_not_define_leaves_a_listener_in_the_listener_tier()
    {
        // An identity provider's listener token carries "openid profile": it must not buy the service tier (finding 4).
        var me = PersonalizationCluster.UniqueUser("oidc");
        var http = _api.ClientWith(_api.Tokens.Create(me, ["openid", "profile", "events:read"]));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) statuses.Add((await http.GetAsync($"/v1/users/{me}/profile")).StatusCode);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Anonymous_floods_are_limited_too()
    {
        var anonymous = _api.ClientWith("not-a-token");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++) statuses.Add((await anonymous.GetAsync($"/v1/users/{PersonalizationCluster.UniqueUser("x")}/profile")).StatusCode);

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.DoesNotContain(HttpStatusCode.OK, statuses);
    }
}
