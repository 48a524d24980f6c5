using System.Collections;
using Microsoft.Extensions.Configuration;

namespace Personalization.Grains.Hosting;

/// <summary>
/// Maps the variables a Kubernetes pod gets (downward API and the manifests' env) to <see cref="SiloSettings"/>,
/// explicitly: ORLEANS_SERVICE_ID → ServiceId, ORLEANS_CLUSTER_ID → ClusterId, POD_IP → AdvertisedAddress (and listen on
/// any address, since the pod IP belongs to the pod's interface), POD_NAME → SiloName. Unset variables change nothing.
/// </summary>
public static class KubernetesEnvironment
{
    public const string ServiceHostVariable = "KUBERNETES_SERVICE_HOST";

    private static readonly (string Variable, string Setting)[] Mappings =
    [
        ("ORLEANS_SERVICE_ID", nameof(SiloSettings.ServiceId)),
        ("ORLEANS_CLUSTER_ID", nameof(SiloSettings.ClusterId)),
        ("POD_IP", nameof(SiloSettings.AdvertisedAddress)),
        ("POD_NAME", nameof(SiloSettings.SiloName)),
    ];

    /// <summary>The configuration keys (section <c>Personalization:Silo</c>) these variables set.</summary>
    public static Dictionary<string, string?> ToSettings(IDictionary environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var settings = new Dictionary<string, string?>();
        foreach (var (variable, setting) in Mappings)
        {
            if (environment[variable] is string value && !string.IsNullOrWhiteSpace(value))
            {
                settings[$"{SiloSettings.SectionName}:{setting}"] = value;
            }
        }

        if (settings.ContainsKey($"{SiloSettings.SectionName}:{nameof(SiloSettings.AdvertisedAddress)}"))
        {
            settings[$"{SiloSettings.SectionName}:{nameof(SiloSettings.ListenOnAnyHostAddress)}"] = "true";
        }

        return settings;
    }

    /// <summary>Adds the mapped variables of this process on top of the configuration (they win over appsettings).</summary>
    public static IConfigurationBuilder AddKubernetesEnvironment(this IConfigurationBuilder configuration) =>
        configuration.AddInMemoryCollection(ToSettings(Environment.GetEnvironmentVariables()));

    /// <summary>True inside a Kubernetes pod (the API server's address is injected into every container).</summary>
    public static bool InCluster(IDictionary environment) =>
        environment is not null && environment[ServiceHostVariable] is string host && !string.IsNullOrWhiteSpace(host);
}
