using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Personalization.Abstractions;
using Personalization.Client;
using Personalization.Client.Security;
using Personalization.Testing;

namespace Personalization.Tests.Security;

/// <summary>
/// Mutual TLS on the Orleans ports (finding 2): two real silo processes with a self-signed cluster certificate form one
/// cluster over TLS, a client holding the certificate works, and a client without it, or with a certificate the cluster
/// does not trust, is refused.
/// </summary>
[Trait("Category", "Security")]
[Trait("Requires", "Processes")]
public sealed class ClusterTlsTests(TlsClusterFixture cluster) : IClassFixture<TlsClusterFixture>
{
    private static readonly TimeSpan RefusalWindow = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Two_silos_form_one_cluster_over_tls_and_a_client_with_the_certificate_calls_it()
    {
        using var client = await ConnectAsync(cluster.Trusted);
        var grains = client.Services.GetRequiredService<IClusterClient>();

        var hosts = await WaitForAsync(async () => await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true), h => h.Count == 2);
        var profile = await grains.GetGrain<IUserGrain>(PersonalizationCluster.UniqueUser("tls")).GetProfileAsync();

        Assert.Equal(2, hosts.Count);
        Assert.Equal(0, profile.Counters.Events);
    }

    [Fact]
    public async Task A_client_without_the_certificate_is_refused() => await ShouldBeRefusedAsync([]);

    [Fact]
    public async Task A_client_with_a_certificate_the_cluster_does_not_trust_is_refused() =>
        await ShouldBeRefusedAsync(TlsClusterFixture.TlsSettings(cluster.WriteSelfSigned("outsider")));

    /// <summary>
    /// The client never connects (it keeps retrying, so its start is bounded by <see cref="RefusalWindow"/>), and the
    /// silo's log shows why: it refused the client's TLS handshakes.
    /// </summary>
    private async Task ShouldBeRefusedAsync(Dictionary<string, string?> tls)
    {
        var refusedBefore = cluster.RefusedHandshakes();

        await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(tls, RefusalWindow));

        Assert.True(cluster.RefusedHandshakes() > refusedBefore, "The silo did not log a refused TLS handshake.");
    }

    [Fact]
    public void Tls_settings_are_validated_at_start()
    {
        var errors = new ClusterTlsOptions { Enabled = true, CertificatePath = Path.Combine(cluster.Folder, "missing.crt") }.Validate();

        Assert.Contains(errors, e => e.Contains("no file at", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("KeyPath is required", StringComparison.Ordinal));
        Assert.Empty(new ClusterTlsOptions().Validate());
    }

    /// <summary>Connects an Orleans client (the client library's registration) to the primary silo's gateway; bounded.</summary>
    private async Task<IHost> ConnectAsync(Dictionary<string, string?> tls, TimeSpan? timeout = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Personalization:Client:Clustering"] = "Static",
            ["Personalization:Client:GatewayEndpoints:0"] = $"127.0.0.1:{cluster.Primary.Gateway}",
            ["Personalization:Client:ClusterId"] = cluster.ClusterId,
            ["Personalization:Auth:SigningKey"] = PersonalizationApiHost.SigningKey,
        });
        builder.Configuration.AddInMemoryCollection(tls);
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        builder.AddPersonalizationClient();
        var host = builder.Build();
        try
        {
            await host.StartAsync().WaitAsync(timeout ?? TimeSpan.FromSeconds(60));
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + TlsClusterFixture.StartTimeout;
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline) return value;
            await Task.Delay(250); // the second silo joins membership on its own schedule; poll, bounded
        }
    }
}
