using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Personalization.Client;

namespace Personalization.Bench.Perf;

/// <summary>The load generator's Orleans client: the project's client registration with a static gateway (the silo process).</summary>
public sealed class PerfClient : IAsyncDisposable
{
    private readonly IHost _host;

    private PerfClient(IHost host)
    {
        _host = host;
        Grains = host.Services.GetRequiredService<IClusterClient>();
    }

    public IClusterClient Grains { get; }

    public static Task<PerfClient> ConnectAsync(int gatewayPort, string clusterId) => ConnectAsync([gatewayPort], clusterId);

    /// <summary>A client of the silos whose gateways are <paramref name="gatewayPorts"/> (static gateway list, any membership).</summary>
    public static async Task<PerfClient> ConnectAsync(IReadOnlyList<int> gatewayPorts, string clusterId)
    {
        ArgumentNullException.ThrowIfNull(gatewayPorts);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var settings = new Dictionary<string, string?>
        {
            ["Personalization:Client:ClusterId"] = clusterId,
            ["Personalization:Client:Clustering"] = "Static",
            ["Personalization:Client:ResponseTimeout"] = "00:02:00", // seeding calls are long (and the machine may be shared); scenario calls are not
            ["Personalization:Auth:UseDevelopmentKey"] = "true", // the registration adds the HTTP services; no HTTP is served
        };
        for (var i = 0; i < gatewayPorts.Count; i++)
        {
            settings[$"Personalization:Client:GatewayEndpoints:{i}"] = "127.0.0.1:" + gatewayPorts[i].ToString(CultureInfo.InvariantCulture);
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddPersonalizationClient();
        var host = builder.Build();
        await host.StartAsync();
        return new PerfClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
