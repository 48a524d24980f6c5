namespace Personalization.Grains.Hosting;

/// <summary>
/// Where a silo keeps user state. Section <c>Personalization:Silo</c>. The embedded default (Memory) needs nothing
/// external; the durable providers are added by the host when configured.
/// </summary>
public sealed class SiloSettings
{
    public const string SectionName = "Personalization:Silo";

    public string ClusterId { get; set; } = "dev";
    public string ServiceId { get; set; } = "personalization";

    /// <summary>Localhost (single-machine development cluster).</summary>
    public string Clustering { get; set; } = "Localhost";

    /// <summary>Memory (embedded default).</summary>
    public string Storage { get; set; } = "Memory";

    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;

    /// <summary>For localhost clustering: the primary silo's port (the first silo started on this machine).</summary>
    public int PrimarySiloPort { get; set; } = 11111;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(ClusterId)) errors.Add($"{nameof(ClusterId)} is required.");
        if (string.IsNullOrWhiteSpace(ServiceId)) errors.Add($"{nameof(ServiceId)} is required.");
        if (Clustering is not "Localhost") errors.Add($"{nameof(Clustering)} must be Localhost (was '{Clustering}').");
        if (Storage is not "Memory") errors.Add($"{nameof(Storage)} must be Memory (was '{Storage}').");
        foreach (var (name, port) in new[] { (nameof(SiloPort), SiloPort), (nameof(GatewayPort), GatewayPort), (nameof(PrimarySiloPort), PrimarySiloPort) })
        {
            if (port is < 1 or > 65535) errors.Add($"{name} must be a port number (was {port}).");
        }

        if (SiloPort == GatewayPort) errors.Add($"{nameof(SiloPort)} and {nameof(GatewayPort)} must differ.");
        return errors;
    }
}
