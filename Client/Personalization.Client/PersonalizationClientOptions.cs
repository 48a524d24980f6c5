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

    /// <summary>Localhost (default), Static (use <see cref="GatewayEndpoints"/>) or AzureTable (the silos' membership table).</summary>
    public string Clustering { get; set; } = "Localhost";

    /// <summary>For AzureTable clustering: the storage connection string (Azurite's locally), or <see cref="AzureTableServiceUri"/>.</summary>
    public string? AzureConnectionString { get; set; }

    /// <summary>For AzureTable clustering on real Azure: the table service URI, authenticated with DefaultAzureCredential.</summary>
    public Uri? AzureTableServiceUri { get; set; }

    /// <summary>How long a call may wait for its answer; short, so a hung silo costs a bounded wait, not the 30 s default.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(5);

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
        if (Clustering is not ("Localhost" or "Static" or "AzureTable"))
        {
            errors.Add($"{nameof(Clustering)} must be Localhost, Static or AzureTable (was '{Clustering}').");
        }

        if (Clustering == "AzureTable" && string.IsNullOrWhiteSpace(AzureConnectionString) && AzureTableServiceUri is null)
        {
            errors.Add($"{nameof(AzureConnectionString)} or {nameof(AzureTableServiceUri)} is required for AzureTable clustering.");
        }

        if (ResponseTimeout <= TimeSpan.Zero) errors.Add($"{nameof(ResponseTimeout)} must be positive.");

        if (Clustering == "Static" && GatewayEndpoints.Count == 0) errors.Add($"{nameof(GatewayEndpoints)} is required for static clustering.");
        foreach (var endpoint in GatewayEndpoints)
        {
            if (!IPEndPoint.TryParse(endpoint, out _)) errors.Add($"Gateway endpoint '{endpoint}' is not ip:port.");
        }

        return errors;
    }
}
