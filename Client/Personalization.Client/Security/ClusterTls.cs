using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Orleans.Connections.Security;

namespace Personalization.Client.Security;

/// <summary>
/// The one TLS configuration of the Orleans connections (<see cref="ClusterTlsOptions"/>), used by the silo host for its
/// silo and gateway ports and by the client library for its gateway connections: present our certificate, require the
/// peer's, and accept it only when it chains to the configured authority.
/// </summary>
public static class ClusterTls
{
    /// <summary>The validated options of <paramref name="configuration"/> (<see cref="OptionsValidationException"/> when invalid).</summary>
    public static ClusterTlsOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(ClusterTlsOptions.SectionName).Get<ClusterTlsOptions>() ?? new();
        var errors = options.Validate();
        if (errors.Count > 0) throw new OptionsValidationException(ClusterTlsOptions.SectionName, typeof(ClusterTlsOptions), errors);
        return options;
    }

    /// <summary>Applies mutual TLS with the files of <paramref name="options"/> (enabled and valid) to Orleans' <see cref="TlsOptions"/>.</summary>
    public static void Configure(TlsOptions tls, ClusterTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(tls);
        ArgumentNullException.ThrowIfNull(options);
        var authority = new X509Certificate2Collection();
        authority.ImportFromPemFile(options.CaPath!);
        tls.LocalCertificate = X509Certificate2.CreateFromPemFile(options.CertificatePath!, options.KeyPath);
        tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate; // a silo asks every caller for a certificate
        tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate; // and presents its own when it calls
        tls.HandshakeTimeout = options.HandshakeTimeout;
        tls.RemoteCertificateValidation = (certificate, _, _) => ChainsTo(certificate, authority);
    }

    /// <summary>Whether <paramref name="certificate"/> chains to one of <paramref name="authority"/> (host names are not checked).</summary>
    public static bool ChainsTo(X509Certificate2 certificate, X509Certificate2Collection authority)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(authority);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck; // short-lived cluster certificates are rotated, not revoked
        return chain.Build(certificate);
    }
}
