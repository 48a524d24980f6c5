using System.Net;
using System.Text;
using Personalization.Client.Security;
using Personalization.Testing;
using Personalization.Tests.Cluster;

namespace Personalization.Tests.Security;

/// <summary>
/// Hosts hold the identity provider's public keys only (finding 1): RS256 and ES256 tokens are validated against a JWKS
/// or an OpenID Connect discovery document served by the test on 127.0.0.1, a rotated key is fetched when a token names
/// it, the shared HS256 secret is then worth nothing, and no token may live longer than the configured maximum.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Security")]
[Trait("Requires", "None")]
public sealed class AsymmetricTokenTests(PersonalizationCluster cluster) : IAsyncLifetime
{
    private const string Issuer = PersonalizationApiHost.Issuer;
    private const string Audience = PersonalizationApiHost.Audience;
    private static readonly TimeSpan RotationTimeout = TimeSpan.FromSeconds(20);

    private TestIdentityProvider _provider = null!;

    public async Task InitializeAsync() => _provider = await TestIdentityProvider.StartAsync();

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    [Fact]
    public async Task Tokens_signed_with_the_published_keys_are_accepted_and_every_other_token_is_refused()
    {
        var rsa = TestIdentityProvider.Rsa("rsa-1");
        var ec = TestIdentityProvider.Ecdsa("ec-1");
        _provider.Publish(rsa, ec);
        await using var api = await StartAsync(new() { [Key(nameof(AuthOptions.JwksUri))] = _provider.JwksUri });
        var user = PersonalizationCluster.UniqueUser("jwks");
        var impostor = TestIdentityProvider.Rsa("rsa-1"); // same key id, another key: what a pod could mint without the private key

        Assert.Equal(HttpStatusCode.OK, await ProfileStatusAsync(api, user, rsa.Issuer(Issuer, Audience).Listener(user)));
        Assert.Equal(HttpStatusCode.OK, await ProfileStatusAsync(api, user, ec.Issuer(Issuer, Audience).Listener(user)));
        Assert.Equal(HttpStatusCode.Unauthorized, await ProfileStatusAsync(api, user, impostor.Issuer(Issuer, Audience).Listener(user)));
        Assert.Equal(HttpStatusCode.Unauthorized, await ProfileStatusAsync(api, user, KitToken(user))); // the HS256 secret opens nothing
        Assert.Equal(HttpStatusCode.Unauthorized, await ProfileStatusAsync(api, user, rsa.Issuer(Issuer, Audience).Create(user, lifetime: TimeSpan.FromHours(13))));
    }

    [Fact]
    public async Task A_rotated_key_is_fetched_when_a_token_names_it_and_the_retired_key_stops_working()
    {
        var old = TestIdentityProvider.Rsa("old");
        var rotated = TestIdentityProvider.Ecdsa("new");
        _provider.Publish(old);
        await using var api = await StartAsync(new()
        {
            [Key(nameof(AuthOptions.JwksUri))] = _provider.JwksUri,
            [Key(nameof(AuthOptions.KeyRefreshInterval))] = "00:00:01",
        });
        var user = PersonalizationCluster.UniqueUser("rotate");
        Assert.Equal(HttpStatusCode.OK, await ProfileStatusAsync(api, user, old.Issuer(Issuer, Audience).Listener(user)));
        var fetchesBefore = _provider.JwksFetches;

        _provider.Publish(rotated); // the provider rotates: the old key is withdrawn
        var accepted = await PollAsync(async () => await ProfileStatusAsync(api, user, rotated.Issuer(Issuer, Audience).Listener(user)) == HttpStatusCode.OK);

        Assert.True(accepted, $"A token signed with the rotated key was not accepted within {RotationTimeout}.");
        Assert.True(_provider.JwksFetches > fetchesBefore);
        Assert.Equal(HttpStatusCode.Unauthorized, await ProfileStatusAsync(api, user, old.Issuer(Issuer, Audience).Listener(user)));
    }

