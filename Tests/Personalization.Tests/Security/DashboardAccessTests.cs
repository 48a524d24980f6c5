using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
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
/// production silo configuration), is for the admin role only.
/// </summary>
[Trait("Category", "Security")]
public sealed class DashboardAccessTests : IAsyncLifetime
{
    private readonly TokenIssuer _tokens = new(PersonalizationApiHost.Issuer, PersonalizationApiHost.Audience, Encoding.UTF8.GetBytes(PersonalizationApiHost.SigningKey));
    private WebApplication _silo = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(PersonalizationApiHost.AuthSettings);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(LoopbackPorts.Free(), LoopbackPorts.Free())
            .AddPersonalization(builder.Configuration));
        builder.Services.AddPersonalizationApiServices(builder.Configuration);
        _silo = builder.Build();
        _silo.UsePersonalizationHttp();
        await _silo.StartAsync();
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

    private async Task<HttpResponseMessage> GetDashboardAsync(string? token)
    {
        using var client = _silo.GetTestClient();
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync(new Uri(HttpPipeline.DashboardPath + "/", UriKind.Relative));
    }
}
