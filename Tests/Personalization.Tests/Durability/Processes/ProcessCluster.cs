using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Personalization.Abstractions;
using Personalization.Client;
using Personalization.Client.Facade;
using Personalization.Testing;
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

    private ProcessCluster(string connectionString, IReadOnlyDictionary<string, string>? settings)
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
            ["Personalization__Model__Checkpoint__Table"] = $"Modl{id}",
            ["Personalization__Auth__SigningKey"] = PersonalizationApiHost.SigningKey, // Azure storage refuses the development key
        };
        ConnectionString = connectionString;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) Configuration[key] = value;
    }

    public Dictionary<string, string> Configuration { get; }
    public string ConnectionString { get; }
    public IReadOnlyList<SiloProcess> Silos => _silos;
    public IClusterClient Client => _client?.Services.GetRequiredService<IClusterClient>() ?? throw new InvalidOperationException("Not started.");

    /// <summary>The gateway teams' facade (with its retry of calls refused during membership changes).</summary>
    public IPersonalizationClient Facade => _client?.Services.GetRequiredService<IPersonalizationClient>() ?? throw new InvalidOperationException("Not started.");

    /// <summary>The table holding the model's checkpoints.</summary>
    public string ModelTable => Configuration["Personalization__Model__Checkpoint__Table"];

    /// <summary>Starts <paramref name="silos"/> silos (and a client); <paramref name="settings"/> add or override their environment.</summary>
    public static async Task<ProcessCluster> StartAsync(string connectionString, int silos, IReadOnlyDictionary<string, string>? settings = null)
    {
        var cluster = new ProcessCluster(connectionString, settings);
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

    /// <summary>Starts one more silo and waits until it reports ready (its model restored).</summary>
    public async Task<SiloProcess> StartSiloAsync()
    {
        var silo = SiloProcess.Start(Configuration);
        _silos.Add(silo);
        await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
        return silo;
    }

    /// <summary>Signals a silo and waits for its process to exit; it then leaves <see cref="Silos"/>.</summary>
    public async Task StopSiloAsync(SiloProcess silo, string signal, TimeSpan timeout)
    {
        silo.Signal(signal);
        using var deadline = new CancellationTokenSource(timeout);
        await silo.WaitForExitAsync(deadline.Token);
        _silos.Remove(silo);
        silo.Dispose();
    }

    /// <summary>A new client (after every silo was replaced, the old one has no gateway left to talk to).</summary>
    public async Task ReconnectClientAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync(TimeSpan.FromSeconds(5));
            _client.Dispose();
        }

        await StartClientAsync();
    }

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
            ["Personalization:Auth:SigningKey"] = PersonalizationApiHost.SigningKey,
        });
        builder.AddPersonalizationClient();
        _client = builder.Build();
        await _client.StartAsync();
    }
}
