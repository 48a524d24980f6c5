using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Personalization.Client.Security;

/// <summary>
/// JWT bearer authentication (the identity provider's public keys, or an HS256 secret for development and tests), the
/// API's authorization policies and the per-caller rate limiter; options validated at start.
/// </summary>
public static class SecurityServices
{
    public static IServiceCollection AddPersonalizationSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName))
            .Validate(o => o.Validate().Count == 0, "Personalization:RateLimit is invalid (Window in (0, 1 h], permits positive).")
            .ValidateOnStart();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>, IHostEnvironment, ILoggerFactory>(ConfigureBearer);

        services.AddSingleton<IAuthorizationHandler, UserAccessRequirement.Handler>();
        services.AddSingleton<IAuthorizationHandler, BlendAccessRequirement.Handler>();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(ApiPolicies.WriteEvents, p => p.AddRequirements(new UserAccessRequirement(ApiClaims.EventsWrite)))
            .AddPolicy(ApiPolicies.ReadUser, p => p.AddRequirements(new UserAccessRequirement(ApiClaims.RecsRead)))
            .AddPolicy(ApiPolicies.ReadBlend, p => p.AddRequirements(new BlendAccessRequirement()))
            .AddPolicy(ApiPolicies.ExportUser, p => p.AddRequirements(new UserAccessRequirement(serviceScope: null)))
            .AddPolicy(ApiPolicies.Admin, p => p.RequireAuthenticatedUser().RequireRole(ApiClaims.AdminRole));

        services.AddRateLimiter(CallerRateLimit.Configure);
        return services;
    }

    private static void ConfigureBearer(JwtBearerOptions jwt, IOptions<AuthOptions> authOptions, IHostEnvironment environment, ILoggerFactory loggers)
    {
        var auth = authOptions.Value;
        var development = environment.IsDevelopment();
        if (auth.UsesDevelopmentKey(development))
        {
            loggers.CreateLogger(typeof(SecurityServices)).LogWarning(
                "HTTP API tokens are validated with the public DEVELOPMENT signing key (environment {Environment}). Configure {Section}:SigningKey outside development.",
                environment.EnvironmentName, AuthOptions.SectionName);
        }

        jwt.MapInboundClaims = false;
        jwt.IncludeErrorDetails = true;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = auth.Issuer,
            ValidAudience = auth.Audience,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateIssuerSigningKey = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            LifetimeValidator = TokenLifetime.Validator(auth.MaxTokenLifetime),
            ClockSkew = auth.ClockSkew,
            NameClaimType = ApiClaims.Subject,
            RoleClaimType = ApiClaims.Role,
        };
        if (auth.UsesPublicKeys) UsePublicKeys(jwt, auth);
        else
        {
            jwt.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(auth.KeyBytes(development));
            jwt.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
        }
    }

    /// <summary>
    /// The identity provider's public keys (RS256/ES256 only), cached by one configuration manager and fetched again when
    /// a token names a key it does not hold (at most every <see cref="AuthOptions.KeyRefreshInterval"/>). No "last known
    /// good" fallback: a key withdrawn from the provider's document stops working as soon as the document is re-read
    /// (a failed fetch keeps the current keys).
    /// </summary>
    private static void UsePublicKeys(JwtBearerOptions jwt, AuthOptions auth)
    {
        jwt.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];
        jwt.RefreshOnIssuerKeyNotFound = true;
        jwt.RequireHttpsMetadata = auth.RequireHttpsMetadata;
        var documents = new HttpDocumentRetriever { RequireHttps = auth.RequireHttpsMetadata };
        var keys = string.IsNullOrEmpty(auth.JwksUri)
            ? new ConfigurationManager<OpenIdConnectConfiguration>(auth.DiscoveryAddress, new OpenIdConnectConfigurationRetriever(), documents)
            : new ConfigurationManager<OpenIdConnectConfiguration>(auth.JwksUri, new JsonWebKeySetRetriever(), documents);
        keys.RefreshInterval = auth.KeyRefreshInterval;
        keys.UseLastKnownGoodConfiguration = false;
        jwt.ConfigurationManager = keys;
    }
}
