using Personalization.Testing;
using Personalization.Testing.Processes;

namespace Personalization.Tests.Durability;

/// <summary>
/// A test cluster in Azure mode whose storage traffic passes through a relay in front of Azurite: stopping the relay
/// is a storage outage, starting it again the recovery.
/// </summary>
public sealed class RelayedAzureCluster : IAsyncDisposable
{
    private RelayedAzureCluster(TcpRelay relay, PersonalizationCluster cluster, int storagePort)
    {
        Relay = relay;
        Cluster = cluster;
        StorageConnectionString = AzuriteConnection.ForPort(storagePort);
    }

    public TcpRelay Relay { get; }

    public PersonalizationCluster Cluster { get; }

    /// <summary>Azurite itself, bypassing the relay (to read what storage holds while the cluster's path is down).</summary>
    public string StorageConnectionString { get; }

    public static async Task<RelayedAzureCluster> StartAsync(string azuriteConnectionString, TimeSpan commitTimeout)
    {
        var (host, port) = AzuriteConnection.TableEndpointOf(azuriteConnectionString);
        var relay = new TcpRelay(host, port);
        relay.Start();
        var settings = new TestClusterSettings().UseAzureStorage(AzuriteConnection.ForPort(relay.Port));
        settings.Configuration["Personalization:Journal:CommitTimeout"] = commitTimeout.ToString();
        var cluster = PersonalizationCluster.Create(settings);
        try
        {
            await cluster.InitializeAsync();
        }
        catch
        {
            relay.Dispose();
            throw;
        }

        return new RelayedAzureCluster(relay, cluster, port);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Relay.Dispose();
    }
}
