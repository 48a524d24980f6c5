using k8s;
using k8s.Models;
using Personalization.Client.Operations;
using Personalization.Grains.Hosting;
using Personalization.Tests.Support;

namespace Personalization.Tests.Operations;

/// <summary>
/// The k8s/ manifests load strictly (unknown fields, wrong types, duplicate keys fail), render with kustomize, and refer
/// only to things that exist: what kubectl cannot check offline.
/// </summary>
[Trait("Category", "Operations")]
[Trait("Requires", "Kubectl")]
public sealed class ManifestTests
{
    private const string Silo = "personalization-silo";
    private const string Gateway = "personalization-gateway";
    private const string SecretName = "personalization-secrets";

    public static TheoryData<string> ManifestFiles() => [.. Manifests.Files.Select(f => Path.GetRelativePath(Manifests.K8s, f))];

    public static TheoryData<string> Renderings() => ["base", .. Manifests.Overlays.Select(o => $"overlays/{o}")];

    [Theory]
    [MemberData(nameof(ManifestFiles))]
    public void Every_manifest_loads_strictly(string file)
    {
        var objects = Manifests.Load(File.ReadAllText(Path.Combine(Manifests.K8s, file)));
        Assert.NotEmpty(objects);
    }

    [SkippableTheory]
    [MemberData(nameof(Renderings))]
    public void Kustomize_renders_and_the_rendering_loads_strictly(string directory)
    {
        RequiredTool.Path(Manifests.Kubectl, "kubectl", "PERSONALIZATION_REQUIRE_KUBECTL", "install kubectl");

        var objects = Manifests.Load(Manifests.Render(directory));
        Assert.Contains(objects, o => o is V1Deployment { Metadata.Name: Silo });
        Assert.Contains(objects, o => o is V1Deployment { Metadata.Name: Gateway });
        if (directory != "base") Assert.All(objects, o => Assert.False(string.IsNullOrEmpty(((IKubernetesObject<V1ObjectMeta>)o).Metadata.NamespaceProperty)));
        CrossReferencesHold(objects);
    }

    [Fact]
    public void Base_cross_references_hold() => CrossReferencesHold(Manifests.Base());

    private static void CrossReferencesHold(List<object> objects)
    {
        var deployments = objects.OfKind<V1Deployment>().ToList();
        var configMaps = objects.OfKind<V1ConfigMap>().ToList();
        var docs = File.ReadAllText(Path.Combine(Manifests.K8s, "README.md"));
        Assert.Empty(objects.OfKind<V1Secret>()); // no secret is committed

        foreach (var deployment in deployments)
        {
            var labels = deployment.Spec.Template.Metadata.Labels;
            Assert.True(Selects(deployment.Spec.Selector, labels), $"{deployment.Metadata.Name}: selector does not match its template labels.");
            var pod = deployment.Spec.Template.Spec;
            Assert.Contains(objects.OfKind<V1ServiceAccount>(), a => a.Metadata.Name == pod.ServiceAccountName);
            foreach (var container in pod.Containers)
            {
                var ports = container.Ports.Select(p => p.Name).ToHashSet();
                Assert.Equal(HealthEndpoints.Startup, container.StartupProbe.HttpGet.Path);
                Assert.Equal(HealthEndpoints.Ready, container.ReadinessProbe.HttpGet.Path);
                Assert.Equal(HealthEndpoints.Live, container.LivenessProbe.HttpGet.Path);
                foreach (var probe in new[] { container.StartupProbe, container.ReadinessProbe, container.LivenessProbe })
                {
                    Assert.Contains(probe.HttpGet.Port.Value, ports);
                }

                Assert.Equal(8080, container.Ports.Single(p => p.Name == "http").ContainerPort);
                Assert.True(container.Resources.Requests.ContainsKey("cpu") && container.Resources.Requests.ContainsKey("memory"));
                Assert.False(container.Resources.Limits?.ContainsKey("cpu") ?? false, $"{container.Name}: no CPU limit.");
                foreach (var source in container.EnvFrom ?? [])
                {
                    Assert.Contains(configMaps, c => c.Metadata.Name == source.ConfigMapRef.Name);
                }

                foreach (var variable in container.Env ?? [])
                {
                    if (variable.ValueFrom?.SecretKeyRef is { } secret)
                    {
                        Assert.Equal(SecretName, secret.Name);
                        Assert.Contains($"`{secret.Key}`", docs, StringComparison.Ordinal);
                    }

                    if (variable.ValueFrom?.ConfigMapKeyRef is { } key)
                    {
                        Assert.Contains(configMaps, c => c.Metadata.Name == key.Name && c.Data.ContainsKey(key.Key));
                    }
                }
            }
        }

        Assert.Contains($"`{SecretName}`", docs, StringComparison.Ordinal);
        foreach (var service in objects.OfKind<V1Service>())
        {
            var target = deployments.SingleOrDefault(d => service.Spec.Selector.All(s => d.Spec.Template.Metadata.Labels.TryGetValue(s.Key, out var v) && v == s.Value));
            Assert.True(target is not null, $"Service {service.Metadata.Name} selects no deployment.");
            var ports = target.Spec.Template.Spec.Containers.SelectMany(c => c.Ports).ToList();
            Assert.All(service.Spec.Ports, p => Assert.Contains(ports, cp => cp.Name == p.TargetPort.Value || cp.ContainerPort.ToString() == p.TargetPort.Value));
        }

        foreach (var budget in objects.OfKind<V1PodDisruptionBudget>())
        {
            Assert.Single(deployments, d => Selects(budget.Spec.Selector, d.Spec.Template.Metadata.Labels));
        }

        var autoscalers = objects.OfKind<V2HorizontalPodAutoscaler>().ToList();
        Assert.Equal(2, autoscalers.Count);
        foreach (var autoscaler in autoscalers)
        {
            Assert.Equal("Deployment", autoscaler.Spec.ScaleTargetRef.Kind);
            Assert.Contains(deployments, d => d.Metadata.Name == autoscaler.Spec.ScaleTargetRef.Name);
        }

        foreach (var binding in objects.OfKind<V1RoleBinding>())
        {
            Assert.Equal("Role", binding.RoleRef.Kind);
            Assert.Contains(objects.OfKind<V1Role>(), r => r.Metadata.Name == binding.RoleRef.Name);
            Assert.All(binding.Subjects, s => Assert.Contains(objects.OfKind<V1ServiceAccount>(), a => a.Metadata.Name == s.Name && s.Kind == "ServiceAccount"));
        }

        var rule = Assert.Single(Assert.Single(objects.OfKind<V1Role>()).Rules);
        Assert.Equal(["pods"], rule.Resources);
        Assert.Equal(["get", "list", "watch"], rule.Verbs.Order());
        Assert.Empty(objects.OfKind<V1ClusterRole>());

        SiloMatchesTheCode(objects.Deployment(Silo), Assert.Single(configMaps));
        NetworkPolicyGuardsSiloPorts(objects, deployments);
    }

