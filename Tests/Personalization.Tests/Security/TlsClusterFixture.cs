using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Personalization.Client.Security;
using Personalization.Testing;
using Personalization.Testing.Processes;

namespace Personalization.Tests.Security;

/// <summary>
/// Two real silo processes (their own cluster id, the first the primary) with mutual TLS on the Orleans ports, using a
/// self-signed certificate written as PEM files to a temporary folder; <see cref="WriteSelfSigned"/> makes others.
/// </summary>
public sealed class TlsClusterFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly string _folder = Directory.CreateTempSubdirectory("pzn-tls-").FullName;
    private readonly List<SiloProcess> _silos = [];

    public SiloPorts Primary { get; } = SiloPorts.Free();

    public string ClusterId => $"tls-{Primary.Silo}";

    public string Folder => _folder;

    /// <summary>The client settings (section <c>Personalization:Tls</c>) with the cluster's certificate.</summary>
    public Dictionary<string, string?> Trusted { get; private set; } = [];

    /// <summary>How many TLS handshakes the primary silo has refused so far (its log's "Authentication failed" warnings).</summary>
    public int RefusedHandshakes() =>
        File.Exists(_silos[0].LogPath) ? File.ReadLines(_silos[0].LogPath).Count(l => l.Contains("Authentication failed", StringComparison.Ordinal)) : 0;

    public async Task InitializeAsync()
    {
        Trusted = TlsSettings(WriteSelfSigned("cluster"));
        foreach (var ports in new[] { Primary, SiloPorts.Free() })
        {
            var environment = new Dictionary<string, string>
            {
                ["Personalization__Silo__ClusterId"] = ClusterId,
                ["Personalization__Silo__PrimarySiloPort"] = Primary.Silo.ToString(CultureInfo.InvariantCulture),
                ["Personalization__Auth__SigningKey"] = PersonalizationApiHost.SigningKey,
            };
            foreach (var (key, value) in Trusted) environment[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
            var silo = SiloProcess.Start(environment, ports, gracefulStop: true);
            _silos.Add(silo);
            await silo.WaitForGatewayAsync(StartTimeout);
        }
    }

    public Task DisposeAsync()
    {
        foreach (var silo in _silos) silo.Dispose();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    public static Dictionary<string, string?> TlsSettings((string Certificate, string Key) files) => new()
    {
        [$"{ClusterTlsOptions.SectionName}:{nameof(ClusterTlsOptions.Enabled)}"] = "true",
        [$"{ClusterTlsOptions.SectionName}:{nameof(ClusterTlsOptions.CertificatePath)}"] = files.Certificate,
        [$"{ClusterTlsOptions.SectionName}:{nameof(ClusterTlsOptions.KeyPath)}"] = files.Key,
        [$"{ClusterTlsOptions.SectionName}:{nameof(ClusterTlsOptions.CaPath)}"] = files.Certificate, // self-signed: its own authority
    };

    /// <summary>A self-signed certificate for client and server use, as PEM files (certificate, key) in the fixture's folder.</summary>
    public (string Certificate, string Key) WriteSelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=personalization-{name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, 0, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certificatePath = Path.Combine(_folder, $"{name}.crt");
        var keyPath = Path.Combine(_folder, $"{name}.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }
}
