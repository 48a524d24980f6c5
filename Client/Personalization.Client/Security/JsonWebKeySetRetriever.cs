using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Personalization.Client.Security;

/// <summary>
/// Reads a bare JWKS document (<see cref="AuthOptions.JwksUri"/>) as the signing keys of an OpenID Connect
/// configuration, so the bearer handler's configuration manager caches and re-fetches it (key rotation) exactly as it
/// does an identity provider's discovery document.
/// </summary>
public sealed class JsonWebKeySetRetriever : IConfigurationRetriever<OpenIdConnectConfiguration>
{
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(retriever);
        var keys = new JsonWebKeySet(await retriever.GetDocumentAsync(address, cancel));
        var configuration = new OpenIdConnectConfiguration { JsonWebKeySet = keys };
        foreach (var key in keys.GetSigningKeys()) configuration.SigningKeys.Add(key);
        return configuration;
    }
}