    [Fact]
    public async Task An_openid_connect_authority_names_the_keys_through_its_discovery_document()
    {
        var rsa = TestIdentityProvider.Rsa("oidc-1");
        _provider.Publish(rsa);
        await using var api = await StartAsync(new() { [Key(nameof(AuthOptions.Authority))] = _provider.Authority });
        var user = PersonalizationCluster.UniqueUser("oidc");

        Assert.Equal(HttpStatusCode.OK, await ProfileStatusAsync(api, user, rsa.Issuer(Issuer, Audience).Listener(user)));
        Assert.Equal(HttpStatusCode.Unauthorized, await ProfileStatusAsync(api, user, KitToken(user)));
    }

    [Fact]
    public async Task A_shared_key_token_longer_lived_than_the_maximum_is_refused()
    {
        await using var api = await PersonalizationApiHost.StartAsync(cluster, new Dictionary<string, string?> { [Key(nameof(AuthOptions.MaxTokenLifetime))] = "01:00:00" });
        var user = PersonalizationCluster.UniqueUser("life");

        Assert.Equal(HttpStatusCode.OK, await ProfileStatusAsync(api, user, api.Tokens.Create(user, lifetime: TimeSpan.FromMinutes(30))));
        Assert.Equal(HttpStatusCode.Unauthorized, await ProfileStatusAsync(api, user, api.Tokens.Create(user, lifetime: TimeSpan.FromHours(2))));
        Assert.Equal(HttpStatusCode.Unauthorized, await ProfileStatusAsync(api, user, api.Tokens.Create(user, lifetime: TimeSpan.FromDays(365))));
    }

    [Theory]
    [InlineData("https://idp.example/jwks", "a-shared-secret-of-at-least-32-bytes!!", true, "not both")]
    [InlineData("http://idp.example/jwks", null, true, "must use https")]
    [InlineData("not a uri", null, false, "absolute http(s) address")]
    public void Public_key_settings_are_validated_at_start(string jwks, string? secret, bool requireHttps, string message)
    {
        var errors = new AuthOptions { JwksUri = jwks, SigningKey = secret, RequireHttpsMetadata = requireHttps }.Validate(isDevelopment: false);
        Assert.Contains(errors, e => e.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Production", null, "only in the Development environment")]
    [InlineData("Staging", null, "only in the Development environment")]
    [InlineData(null, "10.96.0.1", "Kubernetes pod")]
    [InlineData("Development", "10.96.0.1", "Kubernetes pod")]
    public void The_token_command_refuses_to_run_outside_development(string? environmentName, string? kubernetes, string reason)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        string? Variable(string name) => name switch
        {
            "ASPNETCORE_ENVIRONMENT" => environmentName,
            DeploymentSignals.KubernetesServiceHost => kubernetes,
            _ => null,
        };

        var exit = DevTokenCommand.Run(["token", "--sub", "ops", "--role", "admin"], output, errors, Variable);

        Assert.Equal(3, exit);
        Assert.Equal("", output.ToString());
        Assert.Contains(reason, errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_token_command_refuses_a_lifetime_over_the_maximum()
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var exit = DevTokenCommand.Run(["token", "--sub", "ops", "--lifetime", "2.00:00:00"], output, errors, n => n == "ASPNETCORE_ENVIRONMENT" ? "Development" : null);

        Assert.Equal(2, exit);
        Assert.Contains(nameof(AuthOptions.MaxTokenLifetime), errors.ToString(), StringComparison.Ordinal);
    }

    private static string Key(string name) => $"{AuthOptions.SectionName}:{name}";

    private static string KitToken(string user) =>
        new TokenIssuer(Issuer, Audience, Encoding.UTF8.GetBytes(PersonalizationApiHost.SigningKey)).Listener(user);

    private Task<PersonalizationApiHost> StartAsync(Dictionary<string, string?> settings)
    {
        settings[Key(nameof(AuthOptions.SigningKey))] = ""; // no shared secret on this host
        settings[Key(nameof(AuthOptions.RequireHttpsMetadata))] = "false"; // the test's provider is plain HTTP on loopback
        return PersonalizationApiHost.StartAsync(cluster, settings);
    }

    private static async Task<HttpStatusCode> ProfileStatusAsync(PersonalizationApiHost api, string user, string token) =>
        (await api.ClientWith(token).GetAsync($"/v1/users/{user}/profile")).StatusCode;

    private static async Task<bool> PollAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + RotationTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return true;
            await Task.Delay(250); // the key document is re-read in the background; poll the observable outcome, bounded
        }

        return false;
    }
}
