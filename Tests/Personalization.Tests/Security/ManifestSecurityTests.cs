using k8s.Models;
using Personalization.Tests.Operations;
using Personalization.Tests.Support;

namespace Personalization.Tests.Security;

/// <summary>
/// The rendered manifests give no pod a Kubernetes API token it does not use (finding 8: Orleans Kubernetes hosting is
/// off in the ConfigMap, so neither the silo nor the gateway mounts a service-account token), and no pod holds a
/// token-signing secret: tokens are validated with the identity provider's public keys (finding 1).
/// </summary>
[Trait("Category", "Security")]
[Trait("Requires", "Kubectl")]
public sealed class ManifestSecurityTests
{
    public static TheoryData<string> Renderings() => ["base", .. Manifests.Overlays.Select(o => $"overlays/{o}")];

    [SkippableTheory]
    [MemberData(nameof(Renderings))]
    public void No_pod_mounts_a_service_account_token(string directory)
    {
        RequiredTool.Path(Manifests.Kubectl, "kubectl", "PERSONALIZATION_REQUIRE_KUBECTL", "install kubectl");

        var objects = Manifests.Load(Manifests.Render(directory));
        var hosting = objects.OfKind<V1ConfigMap>().SelectMany(c => c.Data ?? new Dictionary<string, string>())
            .Single(kv => kv.Key == "Personalization__Silo__UseKubernetesHosting").Value;

        Assert.Equal("false", hosting);
        Assert.All(objects.OfKind<V1Deployment>(), d => Assert.False(d.Spec.Template.Spec.AutomountServiceAccountToken ?? true, d.Metadata.Name));
        Assert.All(objects.OfKind<V1ServiceAccount>(), a => Assert.False(a.AutomountServiceAccountToken ?? true, a.Metadata.Name));
    }

    [SkippableTheory]
    [MemberData(nameof(Renderings))]
    public void No_pod_holds_a_token_signing_secret(string directory)
    {
        RequiredTool.Path(Manifests.Kubectl, "kubectl", "PERSONALIZATION_REQUIRE_KUBECTL", "install kubectl");

        var objects = Manifests.Load(Manifests.Render(directory));
        var config = Assert.Single(objects.OfKind<V1ConfigMap>()).Data;
        var variables = objects.OfKind<V1Deployment>().SelectMany(d => d.Spec.Template.Spec.Containers).SelectMany(c => c.Env ?? []).Select(e => e.Name);

        Assert.DoesNotContain(variables.Concat(config.Keys), name => name.StartsWith("Personalization__Auth__SigningKey", StringComparison.Ordinal) || name.Contains("DevelopmentKey", StringComparison.Ordinal));
        var authority = config.TryGetValue("Personalization__Auth__Authority", out var a) ? a : config["Personalization__Auth__JwksUri"];
        Assert.StartsWith("https://", authority, StringComparison.Ordinal);
        Assert.True(TimeSpan.Parse(config["Personalization__Auth__MaxTokenLifetime"], System.Globalization.CultureInfo.InvariantCulture) <= TimeSpan.FromHours(1));
    }

    [SkippableTheory]
    [MemberData(nameof(Renderings))]
    public void The_management_port_is_reachable_only_from_monitoring_and_behind_no_service(string directory)
    {
        RequiredTool.Path(Manifests.Kubectl, "kubectl", "PERSONALIZATION_REQUIRE_KUBECTL", "install kubectl");

        var objects = Manifests.Load(Manifests.Render(directory));
        var config = Assert.Single(objects.OfKind<V1ConfigMap>()).Data;
        var port = int.Parse(config["Personalization__Management__Port"], System.Globalization.CultureInfo.InvariantCulture);
        var policies = objects.OfKind<V1NetworkPolicy>().ToList();
        foreach (var deployment in objects.OfKind<V1Deployment>())
        {
            var labels = deployment.Spec.Template.Metadata.Labels;
            var container = Assert.Single(deployment.Spec.Template.Spec.Containers);
            Assert.Equal(port, container.Ports.Single(p => p.Name == "management").ContainerPort);
            Assert.All(new[] { container.StartupProbe, container.ReadinessProbe, container.LivenessProbe }, probe => Assert.Equal("management", probe.HttpGet.Port.Value));

            // A policy selects the pod, and every rule that admits the management port admits only Prometheus in "monitoring".
            var policy = Assert.Single(policies, p => ManifestTests.Selects(p.Spec.PodSelector, labels));
            var rules = policy.Spec.Ingress.Where(r => r.Ports is null || r.Ports.Any(p => p.Port.Value == port.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
            Assert.NotEmpty(rules);
            Assert.All(rules, rule =>
            {
                var peer = Assert.Single(rule.FromProperty ?? []);
                Assert.Equal("monitoring", peer.NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"]);
                Assert.Equal("prometheus", peer.PodSelector.MatchLabels["app.kubernetes.io/name"]);
            });
        }

        var gatewayService = objects.OfKind<V1Service>().Single(s => s.Metadata.Name == "personalization-gateway");
        Assert.All(gatewayService.Spec.Ports, p => Assert.NotEqual("management", p.TargetPort.Value));
        Assert.All(gatewayService.Spec.Ports, p => Assert.NotEqual(port.ToString(System.Globalization.CultureInfo.InvariantCulture), p.TargetPort.Value));
        Assert.DoesNotContain(config.Keys, k => k == "Personalization__Silo__ServeApi"); // production silos leave /v1 to the gateways
    }

    [SkippableFact]
    public void Production_runs_mutual_tls_with_the_certificate_from_a_secret()
    {
        RequiredTool.Path(Manifests.Kubectl, "kubectl", "PERSONALIZATION_REQUIRE_KUBECTL", "install kubectl");

        var objects = Manifests.Load(Manifests.Render("overlays/production"));
        var config = Assert.Single(objects.OfKind<V1ConfigMap>()).Data;
        var docs = File.ReadAllText(Path.Combine(Manifests.K8s, "README.md"));

        Assert.Equal("true", config["Personalization__Tls__Enabled"]);
        foreach (var deployment in objects.OfKind<V1Deployment>())
        {
            var pod = deployment.Spec.Template.Spec;
            var volume = Assert.Single(pod.Volumes, v => v.Secret is not null && v.Secret.SecretName == "personalization-cluster-tls");
            var mount = Assert.Single(Assert.Single(pod.Containers).VolumeMounts, m => m.Name == volume.Name);
            Assert.True(mount.ReadOnlyProperty);
            Assert.Equal(pod.SecurityContext.RunAsGroup, pod.SecurityContext.FsGroup); // mode 0440 files readable by the app
            foreach (var (setting, file) in new[] { ("CertificatePath", "tls.crt"), ("KeyPath", "tls.key"), ("CaPath", "ca.crt") })
            {
                Assert.Equal($"{mount.MountPath}/{file}", config[$"Personalization__Tls__{setting}"]);
            }
        }

        Assert.Empty(objects.OfKind<V1Secret>()); // created by hand, never committed
        Assert.Contains("`personalization-cluster-tls`", docs, StringComparison.Ordinal);
    }
}
