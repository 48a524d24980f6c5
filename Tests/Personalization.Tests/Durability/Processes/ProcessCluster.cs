using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Personalization.Abstractions;
using Personalization.Client;
using Personalization.Client.Facade;
using Personalization.Testing.Processes;

namespace Personalization.Tests.Durability.Processes;

/// <summary>
/// A real multi-process cluster on this machine: N silo processes in Azure mode (membership, snapshots and journal in
/// Azurite, distinct ports on 127.0.0.1) and an Orleans client in the test process, configured like a gateway.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    private readonly List<SiloProcess> _silos = [];
    private IHost? _client;

    private ProcessCluster(string connectionString)
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        Configuration = new Dictionary<string, string>
        {
            ["Personalization__Silo__Clustering"] = "AzureTable",
            ["Personalization__Silo__Storage"] = "AzureTable",
            ["Personalization__Silo__AzureConnectionString"] = connectionString,
            ["Personalization__Silo__ClusterId"] = $"proc{id}",
            ["Personalization__Silo__ServiceId"] = $"proc{id}",
            ["Personalization__Silo__SnapshotTable"] = $"Snap{id}",
            ["Personalization__Journal__TableName"] = $"Jrnl{id}",
            ["Personalization__Auth__UseDevelopmentKey"] = "true", // the co-hosted HTTP API is not used by these tests
        };
        ConnectionString = connectionString;
    }

    public Dictionary<string, string> Configuration { get; }
    public string ConnectionString { get; }
    public IReadOnlyList<SiloProcess> Silos => _silos;
    public IClusterClient Client => _client?.Services.GetRequiredService<IClusterClient>() ?? throw new InvalidOperationException("Not started.");

    /// <summary>The gateway teams' facade (with its retry of calls refused during membership changes).</summary>
    public IPersonalizationClient Facade => _client?.Services.GetRequiredService<IPersonalizationClient>() ?? throw new InvalidOperationException("Not started.");

    public static async Task<ProcessCluster> StartAsync(string connectionString, int silos)
    {
        var cluster = new ProcessCluster(connectionString);
        try
        {
            // The first silo creates the membership table; the others join it.
            cluster._silos.Add(SiloProcess.Start(cluster.Configuration));
            await cluster._silos[0].WaitUntilLiveAsync(TimeSpan.FromSeconds(90));
            for (var i = 1; i < silos; i++) cluster._silos.Add(SiloProcess.Start(cluster.Configuration));
            foreach (var silo in cluster._silos.Skip(1)) await silo.WaitUntilLiveAsync(TimeSpan.FromSeconds(90));
            await cluster.StartClientAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public IUserGrain User(string userId) => Client.GetGrain<IUserGrain>(userId);

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync(TimeSpan.FromSeconds(5));
            _client.Dispose();
        }

        foreach (var silo in _silos) silo.Dispose();
    }

    private async Task StartClientAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Personalization:Client:Clustering"] = "AzureTable",
            ["Personalization:Client:AzureConnectionString"] = ConnectionString,
            ["Personalization:Client:ClusterId"] = Configuration["Personalization__Silo__ClusterId"],
            ["Personalization:Client:ServiceId"] = Configuration["Personalization__Silo__ServiceId"],
            ["Personalization:Client:GatewayListRefreshPeriod"] = "00:00:02",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Personalization:Auth:UseDevelopmentKey"] = "true",
        });
        builder.AddPersonalizationClient();
        _client = builder.Build();
        await _client.StartAsync();
    }
}
