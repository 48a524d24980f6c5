using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Personalization.Abstractions;
using Personalization.Client.Http;
using Personalization.Client.Security;
using Personalization.Testing;

namespace Personalization.Tests.Security;

/// <summary>
/// <c>Personalization:Dashboard:Enabled=false</c> leaves the Orleans Dashboard out of a silo host: no collector runs
/// (its once-a-second collection walks every activation) and <c>/dashboard</c> is not mapped, also for an admin.
/// </summary>
[Trait("Category", "Security")]
[Trait("Requires", "None")]
public sealed class DashboardSwitchTests
{
    [Fact]
    public async Task A_silo_without_the_dashboard_runs_no_collector_and_maps_no_dashboard_route()
    {
        var tokens = new TokenIssuer(PersonalizationApiHost.Issuer, PersonalizationApiHost.Audience, Encoding.UTF8.GetBytes(PersonalizationApiHost.SigningKey));
        var off = await DashboardAccessTests.StartSiloHostAsync(new Dictionary<string, string?> { [DashboardSetting.Key] = "false" });
        var on = await DashboardAccessTests.StartSiloHostAsync();
        try
        {
            using var client = off.GetTestClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(HttpPipeline.DashboardPath + "/", UriKind.Relative));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Admin());
            var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Empty(DashboardRoutes(off));
            Assert.Empty(DashboardServices(off));
            Assert.NotEmpty(DashboardRoutes(on)); // the default keeps it: the switch is what removed it
            Assert.NotEmpty(DashboardServices(on));
        }
        finally
        {
            foreach (var host in new[] { off, on })
            {
                await host.StopAsync();
                await host.DisposeAsync();
            }
        }
    }

    private static IEnumerable<string> DashboardRoutes(Microsoft.AspNetCore.Builder.WebApplication host) =>
        host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(p => p.StartsWith(HttpPipeline.DashboardPath, StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<string> DashboardServices(Microsoft.AspNetCore.Builder.WebApplication host) =>
        host.Services.GetServices<IHostedService>().Select(s => s.GetType().FullName ?? "")
            .Where(n => n.StartsWith("Orleans.Dashboard", StringComparison.Ordinal));
}
