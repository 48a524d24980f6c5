using System.Net;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using Personalization.Grains.Catalog;
using Personalization.Abstractions;
using Personalization.Journal;
using Personalization.Journal.Segments;
using Personalization.Grains.Model.Checkpoints;
using Personalization.Grains.Operations;
using Personalization.Grains.State;
using Personalization.Grains.Users;

namespace Personalization.Grains.Hosting;

/// <summary>
/// The one place a silo is configured, shared by the production host, the test cluster and the benchmarks:
/// grain services and options, storage (snapshots + event journal), and (unless the host does it, as test clusters
/// do) clustering.
/// </summary>
public static class SiloConfiguration
{
    public static SiloSettings ReadSettings(IConfiguration configuration)
    {
        var settings = configuration.GetSection(SiloSettings.SectionName).Get<SiloSettings>() ?? new SiloSettings();
        var errors = settings.Validate();
        if (errors.Count > 0) throw new OptionsValidationException(SiloSettings.SectionName, typeof(SiloSettings), errors);
        return settings;
    }

    /// <summary>Grains, their services and storage. Clustering is left to the caller.</summary>
    public static ISiloBuilder AddPersonalization(this ISiloBuilder silo, IConfiguration configuration)
    {
        var settings = ReadSettings(configuration);
        silo.Services.AddPersonalizationGrains(configuration);
        if (configuration.GetValue(DashboardSetting.Key, DashboardSetting.Default)) silo.AddDashboard(); // its data on every silo; its pages are mapped (admin only) by the HTTP hosts
        silo.Services.AddEventJournal(configuration);
        silo.Services.AddSingleton<IListenerSnapshots, StoredListenerSnapshots>(); // what the journal's writers read of the user grains' snapshots
        silo.AddPersonalizationOperations(settings);
        if (settings.Storage == "AzureTable")
        {
            silo.Services.PostConfigure<JournalOptions>(o =>
            {
                o.Provider = "AzureTable";
                o.ConnectionString ??= settings.AzureConnectionString;
                o.ServiceUri ??= settings.AzureTableServiceUri;
            });
            silo.Services.Replace(ServiceDescriptor.Singleton<IModelCheckpointStore>(sp => new AzureTableModelCheckpointStore(
                CreateTableClient(settings), sp.GetRequiredService<IOptions<ModelCheckpointOptions>>().Value.Table)));
            silo.Services.Replace(ServiceDescriptor.Singleton<ICatalogStore>(sp => new AzureTableCatalogStore(
                CreateTableClient(settings), sp.GetRequiredService<IOptions<CatalogOptions>>().Value.Table)));
            silo.AddAzureTableGrainStorage(StorageNames.Users, (OptionsBuilder<AzureTableStorageOptions> options) =>
                options.Configure<Serializer>((o, serializer) =>
                {
                    o.TableServiceClient = CreateTableClient(settings);
                    o.TableName = settings.SnapshotTable;
                    o.DeleteStateOnClear = true; // forgetting a user removes the row, not just its data
                    // Orleans binary format with the stored types' aliases and field ids: a renamed CLR type still loads.
                    o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
                }));
        }
        else
        {
            // In this process's memory, like the memory journal: the embedded default's state lives as long as its process.
            silo.Services.TryAddSingleton<SharedMemoryGrainStorage.Store>();
            silo.Services.AddGrainStorage(StorageNames.Users, (sp, _) =>
                new SharedMemoryGrainStorage(sp.GetRequiredService<SharedMemoryGrainStorage.Store>(), sp.GetRequiredService<Serializer>()));
        }

        return silo;
    }

    /// <summary>Clustering from settings, for real hosts (test clusters bring their own).</summary>
    public static ISiloBuilder UseConfiguredClustering(this ISiloBuilder silo, IConfiguration configuration)
    {
        var settings = ReadSettings(configuration);
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = settings.ServiceId;
        });
        if (!string.IsNullOrWhiteSpace(settings.SiloName)) silo.Configure<SiloOptions>(o => o.SiloName = settings.SiloName);
        if (settings.Clustering == "AzureTable")
        {
            silo.ConfigureEndpoints(IPAddress.Parse(settings.AdvertisedAddress), settings.SiloPort, settings.GatewayPort, settings.ListenOnAnyHostAddress);
            silo.UseAzureStorageClustering(o => o.TableServiceClient = CreateTableClient(settings));
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = settings.ProbeTimeout;
                o.NumMissedProbesLimit = settings.MissedProbesLimit;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
            });
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = settings.ResponseTimeout);
            return silo;
        }

        silo.UseLocalhostClustering(
            settings.SiloPort,
            settings.GatewayPort,
            new IPEndPoint(IPAddress.Loopback, settings.PrimarySiloPort),
            settings.ServiceId,
            settings.ClusterId);
        return silo;
    }

    public static TableServiceClient CreateTableClient(SiloSettings settings, TableClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return string.IsNullOrWhiteSpace(settings.AzureConnectionString)
            ? new TableServiceClient(settings.AzureTableServiceUri, new DefaultAzureCredential(), options)
            : new TableServiceClient(settings.AzureConnectionString, options);
    }
}
