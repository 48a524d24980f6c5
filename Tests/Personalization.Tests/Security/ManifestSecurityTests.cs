using k8s.Models;
using Personalization.Tests.Operations;
using Xunit.Abstractions;

namespace Personalization.Tests.Security;

/// <summary>
/// The rendered manifests give no pod a Kubernetes API token it does not use (finding 8: Orleans Kubernetes hosting is
/// off in the ConfigMap, so neither the silo nor the gateway mounts a service-account token), and no pod holds a
/// token-signing secret: tokens are validated with the identity provider's public keys (finding 1).
/// </summary>
[Trait("Category", "Security")]
public sealed class ManifestSecurityTests(ITestOutputHelper output)
{
    public static TheoryData<string> Renderings() => ["base", .. Manifests.Overlays.Select(o => $"overlays/{o}")];

    [Theory]
    [MemberData(nameof(Renderings))]
    public void No_pod_mounts_a_service_account_token(string directory)
    {
        if (Manifests.Kubectl is null)
        {
            Assert.False(Environment.GetEnvironmentVariable("PERSONALIZATION_REQUIRE_KUBECTL") == "1", "kubectl is required in CI but not on PATH.");
            output.WriteLine($"SKIPPED: kubectl is not on PATH; {directory} not rendered.");
            return;
        }

        var objects = Manifests.Load(Manifests.Render(directory));
        var hosting = objects.OfKind<V1ConfigMap>().SelectMany(c => c.Data ?? new Dictionary<string, string>())
            .Single(kv => kv.Key == "Personalization__Silo__UseKubernetesHosting").Value;

        Assert.Equal("false", hosting);
        Assert.All(objects.OfKind<V1Deployment>(), d => Assert.False(d.Spec.Template.Spec.AutomountServiceAccountToken ?? true, d.Metadata.Name));
        Assert.All(objects.OfKind<V1ServiceAccount>(), a => Assert.False(a.AutomountServiceAccountToken ?? true, a.Metadata.Name));
    }

    [Theory]
    [MemberData(nameof(Renderings))]
    public void No_pod_holds_a_token_signing_secret(string directory)
    {
        if (Manifests.Kubectl is null)
        {
            Assert.False(Environment.GetEnvironmentVariable("PERSONALIZATION_REQUIRE_KUBECTL") == "1", "kubectl is required in CI but not on PATH.");
            output.WriteLine($"SKIPPED: kubectl is not on PATH; {directory} not rendered.");
            return;
        }

        var objects = Manifests.Load(Manifests.Render(directory));
        var config = Assert.Single(objects.OfKind<V1ConfigMap>()).Data;
        var variables = objects.OfKind<V1Deployment>().SelectMany(d => d.Spec.Template.Spec.Containers).SelectMany(c => c.Env ?? []).Select(e => e.Name);

        Assert.DoesNotContain(variables.Concat(config.Keys), name => name.StartsWith("Personalization__Auth__SigningKey", StringComparison.Ordinal) || name.Contains("DevelopmentKey", StringComparison.Ordinal));
        var authority = config.TryGetValue("Personalization__Auth__Authority", out var a) ? a : config["Personalization__Auth__JwksUri"];
        Assert.StartsWith("https://", authority, StringComparison.Ordinal);
        Assert.True(TimeSpan.Parse(config["Personalization__Auth__MaxTokenLifetime"], System.Globalization.CultureInfo.InvariantCulture) <= TimeSpan.FromHours(1));
    }
}
