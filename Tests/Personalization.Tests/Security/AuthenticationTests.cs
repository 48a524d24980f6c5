using System.Net;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Personalization.Client.Security;
using Personalization.Testing;
using Personalization.Tests.Cluster;
using Personalization.Tests.Support;

namespace Personalization.Tests.Security;

/// <summary>Every API endpoint refuses requests without a valid token (401 ProblemDetails); health and docs stay open.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Security")]
[Trait("Requires", "None")]
public sealed class AuthenticationTests(PersonalizationCluster cluster, ClassApiHost host) : IClassFixture<ClassApiHost>, IAsyncLifetime
{
    private PersonalizationApiHost _api = null!;

    // One host for the class: its tests send 18 requests without a valid token in all, under the 20 a second that
    // anonymous callers (one partition here) get, so none is ever rate limited instead of refused.
    public async Task InitializeAsync() => _api = await host.StartOnceAsync(cluster);

    public Task DisposeAsync() => Task.CompletedTask; // the class's host stops after its last test

    public static TheoryData<string> Endpoints => new() { "GET profile", "GET recommendations", "GET export", "POST events", "DELETE " };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Every_endpoint_refuses_a_request_without_a_token(string endpoint)
    {
        var (method, path) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1]);
        using var request = new HttpRequestMessage(new HttpMethod(method), $"/v1/users/{PersonalizationCluster.UniqueUser("anon")}/{path}".TrimEnd('/'));
        if (method == "POST") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");

        var response = await _api.ClientWith(null).SendAsync(request);

        response.ShouldBeProblem(401);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    public static TheoryData<string> BadTokens => new() { "expired", "wrong-audience", "wrong-issuer", "bad-signature", "alg-none", "garbage", "no-expiry" };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Invalid_tokens_are_refused_with_401(string kind)
    {
        var user = PersonalizationCluster.UniqueUser("tok");
        var token = kind switch
        {
            "expired" => _api.Tokens.Create(user, issuedAt: DateTimeOffset.UtcNow.AddHours(-2), lifetime: TimeSpan.FromHours(1)),
            "wrong-audience" => _api.Tokens.Create(user, audience: "someone-else"),
            "wrong-issuer" => _api.Tokens.Create(user, issuer: "evil-issuer"),
            "bad-signature" => new TokenIssuer(PersonalizationApiHost.Issuer, PersonalizationApiHost.Audience, Encoding.UTF8.GetBytes(DevelopmentKey.Value)).Listener(user),
            "alg-none" => Unsigned(user),
            "no-expiry" => WithoutExpiry(user),
            _ => "not.a.jwt",
        };

        var response = await _api.ClientWith(token).GetAsync($"/v1/users/{user}/profile");

        response.ShouldBeProblem(401);
    }

    [Fact]
    public async Task A_tampered_payload_is_refused()
    {
        var user = PersonalizationCluster.UniqueUser("tamper");
        var parts = _api.Tokens.Listener(user).Split('.');
        var payload = Base64UrlEncoder.Encode($$"""{"sub":"{{user}}","role":"admin","iss":"{{PersonalizationApiHost.Issuer}}","aud":"{{PersonalizationApiHost.Audience}}","exp":{{DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()}}}""");

        var response = await _api.ClientWith($"{parts[0]}.{payload}.{parts[2]}").DeleteAsync($"/v1/users/{user}");

        response.ShouldBeProblem(401);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/docs/")]
    public async Task Health_and_docs_need_no_token(string path)
    {
        var response = await _api.ClientWith(null).GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_declares_bearer_auth_and_every_endpoint()
    {
        var document = await (await _api.ClientWith(null).GetAsync("/openapi/v1.json")).JsonAsync();

        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/v1/users/{userId}/events", "/v1/users/{userId}/recommendations", "/v1/users/{userId}/profile", "/v1/users/{userId}/export", "/v1/users/{userId}", "/v1/catalog/tracks", "/v1/catalog/tracks/{trackId}" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }

        Assert.True(paths.GetProperty("/v1/users/{userId}/events").GetProperty("post").GetProperty("responses").TryGetProperty("429", out _));
    }

    private static string Unsigned(string user) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = PersonalizationApiHost.Issuer,
            Audience = PersonalizationApiHost.Audience,
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = new Dictionary<string, object> { ["sub"] = user, ["role"] = "admin" },
        });

    private static string WithoutExpiry(string user) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = PersonalizationApiHost.Issuer,
            Audience = PersonalizationApiHost.Audience,
            Claims = new Dictionary<string, object> { ["sub"] = user },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(PersonalizationApiHost.SigningKey)), SecurityAlgorithms.HmacSha256),
        });
}
