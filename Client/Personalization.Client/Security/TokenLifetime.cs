using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Personalization.Client.Security;

/// <summary>
/// The lifetime rule of the API's tokens: the usual <c>exp</c>/<c>nbf</c> checks, and a token may not be valid for
/// longer than <see cref="AuthOptions.MaxTokenLifetime"/> from its <c>iat</c> (else <c>nbf</c>): a leaked long-lived
/// token is refused even before it expires.
/// </summary>
public static class TokenLifetime
{
    public static LifetimeValidator Validator(TimeSpan maxLifetime) => (notBefore, expires, token, parameters) =>
    {
        var standard = parameters.Clone();
        standard.LifetimeValidator = null;
        Validators.ValidateLifetime(notBefore, expires, token, standard); // throws for an expired or not-yet-valid token
        var issuedAt = token is JsonWebToken { IssuedAt: var iat } && iat != DateTime.MinValue ? iat : notBefore;
        if (issuedAt is null || expires is null)
        {
            throw new SecurityTokenInvalidLifetimeException("The token carries neither iat nor nbf: its lifetime cannot be checked.");
        }

        if (expires.Value - issuedAt.Value > maxLifetime)
        {
            throw new SecurityTokenInvalidLifetimeException($"The token is valid for {expires.Value - issuedAt.Value}, longer than the allowed {maxLifetime}.");
        }

        return true;
    };
}
