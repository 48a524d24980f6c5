using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Personalization.Client;
using Personalization.Client.Http;
using Personalization.Client.Security;

namespace Personalization.Testing;

/// <summary>
/// The real HTTP API (the same <see cref="HttpPipeline.UsePersonalizationHttp"/> pipeline the gateway and silo host:
/// authentication, rate limiting, authorization, validation, the console) on an in-memory test server
/// (<see cref="StartAsync"/>) or on Kestrel at a free 127.0.0.1 port for a browser (<see cref="StartOnLoopbackAsync"/>), talking to a
/// <see cref="PersonalizationTestCluster"/> through its client. Runs as Production with the kit's own signing key;
/// <see cref="Tokens"/> mints tokens the host accepts.
/// </summary>
public sealed class PersonalizationApiHost : IAsyncDisposable
{
    /// <summary>The secret the kit's hosts validate with (tests only; not the public development key).</summary>
    public const string SigningKey = "personalization-testing-kit-signing-key-0123456789";

    public const string Issuer = "personalization-tests";
    public const string Audience = "personalization-api";

    /// <summary>Configuration that makes any host of the API accept <see cref="Tokens"/> (e.g. a co-hosted test silo).</summary>
    public static IReadOnlyDictionary<string, string?> AuthSettings { get; } = new Dictionary<string, string?>
    {
        [$"{AuthOptions.SectionName}:{nameof(AuthOptions.SigningKey)}"] = SigningKey,
        [$"{AuthOptions.SectionName}:{nameof(AuthOptions.Issuer)}"] = Issuer,
        [$"{AuthOptions.SectionName}:{nameof(AuthOptions.Audience)}"] = Audience,
    };

    private readonly WebApplication _app;
    private readonly List<HttpClient> _clients = [];

    private readonly bool _loopback;

    private PersonalizationApiHost(WebApplication app, Uri baseAddress, bool loopback)
    {
        _app = app;
        _loopback = loopback;
        BaseAddress = baseAddress;
        Tokens = new TokenIssuer(Issuer, Audience, Encoding.UTF8.GetBytes(SigningKey));
        Http = ClientWith(Tokens.Service());
    }

    /// <summary>A client with a service token (scopes <c>events:write recs:read</c>): records and reads any user, may not delete or export.</summary>
    public HttpClient Http { get; }

    /// <summary>Mints tokens for this host (listener, service, admin, or any claims, lifetime and issuer).</summary>
    public TokenIssuer Tokens { get; }

    /// <summary>Where the host listens: <c>http://127.0.0.1:{port}/</c> on loopback, <c>http://localhost/</c> in memory.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The host's services (e.g. options).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts the API over <paramref name="cluster"/>. <paramref name="settings"/> override configuration (e.g.
    /// <c>Personalization:RateLimit:CallerPermitsPerWindow</c>); <paramref name="services"/> replaces services (e.g. a
    /// stub <c>IPersonalizationClient</c>).
    /// </summary>
    public static Task<PersonalizationApiHost> StartAsync(
        PersonalizationTestCluster cluster, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) =>
        StartAsync(cluster, settings, services, loopback: false);

    /// <summary>As <see cref="StartAsync"/>, on Kestrel at a port of 127.0.0.1 the kernel picks (<see cref="BaseAddress"/>): for a browser.</summary>
    public static Task<PersonalizationApiHost> StartOnLoopbackAsync(
        PersonalizationTestCluster cluster, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) =>
        StartAsync(cluster, settings, services, loopback: true);

    private static async Task<PersonalizationApiHost> StartAsync(
        PersonalizationTestCluster cluster, IReadOnlyDictionary<string, string?>? settings, Action<IServiceCollection>? services, bool loopback)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        if (loopback) builder.WebHost.UseUrls("http://127.0.0.1:0");
        else builder.WebHost.UseTestServer();
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(AuthSettings);
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<IGrainFactory>(cluster.Client);
        builder.Services.AddSingleton<TimeProvider>(cluster.Clock);
        builder.Services.AddPersonalizationApiServices(builder.Configuration);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.UsePersonalizationHttp(dashboard: false); // an API host over the kit's client; the silo hosts serve the dashboard
        await app.StartAsync();
        var baseAddress = loopback ? new Uri(app.Urls.Single().TrimEnd('/') + "/") : new Uri("http://localhost/");
        return new PersonalizationApiHost(app, baseAddress, loopback);
    }

    /// <summary>A client with a listener token for <paramref name="userId"/> (reads and writes only that user).</summary>
    public HttpClient ClientFor(string userId) => ClientWith(Tokens.Listener(userId));

    /// <summary>A client sending <paramref name="token"/> as bearer token (none when null).</summary>
    public HttpClient ClientWith(string? token)
    {
        var client = _loopback ? new HttpClient { BaseAddress = BaseAddress } : _app.GetTestClient();
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        lock (_clients) _clients.Add(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        lock (_clients)
        {
            foreach (var client in _clients) client.Dispose();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
