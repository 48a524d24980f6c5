using System.Net;

namespace Personalization.Client;

/// <summary>
/// How the Orleans client finds the cluster. Section <c>Personalization:Client</c>. Localhost clustering by default
/// (the dev silo); set <see cref="GatewayEndpoints"/> for static gateways or <see cref="Clustering"/> = AzureTable.
/// </summary>
public sealed class PersonalizationClientOptions
{
    public const string SectionName = "Personalization:Client";

    public string ClusterId { get; set; } = "dev";
    public string ServiceId { get; set; } = "personalization";

    /// <summary>Localhost (default) or Static (use <see cref="GatewayEndpoints"/>).</summary>
    public string Clustering { get; set; } = "Localhost";

    public int GatewayPort { get; set; } = 30000;

    /// <summary>host:port pairs of silo gateways for static clustering.</summary>
    public List<string> GatewayEndpoints { get; set; } = [];

    /// <summary>How often the client refreshes its gateway list (short, so a dead silo's gateway is dropped quickly).</summary>
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(5);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(ClusterId)) errors.Add($"{nameof(ClusterId)} is required.");
        if (string.IsNullOrWhiteSpace(ServiceId)) errors.Add($"{nameof(ServiceId)} is required.");
        if (GatewayPort is < 1 or > 65535) errors.Add($"{nameof(GatewayPort)} must be a port number.");
        if (Clustering is not ("Localhost" or "Static"))
        {
            errors.Add($"{nameof(Clustering)} must be Localhost or Static (was '{Clustering}').");
        }

        if (Clustering == "Static" && GatewayEndpoints.Count == 0) errors.Add($"{nameof(GatewayEndpoints)} is required for static clustering.");
        foreach (var endpoint in GatewayEndpoints)
        {
            if (!IPEndPoint.TryParse(endpoint, out _)) errors.Add($"Gateway endpoint '{endpoint}' is not ip:port.");
        }

        return errors;
    }
}
