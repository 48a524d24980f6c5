using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Personalization.Client;
using Personalization.Client.Http;
using Personalization.Client.Security;
using Personalization.Grains.Hosting;
using Personalization.Testing;
using Personalization.Tests.Durability;
using Personalization.Testing.Processes;

namespace Personalization.Tests.Security;

/// <summary>
/// The Orleans Dashboard, served by a silo host exactly as <c>Silo/Program.cs</c> builds it (co-hosted HTTP, the
/// production silo configuration), is for the admin role only: its page and every route it maps.
/// </summary>
[Trait("Category", "Security")]
[Trait("Requires", "None")]
public sealed partial class DashboardAccessTests : IAsyncLifetime
{
    private readonly TokenIssuer _tokens = new(PersonalizationApiHost.Issuer, PersonalizationApiHost.Audience, Encoding.UTF8.GetBytes(PersonalizationApiHost.SigningKey));
    private WebApplication _silo = null!;

    public async Task InitializeAsync() => _silo = await StartSiloHostAsync();

    /// <summary>A silo host built as <c>Silo/Program.cs</c> builds it, on a test server, with <paramref name="settings"/> on top.</summary>
    internal static async Task<WebApplication> StartSiloHostAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(PersonalizationApiHost.AuthSettings);
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(LoopbackPorts.Free(), LoopbackPorts.Free())
            .AddPersonalization(builder.Configuration));
        builder.Services.AddPersonalizationApiServices(builder.Configuration);
        var app = builder.Build();
        app.UsePersonalizationHttp();
        await app.StartAsync();
        return app;
    }

    public async Task DisposeAsync()
    {
        await _silo.StopAsync();
        await _silo.DisposeAsync();
    }

    [Fact]
    public async Task Only_an_admin_sees_the_dashboard()
    {
        var none = await GetDashboardAsync(null);
        var listener = await GetDashboardAsync(_tokens.Listener("dash-listener"));
        var service = await GetDashboardAsync(_tokens.Service());
        var admin = await GetDashboardAsync(_tokens.Admin());

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, listener.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, service.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    [Fact]
    public async Task Every_dashboard_route_needs_the_admin_role()
    {
        // Every route the dashboard maps (its API and assets), with a value of the right kind for each route parameter.
        var routes = _silo.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Method: e.Metadata.GetMetadata<IHttpMethodMetadata>() is { HttpMethods.Count: > 0 } m ? m.HttpMethods[0] : "GET", Pattern: "/" + e.RoutePattern.RawText!.TrimStart('/')))
            .Where(r => r.Pattern.StartsWith(HttpPipeline.DashboardPath, StringComparison.OrdinalIgnoreCase))
            .Select(r => (r.Method, Path: RouteParameter().Replace(r.Pattern, p => p.Value.Contains(":int", StringComparison.Ordinal) ? "1" : "x")))
            .Distinct()
            .ToList();
        Assert.True(routes.Count >= 10, $"Only {routes.Count} dashboard routes found: {string.Join(", ", routes)}");

        foreach (var (method, path) in routes)
        {
            var none = await SendAsync(null, method, path);
            var listener = await SendAsync(_tokens.Listener("dash-listener"), method, path);
            var service = await SendAsync(_tokens.Service(), method, path);
            Assert.True(none.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} without a token: {(int)none.StatusCode}");
            Assert.True(listener.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} with a listener token: {(int)listener.StatusCode}");
            Assert.True(service.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} with a service token: {(int)service.StatusCode}");
        }
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex RouteParameter();

    private Task<HttpResponseMessage> GetDashboardAsync(string? token) => SendAsync(token, "GET", HttpPipeline.DashboardPath + "/");

    private async Task<HttpResponseMessage> SendAsync(string? token, string method, string path)
    {
        using var client = _silo.GetTestClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }
}
