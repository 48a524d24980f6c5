using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Personalization.Client;
using Personalization.Client.Http;

namespace Personalization.Testing;

/// <summary>
/// The real HTTP API (the same <see cref="PersonalizationApi.MapPersonalizationApi"/> pipeline the gateway and silo
/// host) on an in-memory test server, talking to a <see cref="PersonalizationCluster"/> through its client.
/// </summary>
public sealed class PersonalizationApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PersonalizationApiHost(WebApplication app, HttpClient client)
    {
        _app = app;
        Http = client;
    }

    public HttpClient Http { get; }

    public static async Task<PersonalizationApiHost> StartAsync(PersonalizationCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<IGrainFactory>(cluster.Client);
        builder.Services.AddSingleton<TimeProvider>(cluster.Clock);
        builder.Services.AddPersonalizationApiServices(builder.Configuration);
        var app = builder.Build();
        app.UsePersonalizationHttp();
        await app.StartAsync();
        return new PersonalizationApiHost(app, app.GetTestClient());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