    private static void SiloMatchesTheCode(V1Deployment silo, V1ConfigMap config)
    {
        var defaults = new SiloSettings();
        var pod = silo.Spec.Template;
        var container = Assert.Single(pod.Spec.Containers);
        Assert.Equal(defaults.SiloPort, container.Ports.Single(p => p.Name == "silo").ContainerPort);
        Assert.Equal(defaults.GatewayPort, container.Ports.Single(p => p.Name == "gateway").ContainerPort);
        Assert.Equal(defaults.SiloPort.ToString(), config.Data["Personalization__Silo__SiloPort"]);
        Assert.Equal(defaults.GatewayPort.ToString(), config.Data["Personalization__Silo__GatewayPort"]);
        var management = container.Ports.Single(p => p.Name == "management").ContainerPort;
        Assert.Equal(management.ToString(System.Globalization.CultureInfo.InvariantCulture), config.Data["Personalization__Management__Port"]);
        Assert.Equal($"http://+:8080;http://+:{management}", config.Data["ASPNETCORE_URLS"]);

        // Downward API: what KubernetesEnvironment maps.
        foreach (var (variable, field) in new[] { ("POD_NAME", "metadata.name"), ("POD_NAMESPACE", "metadata.namespace"), ("POD_IP", "status.podIP") })
        {
            Assert.Equal(field, container.Env.Single(e => e.Name == variable).ValueFrom.FieldRef.FieldPath);
        }

        Assert.Equal(config.Data["ORLEANS_SERVICE_ID"], pod.Metadata.Labels["orleans/serviceId"]);
        Assert.Equal(config.Data["ORLEANS_CLUSTER_ID"], pod.Metadata.Labels["orleans/clusterId"]);
        Assert.Equal(config.Data["ORLEANS_CLUSTER_ID"], config.Data["Personalization__Client__ClusterId"]);
        Assert.Equal(config.Data["ORLEANS_SERVICE_ID"], config.Data["Personalization__Client__ServiceId"]);

        var shutdown = TimeSpan.Parse(config.Data["Personalization__Silo__ShutdownTimeout"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(pod.Spec.TerminationGracePeriodSeconds > shutdown.TotalSeconds,
            $"terminationGracePeriodSeconds ({pod.Spec.TerminationGracePeriodSeconds}) must exceed the shutdown timeout ({shutdown}).");
    }

    private static void NetworkPolicyGuardsSiloPorts(List<object> objects, List<V1Deployment> deployments)
    {
        var silo = deployments.Single(d => d.Metadata.Name == Silo);
        var gateway = deployments.Single(d => d.Metadata.Name == Gateway);
        var policy = Assert.Single(objects.OfKind<V1NetworkPolicy>(), p => Selects(p.Spec.PodSelector, silo.Spec.Template.Metadata.Labels));
        Assert.True(Selects(policy.Spec.PodSelector, silo.Spec.Template.Metadata.Labels));
        Assert.Contains("Ingress", policy.Spec.PolicyTypes);
        foreach (var port in new[] { "11111", "30000" })
        {
            var rules = policy.Spec.Ingress.Where(r => r.Ports is null || r.Ports.Any(p => p.Port.Value == port)).ToList();
            Assert.NotEmpty(rules);
            foreach (var rule in rules)
            {
                Assert.NotNull(rule.FromProperty);
                Assert.All(rule.FromProperty, peer =>
                {
                    Assert.Null(peer.IpBlock);
                    Assert.Null(peer.NamespaceSelector);
                    Assert.True(
                        Selects(peer.PodSelector, silo.Spec.Template.Metadata.Labels) || Selects(peer.PodSelector, gateway.Spec.Template.Metadata.Labels),
                        $"Port {port} is open to pods other than silos and gateways.");
                });
            }
        }
    }

    internal static bool Selects(V1LabelSelector? selector, IDictionary<string, string> labels) =>
        selector?.MatchLabels is { Count: > 0 } match
        && selector.MatchExpressions is null
        && match.All(m => labels.TryGetValue(m.Key, out var v) && v == m.Value);
}
