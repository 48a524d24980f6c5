using Microsoft.Extensions.Configuration;

namespace Personalization.Client.Security;

/// <summary>
/// Signs that a host runs as a real deployment, whatever its environment name says: Azure Table storage or clustering
/// (silo or gateway), or a Kubernetes pod (<c>KUBERNETES_SERVICE_HOST</c>, injected into every container). The public
/// development key is refused when any is present.
/// </summary>
public static class DeploymentSignals
{
    public const string KubernetesServiceHost = "KUBERNETES_SERVICE_HOST";

    private const string AzureTable = "AzureTable";

    private static readonly string[] AzureTableSettings =
        ["Personalization:Silo:Storage", "Personalization:Silo:Clustering", "Personalization:Client:Clustering"];

    /// <summary>Why this host counts as a real deployment (e.g. "Personalization:Silo:Storage is AzureTable"), or null.</summary>
    public static string? Describe(IConfiguration configuration, Func<string, string?>? environmentVariable = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        environmentVariable ??= Environment.GetEnvironmentVariable;
        foreach (var key in AzureTableSettings)
        {
            if (string.Equals(configuration[key], AzureTable, StringComparison.OrdinalIgnoreCase)) return $"{key} is {AzureTable}";
        }

        var kubernetes = configuration[KubernetesServiceHost] is { Length: > 0 } configured ? configured : environmentVariable(KubernetesServiceHost);
        return string.IsNullOrWhiteSpace(kubernetes) ? null : $"{KubernetesServiceHost} is set (a Kubernetes pod)";
    }
}
