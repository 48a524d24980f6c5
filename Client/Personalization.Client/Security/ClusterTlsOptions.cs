namespace Personalization.Client.Security;

/// <summary>
/// Mutual TLS on the Orleans ports (silo to silo, client to gateway). Section <c>Personalization:Tls</c>. Every silo and
/// every gateway presents <see cref="CertificatePath"/>/<see cref="KeyPath"/> and accepts a peer only when the peer
/// presents a certificate that chains to <see cref="CaPath"/> (names are not checked: peers are addressed by pod IP).
/// On Kubernetes the three files come from a Secret of type <c>kubernetes.io/tls</c> (<c>tls.crt</c>, <c>tls.key</c>,
/// <c>ca.crt</c>).
/// </summary>
public sealed class ClusterTlsOptions
{
    public const string SectionName = "Personalization:Tls";

    public bool Enabled { get; set; }

    /// <summary>This process's certificate (PEM).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Its private key (PEM).</summary>
    public string? KeyPath { get; set; }

    /// <summary>The certificate authority (PEM, one or more certificates) a peer's certificate must chain to.</summary>
    public string? CaPath { get; set; }

    /// <summary>How long a TLS handshake may take before the connection is dropped.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Enabled) return errors;
        foreach (var (name, path) in new[] { (nameof(CertificatePath), CertificatePath), (nameof(KeyPath), KeyPath), (nameof(CaPath), CaPath) })
        {
            if (string.IsNullOrWhiteSpace(path)) errors.Add($"{SectionName}:{name} is required when {SectionName}:{nameof(Enabled)} is true.");
            else if (!File.Exists(path)) errors.Add($"{SectionName}:{name}: no file at '{path}'.");
        }

        if (HandshakeTimeout <= TimeSpan.Zero || HandshakeTimeout > TimeSpan.FromMinutes(1)) errors.Add($"{SectionName}:{nameof(HandshakeTimeout)} must be in (0, 1 min].");
        return errors;
    }
}
