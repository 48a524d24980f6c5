using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Personalization.Grains.Hosting;

/// <summary>
/// The one place a silo is configured, shared by the production host, the test cluster and the benchmarks:
/// grain services and options, storage providers, and (unless the host does it, as test clusters do) clustering.
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
        switch (settings.Storage)
        {
            case "Memory":
                silo.AddMemoryGrainStorage(StorageNames.Users);
                break;
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
        silo.UseLocalhostClustering(
            settings.SiloPort,
            settings.GatewayPort,
            new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, settings.PrimarySiloPort),
            settings.ServiceId,
            settings.ClusterId);
        return silo;
    }
}
