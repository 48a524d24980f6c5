namespace Personalization.Client.Operations;

/// <summary>
/// The operators' HTTP surface: health, <c>/metrics</c> and <c>/dashboard</c>. Section <c>Personalization:Management</c>.
/// With <see cref="Port"/> set they are served only on that port (which must be among the host's <c>Urls</c>, and which
/// the public Service does not expose) and the API only on the others; 0 serves everything on every port (development).
/// </summary>
public sealed class ManagementOptions
{
    public const string SectionName = "Personalization:Management";

    /// <summary>The local port of the management surface; 0 = no separate port.</summary>
    public int Port { get; set; }

    /// <summary>How long a <c>/health/ready</c> result is reused: anonymous probes, however many, run the checks at most this often.</summary>
    public TimeSpan ReadyCacheDuration { get; set; } = TimeSpan.FromSeconds(2);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Port is < 0 or > 65535) errors.Add($"{SectionName}:{nameof(Port)} must be 0 (none) or a TCP port.");
        if (ReadyCacheDuration < TimeSpan.Zero || ReadyCacheDuration > TimeSpan.FromMinutes(1)) errors.Add($"{SectionName}:{nameof(ReadyCacheDuration)} must be in [0, 1 min].");
        return errors;
    }
}
