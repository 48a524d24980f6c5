using System.Net;

namespace Personalization.Grains.Hosting;

/// <summary>
/// How a silo joins its cluster and where it keeps user state. Section <c>Personalization:Silo</c>, validated at start.
/// The embedded default (Localhost + Memory) needs nothing external; Azure mode keeps membership, snapshots and the
/// event journal in Azure Table Storage (Azurite locally).
/// </summary>
public sealed class SiloSettings
{
    public const string SectionName = "Personalization:Silo";

    public string ClusterId { get; set; } = "dev";
    public string ServiceId { get; set; } = "personalization";

    /// <summary>Localhost (single-machine development cluster) or AzureTable (membership table in Azure Storage).</summary>
    public string Clustering { get; set; } = "Localhost";

    /// <summary>Memory (embedded default, not durable) or AzureTable (snapshots + event journal in Azure Storage).</summary>
    public string Storage { get; set; } = "Memory";

    /// <summary>Azure Storage connection string (Azurite's for local runs). Either this or <see cref="AzureTableServiceUri"/>.</summary>
    public string? AzureConnectionString { get; set; }

    /// <summary>Table service URI for real Azure, authenticated with DefaultAzureCredential (managed identity, workload identity, CLI login).</summary>
    public Uri? AzureTableServiceUri { get; set; }

    /// <summary>Table holding user snapshots (Orleans grain state) in Azure mode.</summary>
    public string SnapshotTable { get; set; } = "PersonalizationSnapshots";

    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;

    /// <summary>For localhost clustering: the primary silo's port (the first silo started on this machine).</summary>
    public int PrimarySiloPort { get; set; } = 11111;

    /// <summary>For AzureTable clustering: the address other silos and clients use to reach this silo.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Listen on all interfaces (containers) instead of only <see cref="AdvertisedAddress"/>.</summary>
    public bool ListenOnAnyHostAddress { get; set; }

    /// <summary>
    /// Failure detection (AzureTable clustering): a silo that misses <see cref="MissedProbesLimit"/> probes of
    /// <see cref="ProbeTimeout"/> each is voted dead. Tuned so a hung silo is evicted in seconds, not the ~110 s of the
    /// defaults measured on this kind of machine.
    /// </summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    public int MissedProbesLimit { get; set; } = 2;

    /// <summary>How long a silo waits for the answer to a call before failing it (30 s by default in Orleans).</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the readiness probe waits for the table service before reporting storage down.</summary>
    public TimeSpan StorageProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a stopping silo may take to leave the cluster and deactivate its grains (each snapshots on deactivation)
    /// before the host gives up (<c>HostOptions.ShutdownTimeout</c>). Keep the pod's terminationGracePeriodSeconds longer.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>The silo's name in membership (POD_NAME on Kubernetes); Orleans picks one when empty.</summary>
    public string? SiloName { get; set; }

    /// <summary>
    /// Whether the silo's HTTP host serves the <c>/v1</c> API (and its docs and console) besides health, metrics and the
    /// dashboard. Unset: only in the Development environment; a production silo leaves the API to the gateways.
    /// </summary>
    public bool? ServeApi { get; set; }

    /// <summary>
    /// Also call Orleans' <c>UseKubernetesHosting()</c> (pod labels, deleting defunct silos' pods) when running inside a
    /// cluster (KUBERNETES_SERVICE_HOST set). Off by default: the explicit downward-API settings are enough.
    /// </summary>
    public bool UseKubernetesHosting { get; set; }

    public bool UsesAzure => Clustering == "AzureTable" || Storage == "AzureTable";

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(ClusterId)) errors.Add($"{nameof(ClusterId)} is required.");
        if (string.IsNullOrWhiteSpace(ServiceId)) errors.Add($"{nameof(ServiceId)} is required.");
        if (Clustering is not ("Localhost" or "AzureTable")) errors.Add($"{nameof(Clustering)} must be Localhost or AzureTable (was '{Clustering}').");
        if (Storage is not ("Memory" or "AzureTable")) errors.Add($"{nameof(Storage)} must be Memory or AzureTable (was '{Storage}').");
        if (UsesAzure && string.IsNullOrWhiteSpace(AzureConnectionString) && AzureTableServiceUri is null)
        {
            errors.Add($"{nameof(AzureConnectionString)} or {nameof(AzureTableServiceUri)} is required when {nameof(Clustering)} or {nameof(Storage)} is AzureTable.");
        }

        if (!string.IsNullOrWhiteSpace(AzureConnectionString) && AzureTableServiceUri is not null)
        {
            errors.Add($"Set only one of {nameof(AzureConnectionString)} and {nameof(AzureTableServiceUri)}.");
        }

        foreach (var (name, port) in new[] { (nameof(SiloPort), SiloPort), (nameof(GatewayPort), GatewayPort), (nameof(PrimarySiloPort), PrimarySiloPort) })
        {
            if (port is < 1 or > 65535) errors.Add($"{name} must be a port number (was {port}).");
        }

        if (ProbeTimeout <= TimeSpan.Zero || ProbeTimeout > TimeSpan.FromMinutes(1)) errors.Add($"{nameof(ProbeTimeout)} must be in (0, 1 min].");
        if (MissedProbesLimit is < 1 or > 10) errors.Add($"{nameof(MissedProbesLimit)} must be in [1, 10].");
        if (ResponseTimeout <= TimeSpan.Zero) errors.Add($"{nameof(ResponseTimeout)} must be positive.");
        if (StorageProbeTimeout <= TimeSpan.Zero || StorageProbeTimeout > TimeSpan.FromSeconds(30)) errors.Add($"{nameof(StorageProbeTimeout)} must be in (0, 30 s].");
        if (ShutdownTimeout < TimeSpan.FromSeconds(5) || ShutdownTimeout > TimeSpan.FromMinutes(10)) errors.Add($"{nameof(ShutdownTimeout)} must be in [5 s, 10 min].");
        if (SiloPort == GatewayPort) errors.Add($"{nameof(SiloPort)} and {nameof(GatewayPort)} must differ.");
        if (SnapshotTable is null || SnapshotTable.Length is < 3 or > 63 || !char.IsAsciiLetter(SnapshotTable[0]) || !SnapshotTable.All(char.IsAsciiLetterOrDigit))
        {
            errors.Add($"{nameof(SnapshotTable)} must be 3-63 letters or digits, starting with a letter (was '{SnapshotTable}').");
        }

        if (!IPAddress.TryParse(AdvertisedAddress, out _)) errors.Add($"{nameof(AdvertisedAddress)} must be an IP address (was '{AdvertisedAddress}').");
        return errors;
    }
}
