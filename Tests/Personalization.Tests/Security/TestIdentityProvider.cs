using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using Personalization.Client.Security;

namespace Personalization.Tests.Security;

/// <summary>
/// An identity provider played by the test on 127.0.0.1: locally generated RSA and ECDSA key pairs, their public halves
/// served as a JWKS (<c>/jwks</c>) and an OpenID Connect discovery document (<c>/.well-known/openid-configuration</c>).
/// <see cref="Publish"/> changes the served keys (rotation); <see cref="JwksFetches"/> counts how often they were read.
/// </summary>
internal sealed class TestIdentityProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private volatile SigningKey[] _published = [];
    private int _fetches;

    private TestIdentityProvider(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    public string Authority => Address.ToString().TrimEnd('/');

    public string JwksUri => new Uri(Address, "jwks").ToString();

    public int JwksFetches => Volatile.Read(ref _fetches);

    public static async Task<TestIdentityProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var provider = new TestIdentityProvider(app);
        app.MapGet("/jwks", provider.Jwks);
        app.MapGet("/.well-known/openid-configuration", () => Results.Text(
            JsonSerializer.Serialize(new Dictionary<string, object> { ["issuer"] = provider.Authority, ["jwks_uri"] = provider.JwksUri }), "application/json"));
        await app.StartAsync();
        provider.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/");
        return provider;
    }

    /// <summary>A new RSA (RS256) key pair with key id <paramref name="kid"/>; not served until published.</summary>
    public static SigningKey Rsa(string kid) => new(new RsaSecurityKey(RSA.Create(2048)) { KeyId = kid }, SecurityAlgorithms.RsaSha256);

    /// <summary>A new ECDSA P-256 (ES256) key pair with key id <paramref name="kid"/>; not served until published.</summary>
    public static SigningKey Ecdsa(string kid) => new(new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = kid }, SecurityAlgorithms.EcdsaSha256);

    /// <summary>Serves exactly these keys' public halves from now on.</summary>
    public void Publish(params SigningKey[] keys) => _published = keys;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private IResult Jwks()
    {
        Interlocked.Increment(ref _fetches);
        return Results.Text(JsonSerializer.Serialize(new { keys = _published.Select(k => k.PublicJwk()).ToArray() }), "application/json");
    }

    /// <summary>A key pair: signs tokens (private half) and describes its public half as a JWK.</summary>
    internal sealed record SigningKey(AsymmetricSecurityKey Key, string Algorithm)
    {
        public TokenIssuer Issuer(string issuer, string audience) => new(issuer, audience, new SigningCredentials(Key, Algorithm));

        public Dictionary<string, string> PublicJwk() => Key switch
        {
            RsaSecurityKey rsa => RsaJwk(rsa.Rsa.ExportParameters(includePrivateParameters: false), rsa.KeyId),
            ECDsaSecurityKey ec => EcJwk(ec.ECDsa.ExportParameters(includePrivateParameters: false), ec.KeyId),
            _ => throw new NotSupportedException(Key.GetType().Name),
        };

        private Dictionary<string, string> RsaJwk(RSAParameters p, string kid) => new()
        {
            ["kty"] = "RSA", ["use"] = "sig", ["alg"] = Algorithm, ["kid"] = kid,
            ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent),
        };

        private Dictionary<string, string> EcJwk(ECParameters p, string kid) => new()
        {
            ["kty"] = "EC", ["use"] = "sig", ["alg"] = Algorithm, ["kid"] = kid, ["crv"] = "P-256",
            ["x"] = Base64UrlEncoder.Encode(p.Q.X), ["y"] = Base64UrlEncoder.Encode(p.Q.Y),
        };
    }
}
